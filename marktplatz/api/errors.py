"""
How the API refuses a request: one JSON shape per kind of refusal, messages in the request's language.

- 400: ``{"detail": [{"parameter": "radius_km", "message": "..."}]}`` – one entry per bad parameter,
  whether the value has the wrong type (checked by ninja/pydantic) or a meaning we cannot use
  (unknown category, unknown place).
- 404, 405, 429: ``{"detail": "..."}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import ValidationError


@dataclass(frozen=True)
class ParameterProblem:
    parameter: str
    message: str


class ParameterError(Exception):
    """One or more query parameters the API cannot use; answered with HTTP 400."""

    def __init__(self, problems: list[ParameterProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


class ParameterProblemOut(Schema):
    parameter: str
    message: str


class BadRequestOut(Schema):
    """HTTP 400: every query parameter that could not be used, with a message in the request's language."""

    detail: list[ParameterProblemOut]


class ErrorOut(Schema):
    """HTTP 404, 405 and 429: a message in the request's language."""

    detail: str


def problems_from_validation_error(error: ValidationError) -> list[ParameterProblem]:
    """Turn ninja's (pydantic's) errors into problems naming the parameter, in the request's language."""
    problems: list[ParameterProblem] = []
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ()) if not isinstance(part, int)]
        # ("query", "radius_km"): the first part is where the value came from, the last its name.
        parameter = location[-1] if len(location) > 1 else "query"
        problems.append(ParameterProblem(parameter, _validation_message(item)))
    return problems


def _validation_message(item: dict[str, Any]) -> str:
    kind = item.get("type", "")
    limits = item.get("ctx") or {}
    if kind in {"int_parsing", "int_from_float", "int_type"}:
        return _("Enter a whole number.")
    if kind in {"float_parsing", "float_type", "finite_number"}:
        return _("Enter a number.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Enter true or false (or 1 or 0).")
    if kind == "greater_than":
        return _("Enter a number greater than %(limit)s.") % {"limit": _number(limits.get("gt"))}
    if kind == "greater_than_equal":
        return _("Enter a number of at least %(limit)s.") % {"limit": _number(limits.get("ge"))}
    if kind == "less_than_equal":
        return _("Enter a number of at most %(limit)s.") % {"limit": _number(limits.get("le"))}
    if kind == "string_too_long":
        return _("Enter at most %(limit)s characters.") % {"limit": limits.get("max_length")}
    return _("This value is not valid.")


def _number(value: Any) -> str:
    """A limit as people write it in the active language: ``200`` rather than ``200.0``, ``0,5`` in German."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return number_format(value) if isinstance(value, int | float) else str(value)
