"""
The production static files storage without source map rewriting.

``make assets`` copies ``leaflet.js`` but not ``leaflet.js.map``, so the manifest storage's
``collectstatic`` stops at the ``sourceMappingURL`` comment. The bench only needs the pages to
render with hashed names; it does not rewrite source map references.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns: Any) -> tuple[Any, ...]:
    kept = []
    for extension, rules in patterns:
        rules = tuple(rule for rule in rules if "sourceMappingURL" not in str(rule))
        if rules:
            kept.append((extension, rules))
    return tuple(kept)


class BenchStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
