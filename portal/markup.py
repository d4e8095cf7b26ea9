"""User text -> safe HTML. Rendered once, on save; templates show the stored result.

Markdown with raw HTML disabled (bare web and email addresses become links), then nh3 (the
Ammonia sanitiser) with a small allowlist. Links get rel="nofollow ugc noopener"; only http,
https and mailto survive. Every step runs in time linear in the text's length: a 20,000-character
post of one token, digits or brackets renders in milliseconds (bench/safety.py measures it).
"""

import html as html_module
import re
import types
import xml.etree.ElementTree as etree
from functools import lru_cache, partial

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}  # rel is set by nh3 on every link
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# A bare address starts where no word character precedes it, so each start is tried once and a
# long run of letters is scanned once, not once per position.
BARE_URL = r"(?<![\w/@.:-])(?:https?://|www\.)[^\s<>\"'`\[\]()]+(?<![.,;:!?])"
BARE_EMAIL = r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b"


class _BareLink(InlineProcessor):
    def __init__(self, pattern, md, mailto=False):
        super().__init__(pattern, md)
        self.mailto = mailto

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        text = m.group(0)
        element = etree.Element("a")
        if self.mailto:
            element.set("href", "mailto:" + text)
        else:
            element.set("href", text if "://" in text else "http://" + text)
        element.text = text
        return element, m.start(0), m.end(0)


MAX_LINK_ADDRESS = 1000  # a link's (address "title") longer than this stays text


def _closing(data, pair):
    """{index of each opening character: index of its matching closing one} in one pass."""
    opening = pair[0]
    closes, open_at = {}, []
    for match in re.finditer("[" + re.escape(pair) + "]", data):
        if match.group(0) == opening:
            open_at.append(match.start())
        elif open_at:
            closes[open_at.pop()] = match.start()
    return closes


_MATCHED = {"of": None}  # the last text's matching brackets, shared by the six link processors


def _matches_in(self, data):
    if _MATCHED["of"] is not data:
        _MATCHED.update({"of": data, "brackets": _closing(data, "[]"), "parens": _closing(data, "()")})
    return _MATCHED["brackets"], _MATCHED["parens"]


def _linear_get_text(self, data, index):
    """Python-Markdown's getText for links, without rescanning the rest of the text for every '['
    (5,000 brackets took 18 s): the matching ']' of every '[' is found once per text."""
    close = _matches_in(self, data)[0].get(index - 1)
    if close is None:
        return data[index:], len(data), False
    return data[index:close], close + 1, True


def _bounded_get_link(self, data, index, *, get_link):
    """Python-Markdown's getLink, reading at most MAX_LINK_ADDRESS characters, and only when the
    '(' has a matching ')' that near (else each '[x](' rescanned the rest of the text)."""
    if data.startswith("(", index):
        close = _matches_in(self, data)[1].get(index)
        if close is None or close - index > MAX_LINK_ADDRESS:
            return "", None, index, False
        data = data[:index + MAX_LINK_ADDRESS + 1]
    return get_link(data, index)


class _NoRawHtml(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        for name in ("reference", "link", "image_link", "image_reference", "short_reference",
                     "short_image_ref"):
            processor = md.inlinePatterns[name]
            processor.getText = types.MethodType(_linear_get_text, processor)
            processor.getLink = types.MethodType(partial(_bounded_get_link, get_link=processor.getLink),
                                                 processor)
        # Below links and autolinks (priorities 160/120), above emphasis, so a URL's underscores
        # are not read as emphasis; code spans (190) keep their text as it is.
        md.inlinePatterns.register(_BareLink(BARE_URL, md), "bare_url", 115)
        md.inlinePatterns.register(_BareLink(BARE_EMAIL, md, mailto=True), "bare_email", 114)


# Python-Markdown spends a few microseconds on every inline marker ('[', '_', '*', '&', '\\', '`',
# '<'), each tried by several patterns: 5,000 link starts or 4,000 entities took 40-60 ms. A text
# with more markers than anyone writes by hand is shown as plain paragraphs, as typed (its
# markers and entities visible, nothing hidden), which takes well under a millisecond.
# Blocks cost more (about 25 microseconds a list item or heading, and quotes nest): 5,000 list
# items took 120 ms, 2,500 nested quotes 60 ms. More than MAX_BLOCK_MARKERS ('>' anywhere, or lines
# starting a list item or heading), or quotes nested 16 deep, are shown as typed too.
MAX_INLINE_MARKERS = 1500
INLINE_MARKERS = "[_*&\\`<"
MAX_BLOCK_MARKERS = 500
DEEP_QUOTE = re.compile(r"(?:>[^\S\n]{0,3}){16}")  # quotes nested 16 deep cost more as they nest
BLOCK_LINE = re.compile(r"^[^\S\n]{0,3}(?:[-*+#]|\d{1,9}[.)])", re.MULTILINE)


def _too_dense(source):
    if len(source) <= MAX_BLOCK_MARKERS:
        return False
    if sum(source.count(ch) for ch in INLINE_MARKERS) > MAX_INLINE_MARKERS:
        return True
    blocks = source.count(">")
    if blocks > MAX_BLOCK_MARKERS or DEEP_QUOTE.search(source):
        return True
    for _ in BLOCK_LINE.finditer(source):
        blocks += 1
        if blocks > MAX_BLOCK_MARKERS:
            return True
    return False


def _as_typed(source):
    paragraphs = (p.strip() for p in re.split(r"\n[^\S\n]*\n", source))
    return "\n".join(f"<p>{html_module.escape(p, quote=False)}</p>" for p in paragraphs if p)


@lru_cache(maxsize=64)
def render(source):
    """Return sanitised HTML for `source` (Markdown written by a user). Remembered for the last
    few texts: saving a post reads it twice (the moderation detector, then the stored HTML)."""
    source = source or ""
    if _too_dense(source):
        html = _as_typed(source)
    else:
        html = markdown.markdown(source, extensions=[_NoRawHtml(), "sane_lists", "fenced_code"],
                                 output_format="html")
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=set(ALLOWED_PROTOCOLS), link_rel=LINK_REL, strip_comments=True)


def plain_text(source, limit=None):
    """The text of `source` without markup, for summaries, feeds and search."""
    text = strip_tags(render(source)).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def strip_tags(html):
    """The text of sanitised `html`, still HTML-escaped (as templates expect to escape nothing)."""
    return nh3.clean(html, tags=set())
