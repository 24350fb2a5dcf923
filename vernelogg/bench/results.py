"""One measured figure next to its floor and target, and the two ways to print them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Result:
    """`value` and `target` in the same unit ("s" or "MB"). `floor` is what the same kind
    of work costs on this machine with nothing of Vernelogg in it; `max_ratio` (if any)
    is the most the value may be as a multiple of the floor."""

    name: str
    value: float
    unit: str
    floor: float | None
    target: float
    max_ratio: float | None = None
    what: str = ""  # one line: what was measured
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if not self.floor:
            return None
        return self.value / self.floor

    @property
    def met(self) -> bool:
        if self.value > self.target:
            return False
        return self.max_ratio is None or (self.ratio is not None and self.ratio <= self.max_ratio)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": _round(self.value),
            "unit": self.unit,
            "floor": _round(self.floor),
            "ratio": _round(self.ratio),
            "target": self.target,
            "max_ratio": self.max_ratio,
            "met": self.met,
            "what": self.what,
            **{k: _plain(v) for k, v in self.extra.items()},
        }


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return _round(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _round(value: float | None) -> float | None:
    """Four significant digits."""
    return None if value is None else float(f"{value:.4g}")


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s" and value < 1:
        return f"{value * 1000:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def _target(r: Result) -> str:
    text = f"< {_amount(r.target, r.unit)}"
    if r.max_ratio is not None:
        text += f", ≤ {r.max_ratio:g}× gulv"
    return text


def format_table(results: Sequence[Result], heading: str = "") -> str:
    """A plain-text table: figure, value, floor, ratio, target, met."""
    header = ("Måling", "Verdi", "Gulv", "Forhold", "Mål", "Nådd")
    rows = [
        (
            r.name,
            _amount(r.value, r.unit),
            _amount(r.floor, r.unit),
            f"{r.ratio:.2f}×" if r.ratio is not None else "–",
            _target(r),
            "ja" if r.met else "NEI",
        )
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    right = {1, 2, 3}

    def line(row) -> str:
        return "  ".join(
            str(cell).rjust(widths[i]) if i in right else str(cell).ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()

    out = [heading] if heading else []
    out += [line(header), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    notes = [f"  {r.name}: {r.what}" for r in results if r.what]
    if notes:
        out += ["", *notes]
    return "\n".join(out)


def to_json(results: Sequence[Result], **meta: Any) -> str:
    return json.dumps(
        {"results": [r.to_dict() for r in results], **meta}, ensure_ascii=False, indent=2
    )
