"""What happens to a post when it is written: publish, hold for review, block, or replace words.

`decide()` reads the site's thresholds, the watched words and the author's standing; it changes
nothing except promoting an author whose trust promotion is due. The caller (forums.actions)
creates the post with the decision's visibility and hands the decision to
`moderation.actions.record_decision`.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from portal import country
from portal.models import default_help_numbers

from . import detection, notes, permissions
from .models import ModerationSettings, ReviewReason, Standing, TrustLevel, WatchedWord, WordAction

PUBLISH, HOLD = "publish", "hold"
PERSONAL_DATA_MESSAGE = gettext_lazy(
    "Your post seems to contain {found}. Please don't share personal details about anyone; a "
    "moderator will check your post before it appears.")
NEW_ACCOUNT_MESSAGE = gettext_lazy("Thanks for posting. Your first posts are checked by a moderator "
                                   "before they appear; this usually takes a few hours.")
WATCHED_WORD_MESSAGE = gettext_lazy("A moderator will check your post before it appears.")
CRISIS_MESSAGE = gettext_lazy("If you or someone else is in danger now, {call}. The numbers below are "
                              "free and open day and night. A moderator has been alerted to your post.")
# Set when someone posts crisis language: the next page they see shows the help panel.
CRISIS_SESSION_KEY = "moderation_show_crisis_panel"
NEW_ACCOUNT_DETAIL = "New account"
BLOCK_MESSAGE = gettext_lazy("Your post was not sent: it contains “{phrase}”. {explanation}")


@dataclass
class Decision:
    action: str = PUBLISH
    body: str = ""
    title: str | None = None
    reasons: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # what the checks found, as codes (notes.py)
    crisis: bool = False
    findings: list = field(default_factory=list)  # detection.Finding, personal data and crisis

    @property
    def is_held(self):
        return self.action == HOLD

    @property
    def visibility(self):
        from forums.models import Visibility

        return Visibility.PENDING if self.is_held else Visibility.VISIBLE

    @property
    def details(self):
        """The notes in the site's language, as the review item's `details` keeps them."""
        return [notes.stored([note]) for note in self.notes]

    @property
    def needs_review(self):
        return self.is_held or self.crisis

    @property
    def reason(self):
        """The most pressing reason, in the queue's order."""
        order = [ReviewReason.CRISIS, ReviewReason.PERSONAL_DATA, ReviewReason.WATCHED_WORD,
                 ReviewReason.NEW_ACCOUNT]
        return next((r for r in order if r in self.reasons), ReviewReason.NEW_ACCOUNT)

    @property
    def messages(self):
        """What the author is told, most important first."""
        out = []
        if self.crisis:
            out.append(crisis_message())
        if ReviewReason.PERSONAL_DATA in self.reasons:
            personal = [f for f in self.findings if f.kind in detection.PERSONAL_KINDS]
            out.append(PERSONAL_DATA_MESSAGE.format(found=notes.describe(personal)))
        elif ReviewReason.WATCHED_WORD in self.reasons:
            out.append(WATCHED_WORD_MESSAGE)
        elif ReviewReason.NEW_ACCOUNT in self.reasons:
            out.append(NEW_ACCOUNT_MESSAGE)
        return out


def inspect(body="", *, title=None, markdown=True):
    """Personal data and crisis language in what readers will see of a title and a body, for the
    deployment's country; the site's own emergency and help numbers are not personal data."""
    options = {"country": country.code(), "service_numbers": service_numbers()}
    findings = detection.inspect(title, markdown=False, **options) if title else []
    return findings + (detection.inspect(body, markdown=markdown, **options) if body else [])


def find_personal_data(text, *, markdown=False):
    """The personal data in a short public text (a reason, a name): [] when there is none."""
    return [f for f in inspect(text, markdown=markdown) if f.kind in detection.PERSONAL_KINDS]


def refuse_personal_data(text, *, what, markdown=False, hint=""):
    """Raise ValidationError naming what was found when `text` (public, and not reviewed before it
    appears) has personal data in it."""
    found = find_personal_data(text, markdown=markdown)
    if found:
        raise ValidationError(" ".join(filter(None, [
            _("%(what)s seems to contain %(found)s. It is shown in public: please leave out "
              "anyone's personal details.") % {"what": what,
                                               "found": notes.describe(found)},
            str(hint)])))


def check_display_name(name):
    """A display name is shown beside everything its owner writes: no personal details in it."""
    refuse_personal_data(name, what=_("The display name"))


def service_numbers():
    """Numbers published on purpose: the site's emergency numbers and help numbers."""
    from portal.models import HelpNumber, SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else None
    numbers = country.emergency(site_settings)
    help_numbers = list(HelpNumber.objects.filter(settings=site_settings).values_list("number", flat=True)) \
        if site_settings and site_settings.pk else [n for _, n, _ in default_help_numbers()]
    return tuple(n for n in (numbers.number, numbers.crisis_line, *help_numbers) if n)


def crisis_message():
    """The crisis message, naming the site's emergency number (Site settings, else PORTAL_COUNTRY's)."""
    from portal.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return CRISIS_MESSAGE.format(call=country.call_text(SiteSettings.for_site(site) if site else None))


def current_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return ModerationSettings.for_site(site) if site else ModerationSettings()


def decide(user, body, *, title=None, is_edit=False, config=None):
    """The decision for `user` posting `body` (and a thread `title`). Raises ValidationError,
    with a message the author sees, when a watched word blocks the post."""
    decision = Decision(body=body, title=title)
    if permissions.skips_review(user):
        return decision
    config = config or current_settings()
    _apply_watched_words(decision)
    _detect(decision)
    if not is_edit and is_held_as_new(user, config):
        hold(decision, ReviewReason.NEW_ACCOUNT, notes.new_account())
    return decision


def recheck(body, *, title=None):
    """What still needs a moderator in a text a moderator has just redacted: personal data,
    watched words and crisis language, whoever wrote it. Nothing is replaced and nothing is
    refused: a blocking watched word left in the text holds it like any other."""
    decision = Decision(body=body, title=title)
    try:
        _apply_watched_words(decision, replace=False)
    except ValidationError:
        hold(decision, ReviewReason.WATCHED_WORD, notes.blocked_word())
    _detect(decision)
    return decision


def _detect(decision):
    decision.findings = findings = inspect(decision.body, title=decision.title)
    personal = [f for f in findings if f.kind in detection.PERSONAL_KINDS]
    if personal:
        hold(decision, ReviewReason.PERSONAL_DATA, notes.found(personal))
    crisis = [f for f in findings if f.kind in detection.CRISIS_KINDS]
    if crisis:
        decision.crisis = True
        decision.reasons.append(ReviewReason.CRISIS)
        decision.notes.append(notes.crisis(crisis))


def hold(decision, reason, note):
    """Hold the post for `reason`, saying `note` (notes.py) to the moderator."""
    decision.action = HOLD
    decision.reasons.append(reason)
    decision.notes.append(note)


def _apply_watched_words(decision, *, replace=True):
    words = list(WatchedWord.objects.all())
    for word in words:
        pattern = re.compile(r"(?<!\w)" + re.escape(word.phrase) + r"(?!\w)", re.IGNORECASE)
        texts = [decision.body, decision.title or ""]
        if not any(pattern.search(t) for t in texts):
            continue
        if word.action == WordAction.BLOCK:
            raise ValidationError(BLOCK_MESSAGE.format(
                phrase=word.phrase,
                explanation=word.explanation or _("Please change it and try again.")).strip())
        if word.action == WordAction.REPLACE:
            if not replace:
                continue
            decision.body = pattern.sub(word.replacement, decision.body)
            if decision.title is not None:
                decision.title = pattern.sub(word.replacement, decision.title)
        elif ReviewReason.WATCHED_WORD not in decision.reasons:
            hold(decision, ReviewReason.WATCHED_WORD, notes.watched_word(word.phrase))


# Trust levels -----------------------------------------------------------------------------

def trust_level(user, config=None):
    """The author's level, promoting a new resident whose thresholds are met."""
    standing = permissions.standing_of(user)
    if standing is None:
        return TrustLevel.NEW
    if standing.trust_level == TrustLevel.NEW and promotion_due(user, standing,
                                                               config or current_settings()):
        standing.trust_level = TrustLevel.MEMBER
        standing.save(update_fields=["trust_level"])
    return standing.trust_level


def promotion_due(user, standing, config, now=None):
    if standing.level_set_by_hand:
        return False
    old_enough = (now or timezone.now()) - user.date_joined >= timedelta(days=config.promote_after_days)
    return old_enough and standing.approved_posts >= config.promote_after_approved_posts


def is_new(user, config=None):
    if permissions.is_staff_poster(user):
        return False
    return trust_level(user, config) == TrustLevel.NEW


def is_held_as_new(user, config):
    """A new account's first `held_first_posts` posts wait for a moderator."""
    if not is_new(user, config):
        return False
    standing = permissions.standing_of(user)
    approved = standing.approved_posts if standing else 0
    return approved < config.held_first_posts


def standing_for_update(user):
    standing, _created = Standing.objects.get_or_create(user=user)
    user._moderation_standing = standing
    return standing
