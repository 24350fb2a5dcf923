"""The undertaking's logo and name on the first page of every document the app writes,
and a logo file that is damaged, huge or not a picture refused with a Norwegian message."""

from __future__ import annotations

import argparse
import io
import struct
import zlib

import pdfplumber
import pytest
from docx import Document
from PIL import Image

from tests.reports.layout_check import problems
from vernelogg.commands.report import DOCX_KINDS, REPORT_KINDS
from vernelogg.services import letterhead
from vernelogg.services.errors import ValidationError
from vernelogg.services.organisation import get_organisation

MM = 72 / 25.4


def _picture(size=(400, 200), fmt="PNG", colour=(23, 50, 77)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def _huge_png_header(width: int, height: int) -> bytes:
    """A PNG that claims a huge picture (the header only, as a crafted file would)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", 0)
        + b"IDAT"
        + struct.pack(">I", zlib.crc32(b"IDAT"))
    )


def _write(db, kind: str, path):
    args = argparse.Namespace(id="latest", meeting="latest", year=2026)
    REPORT_KINDS[kind].write(db, args, path)
    return path


@pytest.mark.parametrize("kind", sorted(REPORT_KINDS))
def test_logo_and_name_head_the_first_page_of_every_pdf(demo_db, tmp_path, kind):
    letterhead.set_logo(demo_db, _picture())
    name = get_organisation(demo_db).name
    path = _write(demo_db, kind, tmp_path / f"{kind}.pdf")
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0]
        logos = [i for i in first.images if i["top"] < 40 * MM]
        assert logos, "no logo at the top of page 1"
        logo = logos[0]
        assert logo["bottom"] - logo["top"] <= 12 * MM + 1
        words = first.extract_words()
        head = " ".join(w["text"] for w in words if w["top"] < logo["bottom"] + 5)
        assert name in head
        # Only the first page carries the letterhead.
        assert all(not p.images or p.images[0]["top"] > 40 * MM for p in pdf.pages[1:])
    assert problems(path) == []


@pytest.mark.parametrize("kind", sorted(REPORT_KINDS))
def test_without_a_logo_the_name_alone_heads_page_one(demo_db, tmp_path, kind):
    name = get_organisation(demo_db).name
    path = _write(demo_db, kind, tmp_path / f"{kind}.pdf")
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0]
        assert not [i for i in first.images if i["top"] < 40 * MM]
        # Below the running header (its rule at 14 mm), above the title.
        head = [w["text"] for w in first.extract_words() if 16 * MM < w["top"] < 30 * MM]
        assert " ".join(head) == name
    assert problems(path) == []


@pytest.mark.parametrize("kind", sorted(DOCX_KINDS))
def test_word_copies_carry_the_logo_and_the_name(demo_db, tmp_path, kind):
    letterhead.set_logo(demo_db, _picture(fmt="JPEG"))
    path = _write(demo_db, kind, tmp_path / f"{kind}.docx")
    doc = Document(str(path))
    first = doc.paragraphs[0]
    assert get_organisation(demo_db).name in first.text
    assert first._p.xpath(".//pic:pic")


def test_logo_is_scaled_stored_and_removable(db):
    stored = letterhead.set_logo(db, _picture(size=(3000, 1500)))
    assert letterhead.get_logo(db) == stored
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == "PNG"
        assert img.height <= letterhead.STORED_HEIGHT
        assert img.width == 2 * img.height
    letterhead.remove_logo(db)
    assert letterhead.get_logo(db) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + b"\0" * 40, "PNG- eller JPEG-bilde"),
        (_picture()[:60], "skadet"),
        (b"\xff\xd8\xff\xe0" + b"\x13" * 500, "skadet"),
        (_picture() + b"\0" * (6 * 1024 * 1024), "for stor"),
        (_huge_png_header(9000, 9000), "for mange piksler"),
        (_huge_png_header(60000, 60000), "for mange piksler"),
    ],
)
def test_a_bad_logo_file_is_refused_in_norwegian(db, data, message):
    with pytest.raises(ValidationError) as caught:
        letterhead.set_logo(db, data)
    assert message in caught.value.fields["logo"]
    assert letterhead.get_logo(db) is None
