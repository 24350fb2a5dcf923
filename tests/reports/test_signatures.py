"""A record signed in the app prints who signed, in which role and when; blank lines to
sign on only for what is not signed."""

from __future__ import annotations

import re

from pypdf import PdfReader
from sqlalchemy import select

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.rounds import RoundStatus
from vernelogg.reports.round import write_round_report
from vernelogg.store.models.rounds import SafetyRound


def _text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def test_a_signed_round_prints_the_signatures_and_no_blank_lines(demo_db, tmp_path):
    with demo_db.read() as s:
        signed = s.scalars(
            select(SafetyRound).where(
                SafetyRound.status == RoundStatus.CLOSED.value,
                SafetyRound.signed_delegate != "",
                SafetyRound.signed_leader != "",
            )
        ).first()
        planned = s.scalars(
            select(SafetyRound).where(SafetyRound.status == RoundStatus.PLANNED.value)
        ).first()
        assert signed is not None and planned is not None
        signed_id, planned_id = str(signed.id), str(planned.id)
        names, on = (signed.signed_delegate, signed.signed_leader), signed.closed_on
    write_round_report(demo_db, signed_id, tmp_path / "signert.pdf")
    text = _text(tmp_path / "signert.pdf")
    assert f"Signert {fmt_date(on)}" in text
    assert f"{names[0]} Verneombud" in text and f"{names[1]} Leder" in text
    assert "____" not in text and "Sted og dato" not in text
    write_round_report(demo_db, planned_id, tmp_path / "usignert.pdf")
    unsigned = _text(tmp_path / "usignert.pdf")
    assert "Sted og dato" in unsigned and "Signert" not in unsigned
