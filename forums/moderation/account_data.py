"""A resident's moderation data in their export, and what account deletion removes."""

from .models import Flag, Notice, Sanction, Standing


def _iso(value):
    return value.isoformat() if value else None


def export_moderation_data(sender, user, **kwargs):
    standing = Standing.objects.filter(user=user).first()
    return {"moderation": {
        "trust_level": standing.get_trust_level_display() if standing else "New",
        "silenced_until": _iso(standing.silenced_until) if standing else None,
        "suspended_until": _iso(standing.suspended_until) if standing else None,
        "flags": [{"post": f.post_id, "reason": f.get_reason_display(), "note": f.note,
                   "created_at": f.created_at.isoformat()}
                  for f in Flag.objects.filter(user=user).order_by("created_at")],
        "sanctions": [{"kind": s.kind, "reason": s.reason, "since": _iso(s.created_at),
                       "until": _iso(s.until), "lifted_at": _iso(s.lifted_at)}
                      for s in Sanction.objects.filter(user=user).order_by("created_at")],
        "notices": [{"kind": n.kind, "thread": n.thread_title, "reason": n.reason,
                     "message": n.body, "your_text": n.original_text,
                     "created_at": _iso(n.created_at)}
                    for n in Notice.objects.filter(user=user).order_by("created_at")],
    }}


def anonymise_moderation_data(sender, user, **kwargs):
    """Flag notes may identify the flagger; the flags themselves stay so counts stay right."""
    Flag.objects.filter(user=user).update(note="")
    Standing.objects.filter(user=user).update(staff_note="")
    Notice.objects.filter(user=user).delete()  # their own text and messages to them
