"""Tables to an Excel workbook: one sheet per table, bold header, sensible widths."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from vernelogg.services.annual.model import TableData

_INVALID = re.compile(r"[\[\]:*?/\\]")


def _number(text: str):
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return int(cleaned)
    except ValueError:
        try:
            return float(cleaned)
        except ValueError:
            return text


def write_tables_xlsx(path: Path, tables: Sequence[TableData]) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for data in tables:
        name = _INVALID.sub(" ", data.title)[:31].strip() or "Ark"
        base, n = name, 2
        while name in used:
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append(list(data.header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEF1F4")
        for row in data.rows:
            sheet.append(
                [_number(v) if i in data.numeric_columns else v for i, v in enumerate(row)]
            )
        for i, title in enumerate(data.header, start=1):
            longest = max([len(str(title))] + [len(str(r[i - 1])) for r in data.rows])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest + 2))
        sheet.freeze_panes = "A2"
    workbook.save(path)
