"""Tables to an Excel workbook: one sheet per table, bold header, sensible widths.

Cells are real types: figures in numeric columns are numbers, dd.mm.yyyy is a date
cell; text is cleaned of control characters and never read as a formula."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from vernelogg.domain.text import safe_cell
from vernelogg.services.annual.model import TableData
from vernelogg.services.tabular import sheet_name

_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


def _number(text: str):
    cleaned = text.replace("\u00a0", "").replace("\u2212", "-").replace(" ", "")
    cleaned = cleaned.replace(",", ".")
    try:
        return int(cleaned)
    except ValueError:
        try:
            return float(cleaned)
        except ValueError:
            return None


def _cell(value: Any, numeric: bool) -> Any:
    """A value as its real type: a number, a date, or clean text."""
    if not isinstance(value, str):
        return value
    number = _number(value)
    if number is not None and (numeric or value.lstrip()[:1] in ("-", "+", "\u2212")):
        return number
    match = _DATE.fullmatch(value.strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    return safe_cell(value)


def write_tables_xlsx(path: Path, tables: Sequence[TableData]) -> None:
    workbook = Workbook()
    for sheet in list(workbook.worksheets):  # the empty sheet a new workbook starts with
        workbook.remove(sheet)
    used: set[str] = set()
    for data in tables:
        sheet = workbook.create_sheet(sheet_name(data.title, used))
        sheet.append([safe_cell(str(h)) for h in data.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEF1F4")
        for row in data.rows:
            sheet.append([_cell(v, i in data.numeric_columns) for i, v in enumerate(row)])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
        for i, title in enumerate(data.header, start=1):
            longest = max([len(str(title))] + [len(str(r[i - 1])) for r in data.rows])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest + 2))
        sheet.freeze_panes = "A2"
    workbook.save(path)
