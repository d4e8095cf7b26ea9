"""Turn what someone typed into words and phrases every engine can search safely."""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what we searched for, cleaned and shortened
    terms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    truncated: bool = False
    raw: str = field(default="", compare=False)

    @property
    def is_empty(self):
        return not self.terms and not self.phrases

    @property
    def all_words(self):
        words = list(self.terms)
        for phrase in self.phrases:
            words.extend(phrase.split())
        return words


def parse(raw):
    """Words outside quotes are searched together (all must match, in any form); text in double
    quotes is a phrase. Operators and punctuation (AND, *, ~, brackets) are treated as text, so
    nothing typed can reach an engine's query syntax."""
    raw = raw or ""
    cleaned = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch in " \t")
    cleaned = " ".join(cleaned.split())
    truncated = len(cleaned) > MAX_QUERY_LENGTH
    cleaned = cleaned[:MAX_QUERY_LENGTH]
    terms, phrases = [], []
    for position, part in enumerate(cleaned.split('"')):
        words = [word.lower() for word in _WORD.findall(part) if word.strip("_")]
        if not words:
            continue
        if position % 2 == 1 and len(words) > 1:
            phrases.append(" ".join(words))
        else:
            terms.extend(words)
    terms = list(dict.fromkeys(terms))
    truncated = truncated or len(terms) > MAX_TERMS
    return ParsedQuery(
        text=cleaned,
        terms=tuple(terms[:MAX_TERMS]),
        phrases=tuple(phrases[:3]),
        truncated=truncated,
        raw=raw,
    )
