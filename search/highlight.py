"""Snippets: a short window of a document's text around the words that matched, with the words
marked. Text is escaped piece by piece, so only our own <mark> tags are HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 220


def _stem(word):
    # A cheap prefix so "partnerships" marks "partnership" and "meetings" marks "meeting".
    return word if len(word) <= 4 else word[: max(4, len(word) - 3)]


def word_pattern(words):
    stems = sorted({_stem(word) for word in words if word}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)


def snippet(text, words, length=SNIPPET_LENGTH):
    text = " ".join((text or "").split())
    pattern = word_pattern(words)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    window = text[start : start + length]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    if start > 0:
        window = "… " + window
    return mark(window, pattern)


def mark(text, pattern):
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped
