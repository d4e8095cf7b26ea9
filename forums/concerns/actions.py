"""Every change to a concern goes through here: check permission (raising PermissionDenied),
change the database in one transaction with a timeline entry and an audit log entry, and write
the emails to the outbox, sent after commit."""


from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from forums import posting, threads
from forums.models import BADGE_SIGNED, Follow, Post, ThreadKind, Visibility
from forums.moderation import policy as moderation_policy
from forums.signals import announce
from portal import absolute, languages, markup
from portal.accounts.audit import log

from . import emails, permissions, places, queries, routing, timeline
from .models import (
    AnswerDraft,
    AnswerKind,
    CloseReason,
    Concern,
    ConcernEvent,
    ConcernRoute,
    InternalNote,
    OfficialAnswer,
    SatisfactionAnswer,
    State,
)
from .timeline import Kind

NOTE_MAX = 5_000
REASON_MAX = 300


# Raising and publishing ----------------------------------------------------------------------

def raise_concern(board, *, by, title, body, topic, neighbourhood, anonymous=False,
                  share_contact=False, token="", landmark=None, latitude=None, longitude=None):
    """Start a concern on a concern board. It is routed when its first post is visible (at once,
    or when moderation approves it: see receivers.py). `landmark` (a public place) and the point
    marked on a map (`latitude`, `longitude`) are optional; see places.py for who sees what."""
    if board.thread_kind != ThreadKind.CONCERN:
        raise ValidationError(_("This board does not take concerns."))
    if topic is None or neighbourhood is None:
        raise ValidationError(_("Choose the topic and the neighbourhood of your concern."))
    if landmark is not None and not landmark.is_active:
        raise ValidationError(_("That place is no longer on the list: choose another."))
    latitude, longitude = places.clean_point(latitude, longitude)
    with transaction.atomic():
        thread = posting.start_thread(
            board, by=by, title=title, body=body, topic=topic, neighbourhood=neighbourhood,
            anonymous=anonymous, token=token)
        concern, created = Concern.objects.get_or_create(
            thread=thread, defaults={"share_contact": share_contact, "landmark": landmark,
                                     "latitude": latitude, "longitude": longitude})
        if created:
            _event(concern, State.SUBMITTED, Kind.SUBMITTED, actor=by, label=timeline.RESIDENT_LABEL)
            log(instance=concern, action="concerns.raised", user=by,
                data={"share_contact": share_contact})
    return thread


def publish(thread, now=None):
    """Open and route the concern of `thread` once the thread and its first post are visible.
    Idempotent: a concern already open is left alone."""
    now = now or timezone.now()
    with transaction.atomic():
        concern, _created = Concern.objects.get_or_create(thread=thread)
        concern = Concern.objects.select_for_update().select_related("thread").get(pk=concern.pk)
        if concern.state != State.SUBMITTED or not _first_post_visible(thread):
            return concern
        partners, matched = routing.partners_for(thread.topic_id, thread.neighbourhood_id)
        concern.state, concern.published_at, concern.is_unmatched = State.OPEN, now, not matched
        concern.save(update_fields=["state", "published_at", "is_unmatched"])
        _add_routes(concern, partners, now)
        kind = Kind.PUBLISHED if matched and partners else Kind.PUBLISHED_UNMATCHED
        _email_resident(concern, _event(concern, State.OPEN, kind, {"partners": timeline.names(partners)},
                                        label=queries.SYSTEM_LABEL, now=now))
        log(instance=concern, action="concerns.routed",
            data={"partners": [p.pk for p in partners], "matched": matched})
    return concern


def _first_post_visible(thread):
    if not thread.is_public:
        return False
    first = Post.objects.filter(thread=thread).order_by("created_at", "id").only("visibility").first()
    return first is not None and first.visibility == Visibility.VISIBLE


def _add_routes(concern, partners, now):
    existing = set(concern.routes.values_list("partner_id", flat=True))
    new = [p for p in partners if p.pk not in existing]
    ConcernRoute.objects.bulk_create(
        [ConcernRoute(concern=concern, partner=p, routed_at=now) for p in new])
    concern._partner_ids = frozenset(existing | {p.pk for p in new})
    for partner in new:
        _email_partner_routed(concern, partner)
    return new


def reroute(concern, partners, *, by, reason):
    """Moderators send a concern to other partners. Partners who already answered stay."""
    if not permissions.can_reroute(by, concern):
        raise PermissionDenied(_("Only moderators can re-route a concern."))
    partners = list(partners)
    if not partners:
        raise ValidationError(_("Choose at least one partner."))
    reason = _clean_reason(reason, required=True)
    now = timezone.now()
    with transaction.atomic():
        keep = {p.pk for p in partners}
        concern.routes.exclude(partner_id__in=keep).filter(first_response_at__isnull=True).delete()
        concern.__dict__.pop("_partner_ids", None)
        _add_routes(concern, partners, now)
        concern.is_unmatched = False
        concern.save(update_fields=["is_unmatched"])
        _event(concern, concern.state, Kind.REROUTED, {"partners": timeline.names(partners)},
               reason=reason, actor=by, label=timeline.MODERATORS_LABEL, now=now)
        log(instance=concern, action="concerns.rerouted", user=by,
            data={"partners": sorted(keep), "reason": reason})
    return concern


# Liaison work ---------------------------------------------------------------------------------

def claim(concern, *, by):
    """A liaison takes the concern on. An open concern is acknowledged at the same time."""
    if not permissions.can_claim(by, concern):
        raise PermissionDenied(_("Only liaisons of the partners it was sent to can claim it."))
    return _set_claim(by, concern, by)


def assign(concern, assignee, *, by):
    if not permissions.can_assign(by, concern, assignee):
        raise PermissionDenied(_("You can assign a concern only to a liaison of your organisation."))
    return _set_claim(by, concern, assignee)


def _set_claim(user, concern, assignee):
    """The claim of the user's organisation (its route); other partners' claims are untouched."""
    now = timezone.now()
    with transaction.atomic():
        route = ConcernRoute.objects.select_for_update().get(concern=concern,
                                                              partner_id=user.partner_id)
        route.claimed_by, route.claimed_at = assignee, now
        route.save(update_fields=["claimed_by", "claimed_at"])
        concern.__dict__.get("_prefetched_objects_cache", {}).pop("routes", None)
        kind, params = (Kind.CLAIMED, {}) if assignee == user else \
            (Kind.ASSIGNED, {"name": assignee.display_name})
        _event(concern, concern.state, kind, {**params, "partner": user.partner.name}, actor=user,
               label=user.partner.name, public=False)
        if concern.state == State.OPEN:
            _transition(concern, State.ACKNOWLEDGED, user, Kind.ACKNOWLEDGED)
        log(instance=concern, action="concerns.claimed", user=user,
            data={"assignee": assignee.pk, "partner": user.partner_id})
        if assignee != user:
            language = languages.for_user(assignee)
            with translation.override(language):
                subject = _("A concern was assigned to you: %(title)s") % {"title": concern.title}
                body = _("%(name)s assigned you this concern.") % {"name": user.display_name}
            emails.queue(f"assigned:{concern.pk}:{assignee.pk}:{now:%Y%m%d%H%M%S}",
                         concern, [assignee.email], subject, f"{body}\n\n{emails.admin_link(concern)}",
                         language=language)
    return concern


def acknowledge(concern, *, by, reason=""):
    if not permissions.can_acknowledge(by, concern):
        raise PermissionDenied(_("Only liaisons of the partners it was sent to can acknowledge it."))
    with transaction.atomic():
        _transition(concern, State.ACKNOWLEDGED, by, Kind.ACKNOWLEDGED, reason=_clean_reason(reason))
    return concern


BULK_ACTIONS = ("claim", "acknowledge")


def bulk(concerns, what, *, by):
    """Claim (for the user's organisation) or acknowledge several concerns in one go, from the
    inbox. Each concern is checked on its own, as if done one by one: those the user may not touch
    are refused with a reason and the others done. A concern a colleague has claimed is left to
    them (claiming one by one on its page hands it over knowingly). Returns (done, refused), where
    refused holds (concern, reason) pairs."""
    if what not in BULK_ACTIONS:
        raise ValidationError(_("Choose what to do with the selected concerns."))
    done, refused = [], []
    for concern in concerns:
        reason = _bulk_refusal(by, concern, what)
        if reason:
            refused.append((concern, reason))
            continue
        if what == "claim" and _claimed_by(by, concern) and concern.state != State.OPEN:
            done.append(concern)  # already theirs: nothing to change, no second timeline entry
            continue
        try:
            claim(concern, by=by) if what == "claim" else acknowledge(concern, by=by)
        except (PermissionDenied, ValidationError) as error:
            refused.append((concern, " ".join(getattr(error, "messages", [str(error)]))))
        else:
            done.append(concern)
    return done, refused


def _claimed_by(user, concern):
    route = concern.route_for(user.partner_id)
    return route is not None and route.claimed_by_id == user.pk


def _bulk_refusal(user, concern, what):
    if not permissions.is_routed_liaison(user, concern):
        return _("it was not sent to your organisation")
    if what == "claim":
        if not permissions.can_claim(user, concern):
            return _("it is no longer open")
        route = concern.route_for(user.partner_id)
        if route is not None and route.claimed_by_id and route.claimed_by_id != user.pk:
            return _("a colleague has claimed it")
        return ""
    if not permissions.can_acknowledge(user, concern):
        return _("it is not waiting to be acknowledged")
    return ""


def answer(concern, *, by, body, kind, reason="", sign_name=False, refer_to=None):
    """Post an official answer in public, signed by the liaison's organisation (and by the
    liaison's display name only if `sign_name`). "Referred to another partner" names the partner
    (`refer_to`): it is added to the routing, its liaisons are emailed, and the concern stays
    open for it (a referral is not an answer, so it does not move the concern to "answered")."""
    if not permissions.can_answer(by, concern):
        raise PermissionDenied(_("Only liaisons of the partners it was sent to can answer it."))
    kind = AnswerKind(kind)
    if kind == AnswerKind.REFERRED:
        return refer(concern, by=by, body=body, partner=refer_to, reason=reason,
                     sign_name=sign_name)
    return _post_answer(by, concern, body=body, kind=kind, reason=reason, sign_name=sign_name)


def refer(concern, *, by, body, partner, reason="", sign_name=False):
    """Pass the concern on to another partner (the default partner does this for an unmatched
    concern), with a public answer saying so."""
    if not permissions.can_refer(by, concern):
        raise PermissionDenied(_("Only liaisons of the partners it was sent to can refer it."))
    if partner is None:
        raise ValidationError(_("Choose the partner you refer this concern to."))
    if not partner.is_active or partner.pk in concern.partner_ids():
        raise ValidationError(_("%(partner)s cannot take it: it already has this concern or is no "
                                "longer active.") % {"partner": partner.name})
    with transaction.atomic():
        post = _post_answer(by, concern, body=body, kind=AnswerKind.REFERRED, reason=reason,
                            sign_name=sign_name, referred_to=partner)
        concern.__dict__.get("_prefetched_objects_cache", {}).pop("routes", None)
        concern.__dict__.pop("_partner_ids", None)
        _add_routes(concern, [partner], timezone.now())
        log(instance=concern, action="concerns.referred", user=by,
            data={"from": by.partner_id, "to": partner.pk})
    return post


def save_answer_draft(concern, *, by, body, kind, reason="", sign_name=False, refer_to=None):
    """Keep an answer to publish later: one draft per routed partner (a colleague may finish
    it). Nothing is public and nobody is emailed until it is published with `answer`."""
    if not permissions.can_answer(by, concern):
        raise PermissionDenied(_("Only liaisons of the partners it was sent to can answer it."))
    body = threads.clean_body(body)
    with transaction.atomic():
        draft, _created = AnswerDraft.objects.update_or_create(
            concern=concern, partner_id=by.partner_id,
            defaults={"author": by, "body": body, "kind": AnswerKind(kind) if kind else "",
                      "reason": (reason or "")[:REASON_MAX], "sign_name": bool(sign_name),
                      "refer_to": refer_to})
        log(instance=concern, action="concerns.draft_saved", user=by, data={"draft": draft.pk})
    return draft


def _post_answer(user, concern, *, body, kind, reason, sign_name, referred_to=None):
    body = threads.clean_body(body)
    moderation_policy.refuse_personal_data(
        body, what=_("The answer"), markdown=True,
        hint=_("A service's own public number can be added to the help numbers in Site settings."))
    reason = _clean_reason(reason, required=kind == AnswerKind.NOT_ACTIONABLE)
    thread, partner, now = concern.thread, user.partner, timezone.now()
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread, author=user, body_source=body, body_html=markup.render(body),
            language=threads.post_language(body), is_official_response=True, official_partner=partner,
            **_signature(user, sign_name))
        threads.refresh_thread(thread)
        threads.notify_followers(post, without_email=[thread.author_id])
        announce(post, "shown")
        OfficialAnswer.objects.create(post=post, concern=concern, partner=partner, kind=kind,
                                      reason=reason, created_at=now)
        AnswerDraft.objects.filter(concern=concern, partner=partner).delete()
        ConcernRoute.objects.filter(concern=concern, partner=partner,
                                    first_response_at__isnull=True).update(first_response_at=now)
        if concern.first_response_at is None and referred_to is None:
            concern.first_response_at = now
            concern.save(update_fields=["first_response_at"])
        what, params = Kind.ANSWERED, {"answer": kind.value}
        if referred_to is not None:
            what, params = Kind.REFERRED, {"partner": referred_to.name}
        if concern.state in (State.OPEN, State.ACKNOWLEDGED) and referred_to is None:
            _transition(concern, State.ANSWERED, user, what, params, reason=reason, post=post,
                        now=now)
        else:
            event = _event(concern, concern.state, what, params, reason=reason, actor=user,
                           label=partner.name, post=post, now=now)
            _email_resident(concern, event)
        log(instance=concern, action="concerns.answered", user=user,
            data={"post": post.pk, "kind": kind.value, "signed": sign_name})
    return post


def _signature(user, sign_name):
    """An official answer signed with the liaison's name carries it as its badge."""
    kind, name = (BADGE_SIGNED, user.display_name) if sign_name else ("", "")
    return {"badge_kind": kind, "badge_name": name, "staff_badge": threads.stored_badge(kind, name)}


def add_note(concern, *, by, body, share=False):
    """An internal note, seen by the writer's organisation (and moderators) only, or by every
    routed partner when `share` (see permissions.can_see_note)."""
    if not permissions.can_add_note(by, concern):
        raise PermissionDenied(_("Only liaisons of the partners it was sent to and moderators "
                                 "can write internal notes."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write the note before you save it."))
    if len(body) > NOTE_MAX:
        raise ValidationError(_("A note can have at most %(max)s characters.") % {
            "max": number_format(NOTE_MAX, force_grouping=True)})
    with transaction.atomic():
        note = InternalNote.objects.create(
            concern=concern, author=by, partner=by.partner if by.is_liaison else None,
            body_source=body, body_html=markup.render(body), is_shared=bool(share))
        log(instance=concern, action="concerns.note", user=by,
            data={"note": note.pk, "shared": bool(share)})
    return note


# Resolving, closing, reopening ----------------------------------------------------------------

def resolve(concern, *, by, reason=""):
    if not permissions.can_resolve(by, concern):
        if concern.state in (State.OPEN, State.ACKNOWLEDGED) and (
                permissions.is_routed_liaison(by, concern) or permissions.is_moderator(by)):
            raise ValidationError(_("Post an official answer first (“Not actionable” with its "
                                    "reason, if the partners cannot act on it)."))
        raise PermissionDenied(_("This concern cannot be marked resolved now."))
    with transaction.atomic():
        concern.resolved_at = timezone.now()
        concern.save(update_fields=["resolved_at"])
        _transition(concern, State.RESOLVED, by, Kind.RESOLVED, reason=_clean_reason(reason))
    return concern


def close(concern, *, by, reason, note=""):
    reason = CloseReason(reason)
    if not permissions.can_close(by, concern, reason):
        raise PermissionDenied(_("You cannot close this concern for that reason."))
    with transaction.atomic():
        concern.close_reason, concern.closed_at = reason, timezone.now()
        concern.save(update_fields=["close_reason", "closed_at"])
        _transition(concern, State.CLOSED, by, Kind.CLOSED, {"reason": reason.value},
                    reason=_clean_reason(note))
    return concern


def reopen(concern, *, by, reason=""):
    if not permissions.can_reopen(by, concern):
        raise PermissionDenied(_("A concern can be reopened by the resident who raised it, within "
                                 "30 days of it being resolved."))
    with transaction.atomic():
        _clear_satisfaction(by, concern)
        _transition(concern, State.OPEN, by, Kind.REOPENED, reason=_clean_reason(reason))
    return concern


def _clear_satisfaction(user, concern):
    """A reopened concern is not resolved: its "did this resolve it?" answer no longer holds,
    so it is removed (the audit log keeps what it was) and asked again at the next resolution."""
    answer = SatisfactionAnswer.objects.filter(concern=concern).first()
    if answer is None:
        return
    answer.delete()
    concern._state.fields_cache.pop("satisfaction", None)
    log(instance=concern, action="concerns.satisfaction_cleared", user=user,
        data={"answer": answer.answer, "answered_at": answer.created_at.isoformat()})


def give_satisfaction(concern, *, by, answer, comment=""):
    if not permissions.can_give_satisfaction(by, concern):
        raise PermissionDenied(_("You have answered this question already."))
    comment = (comment or "").strip()[:2000]
    with transaction.atomic():
        result = SatisfactionAnswer.objects.create(concern=concern, answer=answer, comment=comment)
        log(instance=concern, action="concerns.satisfaction", user=by, data={"answer": answer})
    return result


# Helpers ----------------------------------------------------------------------------------------

def _transition(concern, state, user, kind, params=None, *, reason="", post=None, now=None):
    previous = concern.state
    concern.state = State(state)
    concern.save(update_fields=["state"])
    event = _event(concern, state, kind, params, reason=reason, actor=user,
                   label=queries.actor_label(user, concern), post=post, now=now)
    log(instance=concern, action="concerns.state", user=user,
        data={"from": previous, "to": concern.state, "reason": reason})
    _email_resident(concern, event)
    return event


def _event(concern, state, kind, params=None, *, reason="", actor=None, label, post=None,
           public=True, now=None):
    """A timeline entry: its kind and parameters, and the sentence in the site's language."""
    params = params or {}
    return ConcernEvent.objects.create(
        concern=concern, state=state, kind=kind, params=params,
        summary=timeline.stored_text(kind, params)[:200], reason=reason, actor=actor,
        actor_label=label, post=post, is_public=public, created_at=now or timezone.now())


def _clean_reason(reason, required=False):
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError(_("Give a reason: it is shown on the public timeline."))
    if len(reason) > REASON_MAX:
        raise ValidationError(_("The reason can have at most %(max)d characters.") % {"max": REASON_MAX})
    moderation_policy.refuse_personal_data(reason, what=_("The reason"))
    return reason


# Emails (the outbox) ---------------------------------------------------------------------------

def _email_partner_routed(concern, partner):
    thread = concern.thread
    for language, to in queries.liaison_emails_by_language(partner.pk).items():
        with translation.override(language):
            body = (_("A concern was sent to %(partner)s.") % {"partner": partner.name}
                    + f"\n\n{thread.title}\n"
                    + _("Topic: %(topic)s; neighbourhood: %(neighbourhood)s") % {
                        "topic": thread.topic or "-", "neighbourhood": thread.neighbourhood or "-"}
                    + "\n\n" + _("Public page:")
                    + f" {absolute.base_url()}{_localised(thread, language)}\n"
                    + _("Your inbox:") + f" {emails.admin_link(concern)}\n")
            subject = _("New concern for %(partner)s: %(title)s") % {"partner": partner.name,
                                                                      "title": thread.title}
        # The site's language keeps the key it always had, so no email is sent twice.
        suffix = "" if language == settings.LANGUAGE_CODE else f":{language}"
        emails.queue(f"routed:{concern.pk}:{partner.pk}{suffix}", concern, to, subject, body,
                     language=language)


def _email_resident(concern, event):
    """The resident hears of every official answer and state change, if they follow the thread
    (the forum's notification setting: unfollowing stops these too)."""
    resident = concern.thread.author
    if not event.is_public or event.actor_id == resident.pk or not resident.is_active:
        return
    if not Follow.objects.filter(user=resident, thread=concern.thread).exists():
        return
    language = languages.for_user(resident)
    with translation.override(language):
        body = (_("Your concern “%(title)s” is now %(state)s.") % {
                    "title": concern.title, "state": concern.get_state_display().lower()}
                + f"\n\n{event.actor_text}: {event.text}\n"
                + (_("Reason:") + f" {event.reason}\n" if event.reason else "")
                + f"\n{absolute.base_url()}{_localised(concern.thread, language)}\n\n"
                + _("You get these emails because you follow this thread; unfollow it to stop them.")
                + "\n")
        subject = _("Your concern: %(summary)s") % {"summary": event.text}
    emails.queue(f"resident:{event.pk}", concern, [resident.email], subject, body, language=language)


def _localised(thread, language):
    """The thread's address in `language` (/es/... for Spanish)."""
    with translation.override(language):
        return languages.localised(thread.get_absolute_url())
