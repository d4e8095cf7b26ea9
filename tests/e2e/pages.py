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
THREAD = "/forum/neighbourhood-concerns/1-needles-in-the-play-area-at-millbrook-park/"
THIS_MONTH = f"/events/month/{date.today():%Y/%-m}/"  # the demo's events are relative to today

PAGES = [
    SitePage("home", "/"),
    SitePage("standard page", "/about/"),
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
    SitePage("thread", THREAD),
    SitePage("thread, signed in", THREAD, account=RESIDENT),
    SitePage("new thread form", "/forum/neighbourhood-concerns/new/", account=RESIDENT),
    SitePage("notifications", "/forums/notifications/", account=RESIDENT),
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
    SitePage("event, signed in", "/events/community-safety-forum/", account=RESIDENT),
    # search
    SitePage("search results", "/search/?q=naloxone"),
    SitePage("search with no results", "/search/?q=zzqxjvw"),
    # transparency
    SitePage("transparency", "/transparency/"),
    SitePage("transparency, filtered", f"/transparency/?period=year&year={date.today():%Y}"
             "&partner=riverton-police-service&topic=drug-litter-and-needles&neighbourhood=millbrook"),
    SitePage("transparency, last 30 days", "/transparency/?period=30d"),
    SitePage("transparency, filters not understood", "/transparency/?period=forever&partner=nobody"),
    SitePage("open data dictionary", "/transparency/data/"),
    # moderation, concerns: add their pages here.
]
