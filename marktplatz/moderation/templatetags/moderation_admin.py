"""Template tags for the operator's admin pages."""

from __future__ import annotations

from django import template

from marktplatz.moderation.selectors import report_open_count

register = template.Library()


@register.simple_tag
def open_report_count() -> int:
    """How many reports wait for the operator (shown on the admin index)."""
    return report_open_count()
