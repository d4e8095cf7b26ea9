"""User text -> safe HTML. Rendered once, on save; templates show the stored result.

Markdown with raw HTML disabled, then bleach with a small allowlist. Links get
rel="nofollow ugc noopener"; only http, https and mailto survive.
"""

from functools import partial

import bleach
import markdown
from bleach.linkifier import DEFAULT_CALLBACKS

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(bleach.linkifier.LinkifyFilter, callbacks=[*DEFAULT_CALLBACKS, _set_rel],
                     skip_tags={"pre", "code"}, parse_email=True)],
)


class _NoRawHtml(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render(source):
    """Return sanitised HTML for `source` (Markdown written by a user)."""
    html = markdown.markdown(source or "", extensions=[_NoRawHtml(), "sane_lists", "fenced_code"],
                             output_format="html")
    return _cleaner.clean(html)


def plain_text(source, limit=None):
    """The text of `source` without markup, for summaries, feeds and search."""
    text = bleach.clean(render(source), tags=set(), strip=True).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
