"""The moderator's page for one post in the Wagtail admin: the post in context, its author's
history, the open review item, and every action (each calls one function in actions.py)."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from forums import threads
from forums.models import Post, Visibility
from portal import country

from . import actions, detection, message_templates, notes, permissions, policy
from .forms import MessageForm, MoveForm, RedactForm, RetitleForm, SanctionForm, TrustLevelForm
from .models import Notice, Redaction, ReviewItem, ReviewStatus, Sanction, Standing

CONTEXT_POSTS = 2


def moderate_post(request, pk):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied
    post = get_object_or_404(Post.objects.select_related("author", "thread__board"), pk=pk)
    item = ReviewItem.objects.filter(post=post, status=ReviewStatus.OPEN).select_related(
        "claimed_by").first()
    forms = {}
    if request.method == "POST":
        response = _act(request, post, item, forms)
        if response is not None:
            return response
    return TemplateResponse(request, "moderation/admin/moderate_post.html",
                            _context(request, post, item, forms))


def _act(request, post, item, forms):
    """Run the posted action. Returns a redirect when done, or None to show the form errors."""
    action = request.POST.get("action", "")
    handler = HANDLERS.get(action)
    if handler is None:
        messages.error(request, gettext_lazy("Unknown action."))
        return redirect("moderation_post", post.pk)
    try:
        done = handler(request, post, item, forms)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You cannot do that."))
        return redirect("moderation_post", post.pk)
    if done:
        messages.success(request, done)
        if action in ("approve", "reject", "redact_findings"):
            return redirect("wagtailsnippets_moderation_reviewitem:list")
        return redirect("moderation_post", post.pk)
    return None


def _need_item(item):
    if item is None:
        raise ValidationError(gettext_lazy("This post has no open review item."))
    return item


def _reason(request):
    return request.POST.get("reason", "").strip()


def _claim(request, post, item, forms):
    if actions.claim(_need_item(item), by=request.user):
        return _("You are working on this item.")
    raise ValidationError(_("%(name)s is already working on this item.")
                          % {"name": item.claimed_by.display_name})


def _release(request, post, item, forms):
    actions.release(_need_item(item), by=request.user)
    return _("Released: another moderator can take it.")


def _approve(request, post, item, forms):
    actions.approve(_need_item(item), by=request.user, reason=_reason(request))
    return _("Approved: the post is public.")


def _reject(request, post, item, forms):
    actions.reject(_need_item(item), by=request.user, reason=_reason(request))
    return _("Rejected: the author is emailed the reason and their text.")


def _hide(request, post, item, forms):
    actions.hide(post, by=request.user, reason=_reason(request))
    return _("The post is hidden.")


def _restore(request, post, item, forms):
    actions.restore(post, by=request.user, reason=_reason(request))
    return _("The post is visible again.")


def _redact(request, post, item, forms):
    form = forms["redact"] = RedactForm(request.POST)
    if not form.is_valid():
        return None
    actions.redact(post, by=request.user, body=form.cleaned_data["body"],
                   reason=form.cleaned_data["reason"])
    return _("Redacted: the post shows “edited by a moderator”; the original is kept below.") + " " + \
        _after_redaction(post)


def _redact_findings(request, post, item, forms):
    return _redacted_message(request, post, _only(request))


def _only(request):
    """The one finding a per-finding button names (its kind and text), or None for all of them."""
    kind, text = request.POST.get("kind", "").strip(), request.POST.get("text", "").strip()
    return (kind, text) if kind and text else None


def _redacted_message(request, post, only):
    kinds = actions.redact_findings(post, by=request.user, only=only, reason=_reason(request))
    done = ", ".join(str(actions.PLACEHOLDERS[kind]) for kind in kinds)
    return gettext("Redacted (%(what)s); the original is kept for moderators.") % {"what": done} + \
        " " + _after_redaction(post)


def _after_redaction(post):
    post.refresh_from_db(fields=["visibility"])
    if ReviewItem.objects.filter(post=post, status=ReviewStatus.OPEN).exists():
        return gettext("It is still in the review queue: the checks found more to look at.")
    return gettext("It is published.") if post.visibility == Visibility.VISIBLE else ""


def _retitle(request, post, item, forms):
    form = forms["retitle"] = RetitleForm(request.POST, prefix="retitle")
    if not form.is_valid():
        return None
    actions.retitle(post.thread, by=request.user, title=form.cleaned_data["title"],
                    reason=form.cleaned_data["reason"])
    return _("The thread's title is changed; its old address no longer works.") + " " + \
        _after_redaction(post.thread.posts.order_by("created_at", "id").first())


def _lock(request, post, item, forms):
    locked = not post.thread.is_locked
    actions.lock_thread(post.thread, by=request.user, locked=locked, reason=_reason(request))
    return _("The thread is locked.") if locked else _("The thread is open for replies again.")


def _move(request, post, item, forms):
    form = forms["move"] = MoveForm(request.POST)
    if not form.is_valid():
        return None
    actions.move_thread(post.thread, to_board=form.cleaned_data["board"], by=request.user,
                        reason=form.cleaned_data["reason"])
    return _("The thread is now on %(board)s.") % {"board": form.cleaned_data["board"].title}


def _sanction(request, post, item, forms):
    form = forms["sanction"] = SanctionForm(request.POST)
    if not form.is_valid():
        return None
    data = form.cleaned_data
    until = None if data["no_end"] else timezone.now() + timedelta(days=data["days"])
    sanction = actions.silence if data["kind"] == "silenced" else actions.suspend
    sanction(post.author, by=request.user, until=until, reason=data["reason"], note=data["note"])
    name = post.author.display_name
    if data["kind"] == "silenced":
        if until is None:
            return _("%(name)s is silenced with no end date.") % {"name": name}
        return ngettext("%(name)s is silenced for %(days)s day.", "%(name)s is silenced for %(days)s days.",
                        data["days"]) % {"name": name, "days": data["days"]}
    if until is None:
        return _("%(name)s is suspended with no end date.") % {"name": name}
    return ngettext("%(name)s is suspended for %(days)s day.", "%(name)s is suspended for %(days)s days.",
                    data["days"]) % {"name": name, "days": data["days"]}


def _lift(request, post, item, forms):
    kind = request.POST.get("kind")
    if kind not in ("silenced", "suspended"):
        raise ValidationError(gettext_lazy("Choose what to lift."))
    actions.lift(post.author, kind, by=request.user, reason=_reason(request))
    return _("Lifted early.")


def _trust(request, post, item, forms):
    form = forms["trust"] = TrustLevelForm(request.POST)
    if not form.is_valid():
        return None
    actions.set_trust_level(post.author, form.cleaned_data["level"], by=request.user)
    return _("Trust level set.")


HANDLERS = {
    "claim": _claim, "release": _release, "approve": _approve, "reject": _reject,
    "hide": _hide, "restore": _restore, "redact": _redact,
    "redact_findings": _redact_findings, "retitle": _retitle, "lock": _lock, "move": _move,
    "sanction": _sanction, "lift": _lift, "trust": _trust,
}


def _context(request, post, item, forms):
    thread = post.thread
    around = Post.objects.filter(thread=thread).select_related("author").order_by("created_at", "id")
    before = list(around.filter(created_at__lt=post.created_at).reverse()[:CONTEXT_POSTS])[::-1]
    after = list(around.filter(created_at__gt=post.created_at)[:CONTEXT_POSTS])
    author = post.author
    standing = Standing.objects.filter(user=author).first()
    return {
        "page_title": gettext("Moderate a post"),
        "header_title": gettext("Moderate a post"), "header_icon": "warning",
        "post": post, "thread": thread, "item": item, "before": before, "after": after,
        "redactions": Redaction.objects.filter(post=post).select_related("redacted_by"),
        "flags": post.flags.select_related("user").order_by("created_at"),
        "author": author, "standing": standing,
        "author_posts": Post.objects.filter(author=author).count(),
        "author_hidden": Post.objects.filter(author=author).exclude(
            visibility=Visibility.VISIBLE).count(),
        "author_history": ReviewItem.objects.filter(post__author=author).exclude(pk=getattr(item, "pk", None))
        .select_related("post").order_by("-created_at")[:10],
        "redact_form": forms.get("redact") or RedactForm(initial={"body": post.body_source}),
        "move_form": forms.get("move") or MoveForm(),
        "retitle_form": forms.get("retitle") or RetitleForm(prefix="retitle",
                                                                initial={"title": thread.title}),
        "sanction_form": forms.get("sanction") or SanctionForm(),
        "trust_form": forms.get("trust") or TrustLevelForm(
            initial={"level": standing.trust_level if standing else 0}),
        "claimed_by_other": bool(item and item.claimed_by_id and item.claimed_by_id != request.user.pk),
        "findings": _highlighted(post, thread),
        "active_sanctions": list(Sanction.objects.active().filter(user=author)),
        "message_item": item or ReviewItem.objects.filter(post=post).order_by("-created_at").first(),
    }


def _highlighted(post, thread):
    """The post's title (for an opening post) and text as readers see them, cut into parts, each
    finding of the detector its own part, for the page to mark: {"parts", "labels"} or None."""

    texts = [detection.readable(post.body_source)]
    if threads.is_first_post(post):
        texts.insert(0, detection.readable(thread.title, markdown=False))
    options = {"country": country.code(), "service_numbers": policy.service_numbers()}
    blocks, labels, redactable, seen = [], [], [], set()
    for text in texts:
        findings = sorted(detection.scan(text, **options), key=lambda f: f.start)
        parts, at = [], 0
        for finding in findings:
            part = {"text": text[finding.start:finding.end], "label": notes.kind_label(finding.kind),
                    "kind": finding.kind}
            parts += [{"text": text[at:finding.start]}, part]
            at = finding.end
            labels.append(part["label"])
            if finding.kind in actions.PLACEHOLDERS and (finding.kind, part["text"]) not in seen:
                seen.add((finding.kind, part["text"]))
                redactable.append(part)
        blocks.append([*parts, {"text": text[at:]}])
    return {"blocks": blocks, "labels": list(dict.fromkeys(labels)),
            "redactable": redactable} if labels else None


# Inline actions from the queue's rows ---------------------------------------------------------

QUEUE_LIST = "wagtailsnippets_moderation_reviewitem:list"


def queue_act(request, pk):
    """Approve, reject, hide or suspend from a row of the queue, then back to the same listing
    (its filters, search, sort and page kept) with the next item in view."""
    if not permissions.can_moderate(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    item = get_object_or_404(ReviewItem.objects.select_related("post__author", "post__thread",
                                                               "claimed_by"), pk=pk)
    handler = QUEUE_HANDLERS.get(request.POST.get("action", ""))
    try:
        if handler is None:
            raise ValidationError(gettext_lazy("Unknown action."))
        messages.success(request, handler(request, item))
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        problem = text or _("You cannot do that.")
        messages.error(request, _("“%(title)s”: %(problem)s") % {"title": item.post.thread.title,
                                                                  "problem": problem})
        return _back_to_queue(request, item.pk)
    return _back_to_queue(request, request.POST.get("next_item"))


def _back_to_queue(request, focus):
    listing = reverse(QUEUE_LIST)
    back = request.POST.get("back", "").replace(listing + "results/", listing, 1)  # after a filter
    if not back.startswith(listing + "?") and back != listing:  # only ever the queue itself
        back = listing
    fragment = f"#review-{int(focus)}" if str(focus or "").isdigit() else ""
    return HttpResponseRedirect(back + fragment)


def _queue_reason(request):
    return (request.POST.get("reason_text", "").strip() or request.POST.get("reason", "").strip())


def _queue_approve(request, item):
    actions.approve(item, by=request.user)
    return _("Approved “%(title)s”.") % {"title": item.post.thread.title}


def _queue_reject(request, item):
    actions.reject(item, by=request.user, reason=_queue_reason(request))
    return _("Rejected “%(title)s”: its author is told why.") % {"title": item.post.thread.title}


def _queue_hide(request, item):
    actions.hide(item.post, by=request.user, reason=_queue_reason(request))
    return _("Hid the post in “%(title)s”.") % {"title": item.post.thread.title}


def _queue_redact(request, item):
    """Redact what the detector found (one finding, or all of them) from the row's post."""
    if not item.is_open:
        raise ValidationError(gettext("This item has already been dealt with."))
    done = _redacted_message(request, item.post, _only(request))
    return _("“%(title)s”: %(problem)s") % {"title": item.post.thread.title, "problem": done}


def _queue_suspend(request, item):
    """Reject the post and suspend its author, with one reason."""
    reason = _queue_reason(request)
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        days = 0
    if not 1 <= days <= 3650:
        raise ValidationError(gettext_lazy("Choose for how many days."))
    author = item.post.author
    actions.reject_and_suspend(item, by=request.user, reason=reason,
                               until=timezone.now() + timedelta(days=days))
    return ngettext("Rejected the post and suspended %(name)s for %(days)s day.",
                    "Rejected the post and suspended %(name)s for %(days)s days.", days) % {
        "name": author.display_name, "days": days}


QUEUE_HANDLERS = {"approve": _queue_approve, "reject": _queue_reject, "hide": _queue_hide,
                  "suspend": _queue_suspend, "redact": _queue_redact}


# The sanctions list's lift button --------------------------------------------------------------

SANCTIONS_LIST = "moderation_sanctions:index"


def lift_sanction(request, pk):
    """Lift one sanction from the sanctions list, then back to the same listing."""
    if not permissions.can_view_sanctions(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    sanction = get_object_or_404(Sanction.objects.select_related("user"), pk=pk)
    try:
        actions.lift_sanction(sanction, by=request.user, reason=request.POST.get("reason", "").strip())
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or _("You cannot do that."))
    else:
        messages.success(request, _("Lifted: %(kind)s of %(name)s.") % {
            "kind": sanction.get_kind_display(), "name": sanction.user.display_name})
    listing = reverse(SANCTIONS_LIST)
    back = request.POST.get("back", "")
    return HttpResponseRedirect(back if back.startswith(listing) else listing)


# A private message to a resident, from a queue item ---------------------------------------------

def message_author(request, pk):
    """The moderator writes to the author of a queue item's post (a caring template with the
    site's help numbers for crisis posts). A plain form: works without JavaScript."""
    if not permissions.can_moderate(request.user):
        raise PermissionDenied
    item = get_object_or_404(ReviewItem.objects.select_related("post__author", "post__thread"), pk=pk)
    author = item.post.author
    if not permissions.can_message(request.user, author):
        messages.error(request, _("This account cannot receive messages."))
        return redirect("moderation_post", item.post_id)
    chosen = request.GET.get("template") or ("crisis" if item.urgent or item.reason == "crisis"
                                             else "plain")
    form = MessageForm(request.POST or None,
                       initial={"body": message_templates.render(chosen, author)})
    if request.method == "POST" and form.is_valid():
        try:
            actions.send_message(author, by=request.user, body=form.cleaned_data["body"], item=item)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Your message is sent: %(name)s sees it on the site and "
                                        "by email.") % {"name": author.display_name})
            if request.POST.get("next") == "queue":
                return redirect(QUEUE_LIST)
            return redirect("moderation_post", item.post_id)
    return TemplateResponse(request, "moderation/admin/message.html", {
        "page_title": _("Message the author"), "header_title": _("Message the author"),
        "header_icon": "mail", "item": item, "author": author, "form": form, "chosen": chosen,
        "templates": message_templates.CHOICES, "next": request.GET.get("next", ""),
        "sent": Notice.objects.filter(user=author, kind="message").select_related("sent_by")[:10],
    })
