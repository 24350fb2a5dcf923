"""Checks on a written PDF from its own text positions (pdfplumber): what a reader sees.

`problems(path)` lists, every place where a date or a
record number is split over two lines, a word is split without a hyphen, text runs
outside the page margins, or a heading is the last line of a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
MARGIN = 18 * MM
# Header and footer lines sit in the top and bottom 20 mm; the body is between.
BODY_TOP = 20 * MM
BODY_BOTTOM = 20 * MM
HEADING_SIZES = (11.0, 14.0)  # h2, h1 in reports/common.py
# dd.mm.yyyy in Norwegian, dd/mm/yyyy in English (where «2/3» alone is a count, not a date).
DATE_CUT = re.compile(
    r"(?<![\w.])\d{1,2}\.\d{1,2}\.\d{0,3}$|(?<![\w.])\d{1,2}\.\d{0,1}$"
    r"|(?<![\w/])\d{1,2}/\d{1,2}/\d{0,3}$|(?<![\w/])\d{1,2}/$"
)
DATE_START = re.compile(r"^\d{0,3}[./]?\d{1,4}(?![\w.])")
RECORD_CUT = re.compile(r"(?<![\w-])[A-ZÆØÅ]{2,4}-(\d{0,3}|\d{4}-\d{0,3}|\d{4}-?)$")
WORD = re.compile(r"[A-Za-zÆØÅæøåÉé]+")


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool


def lines(path: Path) -> tuple[list[list[Line]], float, float]:
    """Text lines of every page (one per cell line: words closer than a space are joined)."""
    pages: list[list[Line]] = []
    with pdfplumber.open(path) as pdf:
        width = float(pdf.pages[0].width)
        height = float(pdf.pages[0].height)
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(
                keep_blank_chars=True, x_tolerance=1.5, extra_attrs=["size", "fontname"]
            )
            out = [
                Line(
                    number,
                    float(w["x0"]),
                    float(w["x1"]),
                    float(w["top"]),
                    float(w["bottom"]),
                    w["text"].strip(),
                    round(float(w["size"]), 1),
                    "Bold" in w["fontname"],
                )
                for w in words
                if w["text"].strip()
            ]
            pages.append(out)
    return pages, width, height


def _vocabulary(pages: list[list[Line]]) -> set[str]:
    """Words that are certainly whole: neither first nor last on their line."""
    return {w.lower() for page in pages for line in page for w in WORD.findall(line.text)[1:-1]}


def _next_in_column(line: Line, page: list[Line]) -> Line | None:
    """The line right below `line` that starts where it starts (the next line of its cell)."""
    below = [
        o
        for o in page
        if abs(o.x0 - line.x0) < 1.0 and 0 < o.top - line.top < 2.2 * line.size and o is not line
    ]
    return min(below, key=lambda o: o.top) if below else None


def problems(path: Path) -> list[str]:
    pages, width, height = lines(path)
    vocabulary = _vocabulary(pages)
    found: list[str] = []
    for page in pages:
        for line in page:
            where = f"{path.name} s. {line.page}: «{line.text[:60]}»"
            if line.x0 < MARGIN - 1 or line.x1 > width - MARGIN + 1:
                found.append(f"{where} går utenfor margen ({line.x0:.0f}–{line.x1:.0f} pt)")
            below = _next_in_column(line, page)
            if below is None:
                continue
            if DATE_CUT.search(line.text) and DATE_START.match(below.text):
                found.append(f"{where} + «{below.text[:20]}»: dato delt over to linjer")
            if RECORD_CUT.search(line.text) and re.match(r"^\d", below.text):
                found.append(f"{where} + «{below.text[:20]}»: nummer delt over to linjer")
            tail = WORD.findall(line.text)
            head = WORD.findall(below.text)
            if (
                tail
                and head
                and line.text.endswith(tail[-1])
                and below.text.startswith(head[0])
                and head[0][0].islower()
            ):
                joined = (tail[-1] + head[0]).lower()
                whole = tail[-1].lower() in vocabulary and head[0].lower() in vocabulary
                if joined in vocabulary and not whole:
                    found.append(f"{where} + «{below.text[:20]}»: ord delt uten bindestrek")
        body = [o for o in page if o.top > BODY_TOP and o.bottom < height - BODY_BOTTOM]
        if body:
            last_top = max(o.top for o in body)
            last = [o for o in body if abs(o.top - last_top) < 1]
            if all(o.bold and o.size in HEADING_SIZES for o in last) and page is not pages[-1]:
                found.append(
                    f"{path.name} s. {last[0].page}: overskriften «{last[0].text}» står nederst"
                )
    return found
