"""The undertaking's logo for the letterhead of every document.

Stored in the database as a setting (base64 PNG), so everyone on a shared team
database prints the same letterhead. Checked and scaled when chosen."""

from __future__ import annotations

import base64
import io

from PIL import Image, UnidentifiedImageError

from vernelogg.i18n import _
from vernelogg.services.errors import ValidationError
from vernelogg.services.settings import get_setting, set_setting
from vernelogg.store.database import Database

SETTING_KEY = "letterhead_logo"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Printed at most 12 mm high: 300 dpi needs about 180 pixels; keep some room.
STORED_HEIGHT = 240
STORED_MAX_WIDTH = 960


def prepare_logo(data: bytes) -> bytes:
    """The picture checked (PNG or JPEG, not damaged, not huge) and scaled down, as PNG."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"logo": _("Bildefilen er for stor. Velg en fil under 5 MB.")})
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8")):
        raise ValidationError({"logo": _("Logoen må være et PNG- eller JPEG-bilde.")})
    too_big = ValidationError({"logo": _("Bildet har for mange piksler. Velg et mindre bilde.")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise too_big
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            picture = img.convert("RGBA")
    except Image.DecompressionBombError:
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"logo": _("Bildefilen er skadet og kan ikke leses.")}) from None
    picture.thumbnail((STORED_MAX_WIDTH, STORED_HEIGHT))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def set_logo(db: Database, data: bytes) -> bytes:
    """Check, scale and store the logo; returns what was stored."""
    png = prepare_logo(data)
    with db.write() as s:
        set_setting(s, SETTING_KEY, base64.b64encode(png).decode("ascii"))
    return png


def remove_logo(db: Database) -> None:
    with db.write() as s:
        set_setting(s, SETTING_KEY, None)


def get_logo(db: Database) -> bytes | None:
    with db.read() as s:
        value = get_setting(s, SETTING_KEY)
    return base64.b64decode(value) if value else None
