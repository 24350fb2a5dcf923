"""Tables to an Excel workbook: one sheet per table, bold header, sensible widths.

Cells are real types: figures in numeric columns are numbers, dd.mm.yyyy (dd/mm/yyyy in
English) is a date cell; text is cleaned of control characters and never read as a
formula. The figures are read as the document's language writes them: «1 234,5» in
Norwegian, «1,234.5» in English."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from vernelogg import i18n
from vernelogg.reports.language import in_document_language
from vernelogg.services.annual.model import TableData
from vernelogg.services.tabular import Sheet, TableColumn, write_sheets
from vernelogg.store.database import Database

_DATE = re.compile(r"(\d{2})[./](\d{2})[./](\d{4})")


def _number(text: str):
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace("\u2212", "-")
    cleaned = cleaned.replace(" ", "")
    # «1 234,5» in Norwegian; «1,234.5» in English, where the comma groups thousands.
    english = i18n.language() == "en"
    cleaned = cleaned.replace(",", "") if english else cleaned.replace(",", ".")
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
    return value


def write_tables_xlsx(path: Path, tables: Sequence[TableData]) -> None:
    """The annual summary's tables, a sheet each, with numbers as numbers and dates as
    dates (services/tabular.py writes the workbook, as it does every list export)."""
    sheets = []
    for data in tables:
        rows = [[_cell(v, i in data.numeric_columns) for i, v in enumerate(r)] for r in data.rows]
        columns = []
        for i, title in enumerate(data.header):
            longest = max([len(str(title))] + [len(str(r[i])) for r in data.rows])
            columns.append(TableColumn(str(title), width=min(60, max(10, longest + 2))))
        sheets.append(Sheet(data.title, columns, rows))
    write_sheets(path, sheets, filters=False)


@in_document_language
def write_annual_xlsx(db: Database, year: int, path: Path, today: date | None = None) -> None:
    """The annual summary's tables for `year`, gathered and written in the document
    language."""
    from vernelogg.services.annual import build_summary

    write_tables_xlsx(path, build_summary(db, year, today).tables())
