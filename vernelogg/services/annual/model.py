"""The annual HMS summary as plain data: figures, tables, charts and notes.

Every section is generic (a title, figures, tables, a chart), so the screen, the PDF and
the xlsx export all render the same thing, and a feature adds its section by adding one
provider to `SECTION_PROVIDERS` in `summary.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vernelogg import i18n
from vernelogg.i18n import _


def _number(value: float, decimals: int) -> str:
    """«1 234,5» in Norwegian, «1,234.5» in English (a no-break space between thousands)."""
    text = i18n.format_number(abs(value), decimals).replace("\u202f", "\u00a0")
    return f"-{text}" if value < 0 else text


@dataclass(frozen=True)
class Figure:
    """A key figure, this year against the year before. None means «not known»."""

    label: str
    value: float | None
    previous: float | None = None
    unit: str = ""
    decimals: int = 0
    note: str = ""
    # The year before's own unit where it depends on that year («av 21» against «av 28»).
    previous_unit: str | None = None

    def text(self, value: float | None = None, unit: str | None = None) -> str:
        v = self.value if value is None else value
        if v is None:
            return "–"
        number = _number(v, self.decimals)
        unit = self.unit if unit is None else unit
        return f"{number}{' ' + unit if unit else ''}"

    @property
    def previous_text(self) -> str:
        """The year before's figure with that year's own unit; empty when not known."""
        if self.previous is None:
            return ""
        return self.text(self.previous, self.previous_unit)

    @property
    def change(self) -> str:
        if self.value is None or self.previous is None:
            return ""
        diff = self.value - self.previous
        if abs(diff) < 10 ** -(self.decimals + 1):
            return _("uendret")
        sign = "+" if diff > 0 else "−"
        number = _number(abs(diff), self.decimals)
        return f"{sign}{number}"


@dataclass(frozen=True)
class TableData:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric_columns: tuple[int, ...] = ()


@dataclass(frozen=True)
class BarChart:
    """Bars per category; several series are stacked (or grouped when `stacked` is off)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    stacked: bool = True


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str = ""
    figures: tuple[Figure, ...] = ()
    tables: tuple[TableData, ...] = ()
    charts: tuple[BarChart, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearInputs:
    """Optional figures entered by the HMS leader; never guessed when missing."""

    hours_worked: float | None = None
    lost_time_injuries: int | None = None
    sick_leave_days: float | None = None
    agreed_work_days: float | None = None

    @property
    def h_value(self) -> float | None:
        """Lost-time injuries per million hours worked."""
        if self.hours_worked and self.lost_time_injuries is not None:
            return self.lost_time_injuries * 1_000_000 / self.hours_worked
        return None

    @property
    def sick_leave_percent(self) -> float | None:
        if self.agreed_work_days and self.sick_leave_days is not None:
            return self.sick_leave_days * 100 / self.agreed_work_days
        return None


@dataclass(frozen=True)
class AnnualSummary:
    year: int
    organisation: str
    org_number: str | None
    employees: int
    key_figures: tuple[Figure, ...]
    area_table: TableData
    sections: tuple[Section, ...] = field(default_factory=tuple)
    inputs: YearInputs = field(default_factory=YearInputs)
    # The undertaking's logo for the letterhead (PNG bytes), if one is chosen.
    logo: bytes | None = field(default=None, repr=False)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def tables(self) -> list[TableData]:
        """Every table of the summary, key figures first (for the xlsx export)."""
        key = TableData(
            _("Nøkkeltall"),
            (_("Nøkkeltall"), str(self.year), str(self.year - 1), _("Endring"), _("Merknad")),
            tuple(
                (
                    f.label,
                    f.text(),
                    f.previous_text,
                    f.change,
                    f.note,
                )
                for f in self.key_figures
            ),
            # A figure is a number where it is one («3», «+66»); «21 av 21» stays text.
            numeric_columns=(1, 2, 3),
        )
        return [key, self.area_table] + [t for s in self.sections for t in s.tables]
