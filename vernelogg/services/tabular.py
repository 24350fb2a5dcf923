"""Tables out to CSV and XLSX that Norwegian Excel opens as they are.

CSV: UTF-8 with BOM, «;» between fields, dates dd.mm.yyyy. Text is cleaned of control
characters, and a cell that starts like a formula (=, +, -, @) gets a leading «'» in
both formats (CSV injection). XLSX (openpyxl): bold
frozen header with filter buttons, column widths, real date cells shown dd.mm.yyyy.
Rows are streamed, so a large export never holds everything in memory.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vernelogg.domain.formatting import OSLO, fmt_date, fmt_datetime
from vernelogg.domain.text import clean_text, safe_cell
from vernelogg.i18n import _
from vernelogg.services.errors import ServiceError

SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class TableColumn:
    header: str
    width: float = 14  # characters, in the XLSX
    kind: str = "text"  # text, date, datetime, int, bool


_SHEET_INVALID = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


def sheet_name(title: str, used: set[str] | None = None) -> str:
    """An Excel sheet name for the title: without the characters Excel refuses, at most
    31 characters cut at a word, and unlike the names in `used` (Excel ignores case);
    the name is added to `used`."""
    used = used if used is not None else set()
    name = " ".join(_SHEET_INVALID.sub(" ", clean_text(title)).split()).strip("'") or _("Ark")

    def cut(text: str, limit: int) -> str:
        if len(text) <= limit:
            return text
        head = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        return head[:limit].rstrip(" -–,.")

    base = cut(name, SHEET_NAME_MAX)
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name = cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    used.add(name.casefold())
    return name


def _csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "datetime" and isinstance(value, datetime):
        return fmt_datetime(value)
    if kind == "date" and isinstance(value, date | datetime):
        return fmt_date(value)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nei")
    if isinstance(value, str):
        return safe_cell(value)
    return str(value)


def _xlsx_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        local = value.astimezone(OSLO).replace(tzinfo=None) if value.tzinfo else value
        return local.replace(microsecond=0)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nei")
    if isinstance(value, str):
        # Text typed by users is never run as a formula, nor breaks the file.
        return safe_cell(value)
    return value


def write_csv(path: Path, columns: Sequence[TableColumn], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow([_csv_value(v, c.kind) for v, c in zip(row, columns, strict=True)])
            count += 1
    return count


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title (made a valid sheet name), columns and rows."""

    title: str
    columns: Sequence[TableColumn]
    rows: Iterable[Sequence[Any]]


def write_sheets(path: Path, sheets: Sequence[Sheet], *, filters: bool = True) -> int:
    """The one XLSX writer: a bold header row that stays in view, the columns' widths,
    dates and times as Excel dates, text that is never run as a formula, and an
    autofilter (`filters`). Returns the number of data rows written in all sheets."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF1F4")
    wrap = Alignment(wrap_text=False, vertical="top")
    used: set[str] = set()
    count = 0
    for sheet in sheets:
        ws = wb.create_sheet(sheet_name(sheet.title, used))
        for number, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(number)].width = column.width
        ws.freeze_panes = "A2"
        header = []
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, value=safe_cell(column.header))
            cell.font, cell.fill = bold, fill
            header.append(cell)
        ws.append(header)
        rows = 0
        for row in sheet.rows:
            cells = []
            for value, column in zip(row, sheet.columns, strict=True):
                cell = WriteOnlyCell(ws, value=_xlsx_value(value, column.kind))
                if isinstance(value, datetime):
                    cell.number_format = (
                        "DD.MM.YYYY HH:MM" if column.kind != "date" else "DD.MM.YYYY"
                    )
                elif isinstance(value, date):
                    cell.number_format = "DD.MM.YYYY"
                cell.alignment = wrap
                cells.append(cell)
            ws.append(cells)
            rows += 1
        if filters:
            last = get_column_letter(len(sheet.columns))
            ws.auto_filter.ref = f"A1:{last}{rows + 1}"
        count += rows
    wb.save(str(path))
    return count


def write_xlsx(
    path: Path, sheet: str, columns: Sequence[TableColumn], rows: Iterable[Sequence[Any]]
) -> int:
    return write_sheets(path, [Sheet(sheet, columns, rows)])


def write_table(
    path: Path | str, sheet: str, columns: Sequence[TableColumn], rows: Iterable[Sequence[Any]]
) -> int:
    """CSV or XLSX by the file's ending; returns the number of data rows written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ServiceError(_("Filen må slutte på .csv eller .xlsx."))
    try:
        if suffix == ".csv":
            return write_csv(path, columns, rows)
        return write_xlsx(path, sheet, columns, rows)
    except OSError as error:
        raise ServiceError(
            _("Kan ikke skrive «{path}»: {error}.").format(path=path, error=error.strerror or error)
        ) from error
