"""
Whole-response cache for public pages as anonymous visitors see them.

The directory is read far more often than it changes, and most readers are not logged in. A view
decorated with ``visitor_cache`` answers a repeated GET from an anonymous visitor from the cache
(``CACHES["default"]``: Redis in production) instead of querying and rendering again::

    @visitor_cache(timeout=60, per_minute=True, after=count_the_view)
    def shop_detail(request, slug): ...

- The key holds the view, the full path with its query string, the active language and
  (``per_minute``) the current minute in Europe/Berlin, so "open now" badges are exact to the
  minute; an answer is only used while the content version it was made under is current. A
  view may shorten the lifetime of its answer by setting ``response.visitor_cache_timeout``
  (seconds), e.g. until the shop's next opening or closing.
- ``content_changed()`` bumps the content version after a commit: every cached answer is
  dropped at once. The directory calls it for every change of what its public pages show
  (``marktplatz.directory.apps``); the timeout bounds anything else.
- Switched on by ``settings.VISITOR_CACHE`` (default: on unless DEBUG). Never cached: logged-in
  visitors (their header differs), visitors with pending messages, non-GET requests, answers
  other than 200, answers that set cookies other than the CSRF cookie.
  ``Cache-Control: no-cache`` in the request skips the lookup (and stores a fresh answer).
- The CSRF token of the page's forms (the language switch) is personal: it is stored as a
  placeholder and filled with the visitor's own token on every answer.
- ``after(request, meta)`` runs on every answer, cached or not, with the ``visitor_cache_meta``
  dict the view set on its response: the place for counters such as page views.

``RedisCache`` is Django's Redis backend keeping one client per connection pool: Django's builds a
new ``redis.Redis`` for every cache operation, which costs about as much as the round trip itself
on a cached page (``CACHES = {"default": {"BACKEND": "marktplatz.core.visitor_cache.RedisCache", ...}}``).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.cache.backends import redis as django_redis
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY: Final = "visitor-cache:version"
_CSRF_HOLE: Final = "__visitor_cache_csrf_token__"
_TOKEN_RE: Final = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
_KEPT_HEADERS: Final = ("Content-Type", "Content-Language", "Vary", "X-Robots-Tag")

After = Callable[[HttpRequest, Mapping[str, Any]], None]


class _RedisClientReused(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # One client per pool; a redis-py client is safe to share (it takes a connection per command).
        # (The stubs do not know the private helpers of Django's client.)
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(django_redis.RedisCache):
    """Django's ``RedisCache`` without a new client object per operation (see the module docstring)."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _RedisClientReused


View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class CachedAnswer:
    version: int
    content: str
    headers: dict[str, str]
    meta: dict[str, Any] = field(default_factory=dict)


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return int(version)


def content_changed() -> None:
    """Drop every cached answer once the current transaction commits (at once outside one)."""
    transaction.on_commit(_bump_version)


def _bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def visitor_cache(
    *, timeout: int, per_minute: bool = False, after: After | None = None
) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                response = view(request, *args, **kwargs)
                _run_after(after, request, response)
                return response
            key = _key(request, view, per_minute=per_minute)
            # One round trip for the answer and the current version: an answer of an older
            # version is stale.
            found = cache.get_many([VERSION_KEY, key])
            version = int(found.get(VERSION_KEY) or content_version())
            entry: CachedAnswer | None = found.get(key)
            if "no-cache" in request.headers.get("Cache-Control", "") or (entry and entry.version != version):
                entry = None
            if entry is not None:
                if after is not None:
                    after(request, entry.meta)
                return _answer(request, entry)
            response = view(request, *args, **kwargs)
            _run_after(after, request, response)
            lifetime = min(timeout, getattr(response, "visitor_cache_timeout", timeout))
            stored = _storable(response, version)
            if stored is not None and lifetime > 0:
                cache.set(key, stored, timeout=lifetime)
            return response

        return wrapper

    return decorator


def _cacheable(request: HttpRequest) -> bool:
    if not settings.VISITOR_CACHE or request.method != "GET" or request.user.is_authenticated:
        return False
    return not len(get_messages(request))


def _key(request: HttpRequest, view: View, *, per_minute: bool) -> str:
    minute = timezone.localtime().strftime("%Y%m%d%H%M") if per_minute else ""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    name = f"{view.__module__}.{view.__name__}"
    return f"visitor-cache:{name}:{get_language()}:{minute}:{path}"


def _run_after(after: After | None, request: HttpRequest, response: HttpResponse) -> None:
    if after is not None:
        after(request, getattr(response, "visitor_cache_meta", {}))


def _storable(response: HttpResponse, version: int) -> CachedAnswer | None:
    if response.status_code != 200 or response.streaming:
        return None
    if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
        return None
    content = _TOKEN_RE.sub(rf"\g<1>{_CSRF_HOLE}\g<3>", response.content.decode(response.charset))
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    return CachedAnswer(version, content, headers, dict(getattr(response, "visitor_cache_meta", {})))


def _answer(request: HttpRequest, entry: CachedAnswer) -> HttpResponse:
    content = entry.content
    if _CSRF_HOLE in content:
        # get_token() also makes the CSRF middleware set the visitor's cookie.
        content = content.replace(_CSRF_HOLE, get_token(request))
    return HttpResponse(content, headers=entry.headers)
