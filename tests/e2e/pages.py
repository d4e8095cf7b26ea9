"""The pages every browser check visits: axe (accessibility), the Nu HTML Checker and the
security headers. ONE list: a feature adds its pages here with a line each.

`path` is fetched on the live demo site; `account` is the demo account to sign in as first
(None: a visitor); `status` is the HTTP status the page must answer with.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SitePage:
    name: str
    path: str
    account: str | None = None
    status: int = 200

    def __str__(self):
        return self.name


RESIDENT = "resident@riverton.example"

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
    SitePage("search results", "/search/?q=naloxone"),
    SitePage("search with no results", "/search/?q=zzqxjvw"),
    # forums, stories, events, search, transparency: add their pages here.
]
