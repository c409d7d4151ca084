"""The printed report: sections of aligned tables, each with its targets and whether they are met."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    """A target next to a figure: ``met`` is None when the figure could not be measured."""

    label: str
    figure: str
    target: str
    met: bool | None


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.1f}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        first, *rest = cells
        return "  ".join(
            [str(first).ljust(widths[0]), *(str(c).rjust(w) for c, w in zip(rest, widths[1:], strict=True))]
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def render(title: str, context: list[str], sections: list[Section]) -> str:
    out = [title, "=" * len(title), *context, ""]
    for section in sections:
        out += [section.title, "-" * len(section.title), table(section.headers, section.rows)]
        out += [f"  {note}" for note in section.notes]
        out.append("")
    checks = [check for section in sections for check in section.checks]
    if checks:
        out += ["Targets", "-------"]
        rows = [
            [c.label, c.figure, c.target, {True: "met", False: "MISSED", None: "not measured"}[c.met]]
            for c in checks
        ]
        out += [table(["target", "measured", "goal", "result"], rows), ""]
    return "\n".join(out)
