from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from forums.sitemaps import ThreadSitemap
from portal import routing, views
from portal.accounts import urls as account_urls
from portal.partners import views as partner_views
from portal.sitemaps import PageSitemap, PartnerSitemap

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # The admin signs in and out through allauth, so its rate limits and MFA apply.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/logout/", RedirectView.as_view(pattern_name="account_logout")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {
        "pages": PageSitemap, "partners": PartnerSitemap, "threads": ThreadSitemap}}),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("api/v2/", include("portal.api")),  # Wagtail API v2, read-only
    # English is served unprefixed; /en/<path> (a guessed or old address) moves there for good.
    re_path(r"^en(?:-[A-Za-z]{2})?/(?P<rest>.*)$", views.english_unprefixed),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What people read, in every language (portal/languages.py): the site's own language unprefixed,
# so no address from before breaks, the others under /<code>/ (Spanish: /es/...). The admin, the
# API, the health check, the sitemap and robots.txt above stay unprefixed.
urlpatterns += i18n_patterns(
    path("accounts/", include(account_urls)),
    path("accounts/", include("allauth.urls")),
    path("partners/", partner_views.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", partner_views.partner_detail, name="partner_detail"),
    path("", include("forums.urls")),
    path("", include("stories.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("transparency.urls")),
    # Pages: Wagtail's serve view, with the route remembered (portal/routing.py). The same pattern
    # and name as Wagtail's own, which stays below for its other URLs.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
