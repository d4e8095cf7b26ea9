"""The pages every browser check visits: axe (accessibility), the Nu HTML Checker and the
security headers. ONE list: a feature adds its pages here with a line each.

`path` is fetched on the live demo site; `account` is the demo account to sign in as first
(None: a visitor); `status` is the HTTP status the page must answer with.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SitePage:
    name: str
    path: str
    account: str | None = None
    status: int = 200

    def __str__(self):
        return self.name


RESIDENT = "resident@riverton.example"
NEWCOMER = "newcomer@riverton.example"  # their first reply is held (forums/moderation/demo.py)
MODERATOR = "moderator@riverton.example"
HARBOUR_LIAISON = "ngo.liaison@riverton.example"
SPANISH_RESIDENT = "residente@riverton.example"  # prefers Spanish (portal/demo.py)
# A concern with official answers, resolved (forums/concerns/demo.py)
THREAD = "/forum/neighbourhood-concerns/1-needles-in-the-play-area-at-millbrook-park/"
DISCUSSION = "/forum/prevention-and-education/4-ideas-for-a-parents-evening-on-vaping-and-cannabis/"
CONCERNS = "/forum/neighbourhood-concerns/"
ANSWERED_CONCERN = CONCERNS + "8-cars-stopping-briefly-outside-the-flats-on-westfield-road/"
OPEN_CONCERN = CONCERNS + "7-street-drinking-on-the-riverside-benches-every-afternoon/"
FLAGGABLE_POST = 5  # the first post of "How long is the wait for the community clinic?"
THIS_MONTH = f"/events/month/{date.today():%Y/%-m}/"  # the demo's events are relative to today

PAGES = [
    SitePage("home", "/"),
    SitePage("standard page", "/about/"),
    SitePage("privacy notice", "/privacy/"),
    SitePage("accessibility statement", "/accessibility/"),
    SitePage("community rules", "/community-rules/"),
    SitePage("partner list", "/partners/"),
    SitePage("partner page", "/partners/riverton-police-service/"),
    SitePage("sign-up", "/accounts/signup/"),
    SitePage("login", "/accounts/login/"),
    SitePage("verification sent", "/accounts/confirm-email/"),
    SitePage("password reset", "/accounts/password/reset/"),
    SitePage("not found", "/no-such-page/", status=404),
    SitePage("profile", "/accounts/profile/", account=RESIDENT),
    SitePage("email addresses", "/accounts/email/", account=RESIDENT),
    SitePage("change password", "/accounts/password/change/", account=RESIDENT),
    SitePage("two-factor authentication", "/accounts/2fa/", account=RESIDENT),
    SitePage("data and account", "/accounts/delete/", account=RESIDENT),
    SitePage("admin refused to a resident", "/admin/", account=RESIDENT, status=403),
    # forums (demo threads are numbered in the order forums/demo.py starts them)
    SitePage("forum index", "/forum/"),
    SitePage("board", "/forum/neighbourhood-concerns/"),
    SitePage("board filtered by concern state", "/forum/neighbourhood-concerns/?state=answered"),
    SitePage("thread", THREAD),
    SitePage("thread, signed in", THREAD, account=RESIDENT),
    SitePage("thread with your own held reply", THREAD, account=NEWCOMER),
    SitePage("your own thread awaiting review",
             "/forum/treatment-and-recovery/6-support-groups-for-parents-in-riverside/", account=NEWCOMER),
    SitePage("discussion thread with the reply form", DISCUSSION, account=RESIDENT),
    SitePage("new thread form", "/forum/prevention-and-education/new/", account=RESIDENT),
    SitePage("flag form", f"/forums/posts/{FLAGGABLE_POST}/flag/", account=RESIDENT),
    SitePage("notifications", "/forums/notifications/", account=RESIDENT),
    # concerns
    SitePage("raise a concern form", "/forum/neighbourhood-concerns/new/", account=RESIDENT),
    SitePage("concern with an official answer", ANSWERED_CONCERN),
    SitePage("concern, as its author", ANSWERED_CONCERN, account=RESIDENT),
    SitePage("concern, as a routed liaison", OPEN_CONCERN, account=HARBOUR_LIAISON),
    SitePage("liaison inbox", "/admin/concerns/", account=HARBOUR_LIAISON),
    SitePage("liaison's response templates", "/admin/snippets/concerns/responsetemplate/",
             account=HARBOUR_LIAISON),
    # moderation
    SitePage("review queue", "/admin/moderation/queue/", account=MODERATOR),
    # stories
    SitePage("report index", "/reports/"),
    SitePage("report", "/reports/2026-q2/"),
    SitePage("case study index", "/case-studies/"),
    SitePage("case study", "/case-studies/harm-reduction-partnership/"),
    SitePage("resource library", "/resources/"),
    SitePage("get help", "/get-help/"),
    SitePage("get help, filtered", "/get-help/?type=counselling&neighbourhood=westfield"),
    SitePage("service page", "/get-help/riverton-treatment-centre/"),
    # events
    SitePage("calendar", "/events/"),
    SitePage("month grid", THIS_MONTH),
    SitePage("past events", "/events/past/"),
    SitePage("event", "/events/community-safety-forum/"),
    SitePage("event, signed in", "/events/community-safety-forum/", account=RESIDENT),
    # search
    SitePage("search results", "/search/?q=naloxone"),
    SitePage("search with no results", "/search/?q=zzqxjvw"),
    # transparency
    SitePage("transparency", "/transparency/"),
    SitePage("transparency, filtered", f"/transparency/?period=year&year={date.today():%Y}"
             "&partner=riverton-police-service&topic=drug-litter-and-needles&neighbourhood=millbrook"),
    SitePage("transparency, this month so far", "/transparency/?period=month"),
    SitePage("transparency, filters not understood", "/transparency/?period=forever&partner=nobody"),
    SitePage("open data dictionary", "/transparency/data/"),
    # Spanish (issue 19): the demo's translated pages, one served from the English tree, and the
    # language filters
    SitePage("Spanish home", "/es/"),
    SitePage("Spanish get help", "/es/get-help/"),
    SitePage("Spanish community rules", "/es/community-rules/"),
    SitePage("Spanish report", "/es/reports/2026-q2/"),
    SitePage("Spanish report index with an untranslated report", "/es/reports/"),
    SitePage("untranslated report under /es/", "/es/reports/2026-q1/"),
    SitePage("Spanish case study", "/es/case-studies/crisis-outreach-to-treatment/"),
    SitePage("Spanish calendar", "/es/events/"),
    SitePage("Spanish event", "/es/events/naloxone-training/"),
    SitePage("Spanish transparency", "/es/transparency/"),
    SitePage("Spanish search", "/es/search/?q=tratamientos"),
    SitePage("search in every language", "/search/?q=tratamientos&languages=all"),
    SitePage("board filtered by language", "/es/forum/treatment-and-recovery/?language=es"),
    # the Spanish visitor's journey (test_spanish_journey.py): allauth's pages, a thread with the
    # reply form, the concern form and a concern's timeline, in Spanish
    SitePage("Spanish sign-up", "/es/accounts/signup/"),
    SitePage("Spanish verification sent", "/es/accounts/confirm-email/"),
    SitePage("Spanish login", "/es/accounts/login/"),
    SitePage("Spanish thread with the reply form", "/es" + DISCUSSION, account=SPANISH_RESIDENT),
    SitePage("Spanish raise a concern form", "/es" + CONCERNS + "new/", account=SPANISH_RESIDENT),
    SitePage("Spanish concern with an official answer", "/es" + ANSWERED_CONCERN),
]
