"""Every moderation change: check permission, change the database in one transaction, write the
audit log (Wagtail's `log()`, actions registered in wagtail_hooks.py) and schedule side effects
after commit. The thread bookkeeping it shares with the forum (refreshing a thread, its first post,
notifying followers) is forums.threads."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from forums import threads
from forums.models import Visibility
from forums.signals import announce
from portal import country, markup
from portal.accounts.audit import log

from . import detection, emails, notes, permissions, policy
from .models import (
    Flag,
    FlagReason,
    Notice,
    NoticeKind,
    Redaction,
    ReviewItem,
    ReviewReason,
    ReviewStatus,
    Sanction,
    SanctionKind,
    Standing,
    TrustLevel,
)


def _require_moderator(user):
    if not permissions.can_moderate(user):
        raise PermissionDenied(_("Only moderators can do this."))


# Recording what the policy decided (called by forums.actions inside its transaction) ---------

def record_decision(post, decision):
    """Put a held or urgent post in the review queue."""
    if not decision.needs_review:
        return None
    details = notes.stored(decision.notes)
    item = ReviewItem.objects.filter(post=post, status=ReviewStatus.OPEN).first()
    if item is None:
        item = ReviewItem.objects.create(post=post, reason=decision.reason, details=details,
                                         notes=decision.notes, urgent=decision.crisis,
                                         was_held=decision.is_held)
    else:  # an edit of a post already in the queue: the item says so and keeps its place
        item.reason, item.details, item.notes = decision.reason, details, decision.notes
        item.urgent = item.urgent or decision.crisis
        item.save(update_fields=["reason", "details", "notes", "urgent"])
    log(instance=item, action="moderation.post.held" if decision.is_held else "moderation.post.urgent",
        user=post.author, data={"post": post.pk, "reason": item.reason, "details": item.details})
    return item


# Flags ---------------------------------------------------------------------------------------

def flag_post(post, *, by, reason, note=""):
    """Flag `post` once per person. A "danger" flag is urgent; at the site's threshold of flags
    from different residents the post is hidden until a moderator reviews it."""
    if not permissions.can_flag(by, post):
        raise PermissionDenied(_("You cannot flag this post."))
    reason = FlagReason(reason)
    note = (note or "").strip()
    if reason == FlagReason.OTHER and not note:
        raise ValidationError(_("Tell us in a few words what is wrong."))
    if Flag.objects.filter(post=post, user=by).exists():
        raise ValidationError(_("You have already flagged this post. Thank you: a moderator will look "
                                "at it."))
    config = policy.current_settings()
    with transaction.atomic():
        Flag.objects.create(post=post, user=by, reason=reason, note=note[:500])
        item = _open_flag_item(post, urgent=reason == FlagReason.DANGER)
        log(instance=post, action="moderation.post.flagged", user=by,
            data={"reason": reason.value, "note": note[:200]})
        if Flag.objects.filter(post=post).count() >= config.flag_threshold and post.is_public:
            _set_visibility(post, Visibility.PENDING)
            log(instance=item, action="moderation.post.hidden_by_flags", user=None,
                data={"post": post.pk, "flags": config.flag_threshold})
    return item


def _open_flag_item(post, *, urgent):
    item = ReviewItem.objects.filter(post=post, status=ReviewStatus.OPEN).first()
    if item is None:
        item = ReviewItem.objects.create(post=post, reason=ReviewReason.FLAGGED, urgent=urgent)
    elif urgent and not item.urgent:
        item.urgent = True
        item.save(update_fields=["urgent"])
    counts = {}
    for flag_reason in Flag.objects.filter(post=post).values_list("reason", flat=True):
        counts[flag_reason] = counts.get(flag_reason, 0) + 1
    if item.reason == ReviewReason.FLAGGED:
        item.notes = [notes.flags(counts)]
        item.details = notes.stored(item.notes)
        item.save(update_fields=["details", "notes"])
    return item


def _set_visibility(post, visibility):
    """Change a post's (and, for a thread's held first post, its thread's) visibility without a
    permission check: the callers have checked. The thread's counts and announcements follow."""
    was_public = post.is_public
    post.visibility = visibility
    post.save(update_fields=["visibility"])
    thread = post.thread
    if threads.is_first_post(post):  # the opening post carries its thread
        _set_thread_visibility(thread, visibility)
    threads.refresh_thread(thread)
    if was_public != post.is_public:
        announce(post, "shown" if post.is_public else "withdrawn")


def _set_thread_visibility(thread, visibility):
    was_public = thread.is_public
    if thread.visibility != visibility:
        thread.visibility = visibility
        if thread.is_public:  # its address is made from the title being published now
            thread.slug = threads.thread_slug(thread.title)
        thread.save(update_fields=["visibility", "slug"])
    if was_public != thread.is_public:
        announce(thread, "shown" if thread.is_public else "withdrawn")


# The review queue ---------------------------------------------------------------------------

def claim(item, *, by):
    """Take an item so two moderators do not work the same one. Returns False if another
    moderator holds it."""
    _require_moderator(by)
    with transaction.atomic():
        taken = ReviewItem.objects.filter(pk=item.pk, status=ReviewStatus.OPEN).filter(
            claimed_by__isnull=True).update(claimed_by=by, claimed_at=timezone.now())
        item.refresh_from_db(fields=["claimed_by", "claimed_at"])
        if taken:
            log(instance=item, action="moderation.item.claimed", user=by, data={"post": item.post_id})
    return bool(taken) or item.claimed_by_id == by.pk


def release(item, *, by):
    _require_moderator(by)
    with transaction.atomic():
        ReviewItem.objects.filter(pk=item.pk).update(claimed_by=None, claimed_at=None)
        item.claimed_by = None
        log(instance=item, action="moderation.item.released", user=by, data={"post": item.post_id})


def approve(item, *, by, reason=""):
    """The post is fine: it becomes (or stays) public; a held author counts one approved post."""
    _require_moderator(by)
    _check_claim(item, by)
    post = item.post
    with transaction.atomic():
        was_public = post.is_public
        _set_visibility(post, Visibility.VISIBLE)
        if item.was_held:
            _count_approved(post.author)
            if not was_public and not threads.is_first_post(post):
                threads.notify_followers(post)
        _resolve(item, _kept_status(item, was_public), by, reason)
        log(instance=item, action="moderation.item.approved", user=by,
            data={"post": post.pk, "reason": reason})
    return item


def _kept_status(item, was_public):
    if item.reason == ReviewReason.CRISIS:
        return ReviewStatus.FOLLOWED_UP
    if item.was_held or not was_public:
        return ReviewStatus.APPROVED
    return ReviewStatus.DISMISSED


def reject(item, *, by, reason):
    """The post stays off the site. The author is emailed the reason and their own text."""
    _require_moderator(by)
    _check_claim(item, by)
    reason = _need_reason(reason)
    post = item.post
    with transaction.atomic():
        _set_visibility(post, Visibility.REMOVED)
        _resolve(item, ReviewStatus.REJECTED, by, reason)
        log(instance=item, action="moderation.item.rejected", user=by,
            data={"post": post.pk, "reason": reason})
        _notify_rejected(item, by=by)
        emails.queue_rejection_email(item)
    return item


def _notify_rejected(item, *, by):
    """The author's on-site notice: the reason and their own text, so nothing is lost."""
    post, author = item.post, item.post.author
    if not author.is_active or author.is_anonymised:
        return None
    title = post.thread.title if threads.is_first_post(post) else ""
    original = f"{title}\n\n{post.body_source}" if title else post.body_source
    return Notice.objects.create(user=author, kind=NoticeKind.REJECTED, post=post,
                                 thread_title=post.thread.title, reason=item.resolution_reason,
                                 original_text=original, sent_by=by)


def reject_and_suspend(item, *, by, reason, until):
    """Reject the post and suspend its author until `until`, with the same reason, at once."""
    with transaction.atomic():
        reject(item, by=by, reason=reason)
        suspend(item.post.author, by=by, until=until, reason=reason)
    return item


def hide(post, *, by, reason):
    """Hide a public post (it is kept, and can be restored)."""
    _require_moderator(by)
    reason = _need_reason(reason)
    with transaction.atomic():
        _set_visibility(post, Visibility.HIDDEN)
        for item in ReviewItem.objects.filter(post=post, status=ReviewStatus.OPEN):
            _resolve(item, ReviewStatus.HIDDEN, by, reason)
        log(instance=post, action="moderation.post.hidden", user=by, data={"reason": reason})
    return post


def restore(post, *, by, reason=""):
    _require_moderator(by)
    with transaction.atomic():
        _set_visibility(post, Visibility.VISIBLE)
        log(instance=post, action="moderation.post.restored", user=by, data={"reason": reason})
    return post


def redact(post, *, by, body, reason):
    """Replace a post's text with an edited version. The original is kept for moderators and
    the post shows "edited by a moderator". The checks run again on what is left: the post is
    published if the redaction took out what held it, else its item stays in the queue."""
    _require_moderator(by)
    reason = _need_reason(reason)
    body = threads.clean_body(body)
    with transaction.atomic():
        Redaction.objects.create(post=post, original_source=post.body_source,
                                 original_html=post.body_html, reason=reason, redacted_by=by)
        post.body_source, post.body_html = body, markup.render(body)
        post.edited_at = timezone.now()
        post.save(update_fields=["body_source", "body_html", "edited_at"])
        log(instance=post, action="moderation.post.redacted", user=by, data={"reason": reason})
        if post.is_public:
            announce(post, "updated")
        _review_after_redaction(post, by=by, reason=reason)
    return post


def retitle(thread, *, by, title, reason):
    """Change a thread's title (to take out what it should not say), as a redaction of its
    opening post: the earlier title is kept for moderators. A public thread's address follows the
    new title and the old address stops working; a held one gets its address when it is
    published. The log says who and why, not the earlier title (it may hold what was taken out,
    and log entries show in admin reports)."""
    _require_moderator(by)
    reason = _need_reason(reason)
    title = threads.clean_title(title)
    first = thread.posts.order_by("created_at", "id").first()
    with transaction.atomic():
        if first is not None:
            Redaction.objects.create(post=first, original_source=first.body_source,
                                     original_html=first.body_html, original_title=thread.title,
                                     reason=reason, redacted_by=by)
        thread.title = title
        if thread.is_public:
            thread.slug = threads.thread_slug(title)
        thread.save(update_fields=["title", "slug"])
        log(instance=thread, action="moderation.thread.retitled", user=by,
            data={"reason": reason}, title=thread.log_title)
        if thread.is_public:
            announce(thread, "updated")
        if first is not None:
            first.thread = thread
            _review_after_redaction(first, by=by, reason=reason)
    return thread


# What each kind of personal detail becomes in a redacted post, in the board's language.
PLACEHOLDERS = {
    detection.Kind.PHONE: gettext_lazy("phone number removed"),
    detection.Kind.EMAIL: gettext_lazy("email address removed"),
    detection.Kind.ADDRESS: gettext_lazy("address removed"),
    detection.Kind.PLATE: gettext_lazy("number plate removed"),
    detection.Kind.SOCIAL: gettext_lazy("social media account removed"),
    detection.Kind.MESSAGING: gettext_lazy("messaging contact removed"),
}


def redact_findings(post, *, by, only=None, reason=""):
    """One-click redaction of what the detector found in a post (and, for an opening post, in
    its thread's title): each personal detail is replaced in the source by a placeholder such as
    "[phone number removed]" in the board's language. `only` is a (kind, text) pair to take out
    one finding; None takes out every personal detail found. It is a redaction like any other:
    `redact` and `retitle` keep the originals for moderators, log it, and run the checks again,
    so the post is published if nothing else holds it, or stays in the queue with an item.
    Crisis language is not redacted (it is followed up, not hidden). Returns the kinds taken out."""
    _require_moderator(by)
    item = ReviewItem.objects.filter(post=post, status=ReviewStatus.OPEN).select_related("claimed_by").first()
    if item is not None:
        _check_claim(item, by)
    thread = post.thread
    first = threads.is_first_post(post)
    options = {"country": country.code(), "service_numbers": policy.service_numbers()}
    title_findings = (_chosen(detection.inspect(thread.title, markdown=False, **options), only)
                      if first else [])
    body_findings = _chosen(detection.inspect(post.body_source, **options), only)
    if not title_findings and not body_findings:
        raise ValidationError(gettext("The post no longer holds that detail: nothing was redacted."))
    kinds = list(dict.fromkeys(f.kind for f in title_findings + body_findings))
    reason = (reason or "").strip() or gettext("Personal details removed: %(details)s") % {
        "details": notes.describe(title_findings + body_findings)}
    with translation.override(_board_language(thread)):
        title = _replace_findings(thread.title, title_findings, markdown=False)
        body = _replace_findings(post.body_source, body_findings, markdown=True)
    with transaction.atomic():
        if title_findings:
            retitle(thread, by=by, title=title, reason=reason)
            post.refresh_from_db()
        if body_findings:
            redact(post, by=by, body=body, reason=reason)
    return kinds


def _chosen(findings, only):
    personal = [f for f in findings if f.kind in PLACEHOLDERS]
    if only is None:
        return personal
    kind, text = only
    return [f for f in personal if f.kind == kind and f.text == text]


def _board_language(thread):
    locale = getattr(thread.board, "locale", None)
    return getattr(locale, "language_code", None) or translation.get_language()


def _replace_findings(source, findings, *, markdown):
    """`source` with each finding's text replaced by its placeholder. A finding is read from the
    text readers see, so it is looked for as written first, then allowing what the reader does
    not see between its characters (Markdown emphasis, backslashes, entities, invisible
    characters, other spacing). A finding that cannot be found raises ValidationError and nothing
    changes: the moderator edits the text by hand."""
    for finding in sorted(findings, key=lambda f: len(f.text), reverse=True):
        placeholder = "[" + str(PLACEHOLDERS[finding.kind]) + "]"
        if markdown:
            placeholder = "\\" + placeholder[:-1] + "\\]"
        if finding.text in source:
            source = source.replace(finding.text, placeholder)
            continue
        pattern = _as_written(finding.text)
        replaced, count = pattern.subn(lambda _m, p=placeholder: p, source)
        if not count:
            raise ValidationError(gettext(
                "“%(text)s” is not written that way in the post: redact it by editing the text.")
                % {"text": finding.text})
        source = replaced
    return source


_UNSEEN = r"(?:[*_`~\\\u00ad\u200b-\u200f\u2060\ufeff]|&(?:shy|zwsp|zwj|zwnj|#8203|#x200b);){0,6}"
_ENTITY = r"&#?[0-9a-z]{1,10};"


def _as_written(text):
    parts = []
    for ch in text:
        if ch.isspace():
            parts.append(r"(?:\s|" + _ENTITY + r"){1,6}")
        else:
            parts.append(r"(?:" + re.escape(ch) + "|" + _ENTITY + r"|[^\x00-\x7f])")
    return re.compile(_UNSEEN.join(parts), re.IGNORECASE)


def _review_after_redaction(post, *, by, reason):
    """Run the checks again on a redacted post (with its thread's title for an opening post).
    What still holds it keeps it waiting, its item now saying what is left; crisis language
    keeps an urgent item open; otherwise the item is resolved. A waiting post not held any more
    is published (the moderator has read it). A post is never left waiting without an item."""
    item = ReviewItem.objects.filter(post=post, status=ReviewStatus.OPEN).first()
    title = post.thread.title if threads.is_first_post(post) else None
    left = policy.recheck(post.body_source, title=title)
    if item is not None and item.was_held and _held_as_new(item):  # a redaction does not change that
        policy.hold(left, ReviewReason.NEW_ACCOUNT, notes.new_account())
    if left.needs_review and (item is not None or post.visibility == Visibility.PENDING):
        _keep_in_queue(post, item, left, by=by)
    elif item is not None:
        _resolve(item, ReviewStatus.REDACTED, by, reason)
    if post.visibility == Visibility.PENDING and not left.is_held:
        _set_visibility(post, Visibility.VISIBLE)
        if item is not None and item.was_held:  # as good as approved: it counts for the author
            _count_approved(post.author)
        if not threads.is_first_post(post):
            threads.notify_followers(post)


def _held_as_new(item):
    return item.reason == ReviewReason.NEW_ACCOUNT or policy.NEW_ACCOUNT_DETAIL in item.details.split("; ") \
        or any(note.get("code") == notes.NEW_ACCOUNT for note in item.notes)


def _keep_in_queue(post, item, left, *, by):
    details = notes.stored(left.notes)
    if item is None:
        item = ReviewItem.objects.create(post=post, reason=left.reason, details=details,
                                         notes=left.notes, urgent=left.crisis, was_held=left.is_held)
    else:
        item.reason, item.details, item.notes = left.reason, details, left.notes
        item.urgent = item.urgent or left.crisis
        item.save(update_fields=["reason", "details", "notes", "urgent"])
    log(instance=item, action="moderation.item.still_open", user=by,
        data={"post": post.pk, "reason": item.reason, "details": details})


def lock_thread(thread, *, by, locked, reason=""):
    _require_moderator(by)
    with transaction.atomic():
        thread.is_locked = locked
        thread.save(update_fields=["is_locked"])
        log(instance=thread, action="moderation.thread.locked" if locked else "moderation.thread.unlocked",
            user=by, data={"reason": reason}, title=thread.log_title)
    return thread


def move_thread(thread, *, to_board, by, reason=""):
    _require_moderator(by)
    if to_board.pk == thread.board_id:
        raise ValidationError(_("The thread is already on that board."))
    with transaction.atomic():
        from_board = thread.board_id
        thread.board = to_board
        thread.save(update_fields=["board"])
        log(instance=thread, action="moderation.thread.moved", user=by,
            data={"from": from_board, "to": to_board.pk, "reason": reason}, title=thread.log_title)
        if thread.is_public:
            announce(thread, "updated")
    return thread


def _check_claim(item, by):
    if not item.is_open:
        raise ValidationError(_("This item has already been dealt with."))
    if item.claimed_by_id and item.claimed_by_id != by.pk:
        raise ValidationError(_("%(name)s is working on this item; ask them or wait until they "
                                "release it.") % {"name": item.claimed_by.display_name})


def _resolve(item, status, by, reason):
    item.status = status
    item.resolved_by = by
    item.resolved_at = timezone.now()
    item.resolution_reason = (reason or "")[:500]
    item.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_reason"])


def _need_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason: the author and the audit log see it."))
    return reason


# Trust and sanctions --------------------------------------------------------------------------

def _count_approved(author):
    standing = policy.standing_for_update(author)
    Standing.objects.filter(pk=standing.pk).update(approved_posts=standing.approved_posts + 1)
    standing.refresh_from_db()
    policy.trust_level(author)


def set_trust_level(user, level, *, by, reason=""):
    _require_moderator(by)
    level = TrustLevel(int(level))
    with transaction.atomic():
        standing = policy.standing_for_update(user)
        standing.trust_level, standing.level_set_by_hand = level, True
        standing.save(update_fields=["trust_level", "level_set_by_hand"])
        log(instance=user, action="moderation.user.trust_level", user=by,
            data={"level": int(level), "reason": reason})
    return standing


def silence(user, *, by, until, reason, note=""):
    """The user can read but not post until `until` (None: no end date)."""
    return _sanction(user, SanctionKind.SILENCED, by=by, until=until, reason=reason, note=note)


def suspend(user, *, by, until, reason, note=""):
    """The user cannot sign in until `until` (None: no end date); they see the reason when
    they try."""
    return _sanction(user, SanctionKind.SUSPENDED, by=by, until=until, reason=reason, note=note)


def _sanction(user, kind, *, by, until, reason, note):
    """Record a sanction (the sanctions list keeps it after it ends) and mirror its end on the
    account's Standing. A new sanction of a kind replaces an active one of the same kind."""
    if not permissions.can_sanction(by, user):
        raise PermissionDenied(_("You cannot sanction this account."))
    reason = _need_reason(reason)
    now = timezone.now()
    if until is not None and until <= now:
        raise ValidationError(_("Choose an end date in the future."))
    with transaction.atomic():
        standing = policy.standing_for_update(user)
        for earlier in Sanction.objects.active(now).filter(user=user, kind=kind):
            earlier.lifted_at, earlier.lifted_by = now, by
            earlier.lift_reason = "Replaced by a new sanction."
            earlier.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        sanction = Sanction.objects.create(user=user, kind=kind, reason=reason, until=until,
                                           created_by=by, created_at=now)
        if kind == SanctionKind.SILENCED:
            standing.silenced_until, standing.silence_reason = until, reason
        else:
            standing.suspended_until, standing.suspension_reason = until, reason
        if note:
            standing.staff_note = (standing.staff_note + "\n" if standing.staff_note else "") + note
        standing.save()
        _forget_sanctions(user)
        # Logged on the sanction, whose label names nobody: the admin's reports show labels.
        log(instance=sanction, action=f"moderation.user.{kind}", user=by,
            data={"until": until.isoformat() if until else None, "reason": reason})
    return standing


def _forget_sanctions(user):
    permissions.SANCTIONS.clear_now_and_on_commit(part=user.pk)


def lift(user, kind, *, by, reason=""):
    """End a silence or suspension early. `kind` is "silenced" or "suspended"."""
    if not permissions.can_sanction(by, user):
        raise PermissionDenied(_("You cannot change this account's sanctions."))
    if kind not in SanctionKind.values:
        raise ValueError(kind)
    now = timezone.now()
    with transaction.atomic():
        standing = policy.standing_for_update(user)
        if kind == SanctionKind.SILENCED:
            standing.silenced_until = None
        else:
            standing.suspended_until = None
        standing.save()
        lifted = list(Sanction.objects.active(now).filter(user=user, kind=kind))
        for sanction in lifted:
            sanction.lifted_at, sanction.lifted_by, sanction.lift_reason = now, by, reason[:300]
            sanction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        _forget_sanctions(user)
        for sanction in lifted or [None]:
            log(instance=sanction or standing, action=f"moderation.user.{kind}_lifted", user=by,
                data={"reason": reason})
    return standing


def lift_sanction(sanction, *, by, reason=""):
    """Lift one sanction from the sanctions list."""
    if not sanction.is_active():
        raise ValidationError(gettext_lazy("This sanction has already ended."))
    return lift(sanction.user, sanction.kind, by=by, reason=reason)


# Private messages -------------------------------------------------------------------------------

def send_message(user, *, by, body, item=None):
    """A private message from the moderators to `user`: an on-site notice and an email through
    the outbox in their language. The log names the notice and the review item, not the
    resident, and not the text (it may say who they are)."""
    if not permissions.can_message(by, user):
        raise PermissionDenied(gettext_lazy("You cannot send this account a message."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(gettext_lazy("Write the message."))
    if len(body) > 5000:
        raise ValidationError(gettext_lazy("The message is too long: keep it under 5,000 characters."))
    with transaction.atomic():
        post = item.post if item is not None else None
        notice = Notice.objects.create(user=user, kind=NoticeKind.MESSAGE, body=body, sent_by=by,
                                       post=post, thread_title=post.thread.title if post else "")
        log(instance=notice, action="moderation.user.messaged", user=by,
            data={"item": item.pk if item is not None else None,
                  "post": post.pk if post is not None else None})
        emails.queue_message_email(notice)
    return notice


def mark_notices_read(*, by):
    Notice.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
