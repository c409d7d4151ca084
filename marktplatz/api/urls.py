"""
``/api/v1/`` (namespace ``api``): ninja's routes, its OpenAPI document (``openapi.json``) and docs
(``docs``), all wrapped by ``with_api_headers``; ``/api/v1/`` itself is a JSON index and every other
path a JSON 404.
"""

from django.urls import URLPattern, URLResolver, re_path

from .api import api
from .http import api_index, not_found, with_api_headers

app_name = "api"


def _api_patterns() -> list[URLPattern | URLResolver]:
    ninja_patterns, _app, _namespace = api.urls
    patterns: list[URLPattern | URLResolver] = []
    for pattern in ninja_patterns:
        assert isinstance(pattern, URLPattern)
        # ninja's root view only exists to be reversed (and answers an HTML 404): serve an index there.
        view = api_index if pattern.name == "api-root" else pattern.callback
        patterns.append(
            URLPattern(pattern.pattern, with_api_headers(view), pattern.default_args, pattern.name)
        )
    return patterns


urlpatterns: list[URLPattern | URLResolver] = [
    *_api_patterns(),
    re_path(r"^.*$", with_api_headers(not_found), name="not_found"),
]
