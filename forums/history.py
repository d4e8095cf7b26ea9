"""A post's earlier versions as readers may see them ("edited — see changes").

Only versions the public could read are shown: a version replaced while the post or its thread
was held for review or hidden was never public, and nothing from before a moderator's redaction
is shown (an earlier version may hold what was redacted). Moderators see redacted originals in
the review tools, not here."""

import difflib
import html
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import format_html, format_html_join, strip_tags

from .moderation.models import Redaction


@dataclass(slots=True)
class Version:
    body_html: str
    until: datetime | None  # None: the current version
    changes: str  # the words added and removed since the version before, as safe HTML


def public_versions(post):
    """[Version], newest first: the current text, then each earlier public version."""
    last_redaction = (Redaction.objects.filter(post=post).order_by("-created_at")
                      .values_list("created_at", flat=True).first())
    revisions = post.revisions.filter(was_public=True)
    if last_redaction is not None:
        revisions = revisions.filter(created_at__gt=last_redaction)
    bodies = [(post.body_html, None)] + [(r.body_html, r.created_at) for r in revisions]
    versions = []
    for index, (body, until) in enumerate(bodies):
        older = bodies[index + 1][0] if index + 1 < len(bodies) else None
        versions.append(Version(body, until, word_changes(older, body) if older is not None else ""))
    return versions


def _words(body_html):
    return html.unescape(strip_tags(body_html or "")).split()


def word_changes(before_html, after_html):
    """The text of `after` with words removed since `before` in <del> and added ones in <ins>."""
    before, after = _words(before_html), _words(after_html)
    parts = []
    for op, b1, b2, a1, a2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(before[b1:b2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(after[a1:a2])))
        if op == "equal":
            parts.append(format_html("{}", " ".join(after[a1:a2])))
    return format_html_join(" ", "{}", ((part,) for part in parts))
