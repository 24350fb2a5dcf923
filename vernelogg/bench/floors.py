"""Floors: the same kind of work with nothing of Vernelogg's logic in it, measured in the
same run on the same machine, so a figure can be judged against what the machine and the
libraries cost at the least."""

from __future__ import annotations

import io
import re
import sqlite3
import time
from pathlib import Path

_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def pdf_pages(data: bytes) -> int:
    """Pages in a PDF that ReportLab wrote (its page objects are not compressed)."""
    return len(_PAGE.findall(data))


def filler_pdf(pages: int) -> bytes:
    """ReportLab with the app's page template, fonts and styles and no queries: `pages`
    pages of a heading, a paragraph and a 20-row table each (about what a report page
    holds). What writing a document that long costs with nothing to look up."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak

    from vernelogg.reports.common import ReportMeta, content_width, para, styles, table, write_pdf

    meta = ReportMeta(title="Gulvmåling", organisation="Ytelsestest", subtitle="Gulv")
    st = styles()
    width = content_width(meta)
    header = ("Verneområde", "Avvik", "Skader", "Åpne tiltak", "Forfalt")
    story: list = []
    for page in range(pages):
        story.append(para(f"Side {page + 1}", st.h1))
        story.append(
            para(
                "Oversikten er virksomhetens årlige gjennomgang av HMS-arbeidet. Tallene er "
                "hentet fra registreringene og sammenlignet med året før.",
                st.body,
            )
        )
        rows = [header] + [
            (f"Område {r}", str(r * 7), str(r % 5), str(r * 3), str(r % 4)) for r in range(20)
        ]
        story.append(table(rows, [width - 88 * mm] + [22 * mm] * 4, align_right=(1, 2, 3, 4)))
        if page < pages - 1:
            story.append(PageBreak())
    out = io.BytesIO()
    write_pdf(out, meta, story)
    return out.getvalue()


def timed_filler_pdf(pages: int) -> tuple[float, int]:
    began = time.perf_counter()
    data = filler_pdf(pages)
    return time.perf_counter() - began, pdf_pages(data)


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection to the file, opened and its schema read."""
    conn = sqlite3.connect(str(path))
    conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    return conn


def timed_sql(conn: sqlite3.Connection, sql: str, params: list | tuple = ()) -> float:
    """Run one statement and fetch every row, straight through the driver."""
    began = time.perf_counter()
    conn.execute(sql, params).fetchall()
    return time.perf_counter() - began


def bare_insert_commit(path: Path, runs: int) -> list[float]:
    """A single-row INSERT and its commit on the same database file, with the app's
    journal settings (WAL, synchronous=FULL); the rows are removed afterwards."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    times = []
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        for n in range(runs):
            began = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)", (f"bench.floor.{n}", "1")
            )
            conn.execute("COMMIT")
            times.append(time.perf_counter() - began)
        conn.execute("DELETE FROM setting WHERE key LIKE 'bench.floor.%'")
    finally:
        conn.close()
    return times
