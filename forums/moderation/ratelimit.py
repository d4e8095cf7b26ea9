"""Rate limits for new threads, replies and flags, per account and per network address.

State lives in Django's cache (Redis in production, local memory in development and tests).
When the cache server is down the limits cannot be counted: reading goes on, but posting and
flagging are refused with a clear message until it is back (fail closed), so an outage cannot
be used to flood the forums.
The per-account limit is an interval ("one reply every 30 seconds"); the per-address limit is a
count per clock hour. New accounts wait longer, as on Discourse."""

import time

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import caching

from . import permissions, policy

PAUSED_MESSAGE = gettext_lazy("Posting is paused for a moment while part of the site recovers. What "
                              "you wrote is kept below: please send it again in a minute.")

THREAD, REPLY, EDIT, FLAG = "thread", "reply", "edit", "flag"
HOUR = 3600


def _interval(user, kind, config):
    if kind in (FLAG, EDIT):
        return 0
    new = policy.is_new(user, config)
    if kind == THREAD:
        return config.new_user_thread_interval if new else config.member_thread_interval
    return config.new_user_reply_interval if new else config.member_reply_interval


def _keys(user, ip, kind, now):
    hour = int(now // HOUR)
    return (f"moderation:rl:{kind}:user:{user.pk}",
            f"moderation:rl:post:ip:{ip}:{hour}" if kind in (THREAD, REPLY) else None,
            f"moderation:rl:flag:user:{user.pk}:{hour}" if kind == FLAG else None)


def seconds_to_wait(user, ip, kind, *, config=None, now=None):
    """0 if `user` at address `ip` may do `kind` now, else how many seconds until they may."""
    if permissions.can_moderate(user):
        return 0
    config = config or policy.current_settings()
    now = now or time.time()
    user_key, ip_key, flag_key = _keys(user, ip, kind, now)
    waits = []
    next_allowed = cache.get(user_key)
    if next_allowed and next_allowed > now:
        waits.append(next_allowed - now)
    if ip_key and (cache.get(ip_key) or 0) >= config.posts_per_hour_per_ip:
        waits.append(HOUR - now % HOUR)
    if flag_key and (cache.get(flag_key) or 0) >= config.flags_per_hour:
        waits.append(HOUR - now % HOUR)
    return int(max(waits) + 0.999) if waits else 0


def refusal(user, ip, kind):
    """A message saying why `user` may not do `kind` now, or None if they may."""
    wait = seconds_to_wait(user, ip, kind)
    if not permissions.can_moderate(user) and not caching.is_available():
        return PAUSED_MESSAGE
    if not wait:
        return None
    if kind == FLAG:
        return _("You have flagged many posts this hour. You can flag again in %(minutes)d minutes.") % {
            "minutes": (wait + 59) // 60}
    return wait_message(wait)


def record(user, ip, kind, *, config=None, now=None):
    """Count one `kind` by `user` from `ip`."""
    config = config or policy.current_settings()
    now = now or time.time()
    user_key, ip_key, flag_key = _keys(user, ip, kind, now)
    interval = _interval(user, kind, config)
    if interval:
        cache.set(user_key, now + interval, timeout=interval)
    for key in (ip_key, flag_key):
        if key:
            cache.add(key, 0, timeout=HOUR)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=HOUR)


def client_ip(request):
    """The client's address, as allauth's adapter reports it for its own rate limits (sign-in,
    sign-up, password reset), so both limiters count the same client: REMOTE_ADDR, or with
    ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT = n proxies in front, the n-th address from
    the right in X-Forwarded-For (entries further left can be forged by the client)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No usable address (a malformed or short X-Forwarded-For): count the connection's own.
        return request.META.get("REMOTE_ADDR") or "unknown"


def wait_message(seconds):
    if seconds < 90:
        return _("You are posting quickly. You can post again in %(seconds)d seconds.") % {
            "seconds": seconds}
    minutes = (seconds + 59) // 60
    return _("You are posting quickly. You can post again in %(minutes)d minutes.") % {"minutes": minutes}
