"""Årsoversikt: the annual HMS summary (see summary.build_summary)."""

from vernelogg.services.annual.model import (
    AnnualSummary,
    BarChart,
    Figure,
    Section,
    TableData,
    YearInputs,
)
from vernelogg.services.annual.summary import (
    AREA_COLUMNS,
    SECTION_PROVIDERS,
    available_years,
    build_summary,
    get_inputs,
    save_inputs,
)

__all__ = [
    "AREA_COLUMNS",
    "SECTION_PROVIDERS",
    "AnnualSummary",
    "BarChart",
    "Figure",
    "Section",
    "TableData",
    "YearInputs",
    "available_years",
    "build_summary",
    "get_inputs",
    "save_inputs",
]
