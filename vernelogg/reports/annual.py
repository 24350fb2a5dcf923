"""Årsoversikt HMS as PDF: cover, key figures, per-area table, charts, sections, signatures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from vernelogg import i18n
from vernelogg.i18n import _
from vernelogg.reports.charts import bar_chart
from vernelogg.reports.common import (
    ReportMeta,
    content_width,
    facts,
    para,
    signature_block,
    styles,
    table,
    write_pdf,
)
from vernelogg.reports.language import in_document_language
from vernelogg.services.annual.model import AnnualSummary, TableData
from vernelogg.store.database import Database


def _table(data: TableData, width: float):
    """Text columns get room; numeric columns share what is left."""
    text_columns = [c for c in range(len(data.header)) if c not in data.numeric_columns]
    numeric = len(data.header) - len(text_columns)
    numeric_width = 22 * mm if numeric else 0
    text_width = (width - numeric * numeric_width) / max(1, len(text_columns))
    widths = [
        numeric_width if c in data.numeric_columns else text_width for c in range(len(data.header))
    ]
    return table([data.header, *data.rows], widths, align_right=data.numeric_columns)


def _day_and_month(day: date) -> str:
    """«1. januar» / «1 January»: the day and the month in the locale's own order."""
    from babel import Locale

    pattern = Locale.parse(i18n.babel_locale()).datetime_skeletons["MMMMd"].pattern
    return i18n.format_date(day, pattern)


def period_text(year: int) -> str:
    """«1. januar – 31. desember 2026» in the document's language."""
    start = _day_and_month(date(year, 1, 1))
    return f"{start} – {i18n.format_date(date(year, 12, 31), 'long')}"


def build_story(summary: AnnualSummary, meta: ReportMeta) -> list:
    st = styles()
    width = content_width(meta)
    story: list = [
        # The letterhead above carries the undertaking's name; the facts repeat it.
        para(_("Årsoversikt HMS {year}").format(year=summary.year), st.title),
        facts(
            [
                (_("Virksomhet"), summary.organisation),
                (_("Organisasjonsnummer"), summary.org_number or "–"),
                (_("Antall ansatte"), str(summary.employees)),
                (_("Periode"), period_text(summary.year)),
            ],
            width,
        ),
        Spacer(1, 8 * mm),
        para(
            _(
                "Oversikten er virksomhetens årlige gjennomgang av HMS-arbeidet "
                "(internkontrollforskriften § 5). Tallene er hentet fra Vernelogg og sammenlignet "
                "med året før. Tekst fra avvik som er merket konfidensielle, er aldri med."
            ),
            st.body,
        ),
        Spacer(1, 6 * mm),
        para(_("Nøkkeltall"), st.h1),
        table(
            [
                (
                    _("Nøkkeltall"),
                    str(summary.year),
                    str(summary.year - 1),
                    _("Endring"),
                    _("Merknad"),
                )
            ]
            + [
                (
                    f.label,
                    f.text(),
                    f.previous_text or "–",
                    f.change,
                    f.note,
                )
                for f in summary.key_figures
            ],
            [62 * mm, 24 * mm, 24 * mm, 20 * mm, width - 130 * mm],
            align_right=(1, 2, 3),
        ),
        PageBreak(),
        para(summary.area_table.title, st.h1),
        _table(summary.area_table, width),
    ]
    for section in summary.sections:
        story.append(para(section.title, st.h1))
        if section.intro:
            story.append(para(section.intro, st.body))
            story.append(Spacer(1, 3 * mm))
        for chart in section.charts:
            story.append(KeepTogether([bar_chart(chart, width), Spacer(1, 3 * mm)]))
        for data in section.tables:
            story.append(KeepTogether([para(data.title, st.h2), _table(data, width)]))
        for note in section.notes:
            story.append(para(note, st.notice))
    story += [
        para(_("Merknader"), st.h1),
        para("_" * 90 + "\n\n" + "_" * 90 + "\n\n" + "_" * 90, st.body),
        signature_block(
            [_("Daglig leder"), _("Hovedverneombud"), _("HMS-leder"), _("Leder av AMU")]
        ),
    ]
    return story


def write_annual_pdf(summary: AnnualSummary, target: Path | str | IO[bytes]) -> None:
    meta = ReportMeta(
        title=_("Årsoversikt HMS {year}").format(year=summary.year),
        organisation=summary.organisation,
        logo=summary.logo,
        subtitle=_("Årsoversikt HMS {year}").format(year=summary.year),
    )
    write_pdf(target, meta, build_story(summary, meta))


@in_document_language
def write_annual_report(
    db: Database,
    year: int,
    target: Path | str | IO[bytes],
    today: date | None = None,
    progress: Callable[..., None] | None = None,
) -> None:
    """The annual summary for `year`, gathered and written in the document language."""
    from vernelogg.services.annual import build_summary

    write_annual_pdf(build_summary(db, year, today, progress=progress), target)
