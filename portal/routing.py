"""Page routing with a memory: which page serves an address, remembered in the cache.

Wagtail finds the page for /forum/neighbourhood-concerns/12-needles-in-the-park/ by walking the
tree from the site's root page, one child lookup and one "specific" lookup per level, after a
query for the site: six or seven queries before any view runs, on every page. This view
remembers, per host and path, the site and the page that served the path the last time, and
then loads that page alone (one query) and lets it route the rest of the path itself (a board
routes its thread addresses without a query), before handing over to Wagtail's own `serve`,
which finds the route already worked out (`request._wagtail_route_for_request`, as its
`route_for_request` documents) and runs the view restriction checks and hooks as always.

Languages: under /es/ Wagtail routes from the Spanish home page (the translation of the site's
root), so a translated page is served in Spanish. A page nobody has translated yet is not in the
Spanish tree; rather than a 404 (the language switcher keeps the address), the page is served
from the site's own tree, in its own language, marked `request.content_language` so the
template gives its content the right `lang`. Routes are remembered per language.

A remembered page is only used while it is still live and still at the same address (its
`url_path`, which Wagtail rewrites when the page or an ancestor moves or changes slug), so an
unpublished, moved, renamed or deleted page is routed from scratch at once, in every process.
Only pages that answered 200 are remembered, so unknown addresses cannot fill the cache. A site
change (root page, host name) clears everything; the timeout bounds what a process with its own
cache (no REDIS_URL) keeps from before a site change made in another.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

CACHE_SECONDS = 15 * 60
VERSION_KEY = "portal:route:version"


def serve(request, path):
    """Wagtail's front-end view (the `wagtail_serve` URL), with the route from the cache when
    it can be trusted."""
    key = _key(request, path)
    remembered = _route_from_cache(request, path, key) if key else False
    if not remembered:
        _untranslated_from_default_tree(request, path)
    response = wagtail_views.serve(request, path)
    if key and not remembered and response.status_code == 200:
        _remember(request, key)
    return response


def _untranslated_from_default_tree(request, path):
    """Route `path` from the site's own root page when the current language's tree has no page
    there (a page not translated yet)."""
    from wagtail.models import Page

    if translation.get_language() == settings.LANGUAGE_CODE:
        return
    route = Page.route_for_request(request, path)
    site = getattr(request, "_wagtail_site", None)
    if route is not None or site is None:
        return
    root = site.root_page
    if root.localized.pk == root.pk:
        return  # the current language has no tree of its own: Wagtail routed from the root
    try:
        request._wagtail_route_for_request = root.specific.route(
            request, [part for part in path.split("/") if part])
    except Http404:
        return
    request.content_language = root.locale.language_code


def _route_from_cache(request, path, key):
    entry = cache.get(key)
    if entry is None:
        return False
    site, model_label, page_pk, url_path, depth, content_language = entry
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return False
    try:
        page = model.objects.get(pk=page_pk, url_path=url_path, live=True)
    except model.DoesNotExist:
        return False
    remaining = [part for part in path.split("/") if part][depth:]
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site
    if content_language:
        request.content_language = content_language
    try:
        request._wagtail_route_for_request = page.route(request, remaining)
    except Http404:
        request._wagtail_route_for_request = None
    return True


def _remember(request, key):
    site = getattr(request, "_wagtail_site", None)
    route = getattr(request, "_wagtail_route_for_request", None)
    if site is None or route is None:
        return
    page = route[0]
    root_path = _root_path(site, page.url_path)
    if root_path is None:
        return
    depth = len([part for part in page.url_path[len(root_path):].split("/") if part])
    cache.set(key, (_bare(site), page._meta.label, page.pk, page.url_path, depth,
                    getattr(request, "content_language", "")), CACHE_SECONDS)


def _bare(site):
    """A copy of `site` with its own fields only: not the root page object loaded with it, whose
    child count (which Wagtail's get_children trusts) would go stale in the cache."""
    copy = Site(**{field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields})
    copy._state.adding, copy._state.db = False, site._state.db
    return copy


def _root_path(site, url_path):
    """The path of the root (the site's, or a translation of it) that `url_path` is under."""
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and url_path.startswith(root.root_path):
            return root.root_path
    return None


def _key(request, path):
    """The cache key for this host and path, under the current version; None for a request
    this should not handle (a host Django would refuse answers 400 before any routing)."""
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - DisallowedHost and friends: let Wagtail's view answer
        return None
    version = cache.get_or_set(VERSION_KEY, 1, None)
    language = translation.get_language() or ""
    digest = hashlib.blake2b(f"{host}|{request.get_port()}|{language}|{path}".encode(), digest_size=16)
    return f"portal:route:{version}:{digest.hexdigest()}"


def clear():
    """Forget every remembered route (a new version makes the old keys unreachable)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _site_changed(**kwargs):
    clear()
    transaction.on_commit(clear)


def connect():
    """Called once from the portal app's ready()."""
    post_save.connect(_site_changed, sender=Site, dispatch_uid="portal.routing.site_saved")
    post_delete.connect(_site_changed, sender=Site, dispatch_uid="portal.routing.site_deleted")
