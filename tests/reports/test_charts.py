"""Chart labels read back from the PDF never overlap, at 8 and at 60 areas."""

from __future__ import annotations

import pdfplumber
import pytest
from reportlab.lib.units import mm

from vernelogg.reports.charts import bar_chart
from vernelogg.reports.common import ReportMeta, write_pdf
from vernelogg.services.annual.model import BarChart

NAMES = (
    "Administrasjon",
    "Byggeprosjekt Sjøkanten",
    "Fjordheim bedriftsbarnehage",
    "Kveldsskift produksjon",
    "Lager og logistikk",
    "Lakkeringshall",
    "Renhold og kantine",
    "Verksted",
)


def _areas(n: int) -> tuple[str, ...]:
    return tuple(f"{NAMES[i % len(NAMES)]} {i // len(NAMES) + 1}" for i in range(n))


def _overlaps(boxes):
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                return a, b
    return None


@pytest.mark.parametrize("count", [8, 60])
def test_area_names_never_overlap(tmp_path, count):
    areas = _areas(count)
    chart = BarChart(
        "Vernerunder planlagt og gjennomført",
        areas,
        (("Planlagt", tuple(4.0 for _ in areas)), ("Gjennomført", tuple(3.0 for _ in areas))),
        stacked=False,
    )
    path = tmp_path / "diagram.pdf"
    write_pdf(path, ReportMeta(title="Diagram"), [bar_chart(chart, 174 * mm)])
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        words = pdf.pages[0].extract_words(keep_blank_chars=True, x_tolerance=1.5)
    labels = [w for w in words if any(w["text"].startswith(n[:6]) for n in NAMES)]
    assert len(labels) >= count
    boxes = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in labels]
    assert _overlaps(boxes) is None
