"""Photos and documents stored in the database; large images are scaled down first."""

from __future__ import annotations

import io
import mimetypes
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError, ValidationError
from vernelogg.services.ids import parse_id
from vernelogg.store.database import Database
from vernelogg.store.models import Attachment

MAX_IMAGE_SIDE = 1600
MAX_FILE_BYTES = 25 * 1024 * 1024
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp", "image/tiff"}
DOCUMENT_TYPES = {"application/pdf"}


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    filename: str
    mime_type: str
    size: int
    width: int | None
    height: int | None
    caption: str

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")


def _info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(str(a.id), a.filename, a.mime_type, a.size, a.width, a.height, a.caption)


def prepare_image(data: bytes, max_side: int = MAX_IMAGE_SIDE) -> tuple[bytes, str, int, int]:
    """Turn upright (EXIF), scale so the longest side is at most `max_side`, save as JPEG.

    PNGs with transparency stay PNG. Raises ValidationError for a file that is no image.
    """
    try:
        image: Image.Image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError({"file": _("Filen er ikke et bilde som kan leses.")}) from error
    image = ImageOps.exif_transpose(image)
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P") and "transparency" in image.info or image.mode == "RGBA":
        image.save(out, format="PNG", optimize=True)
        mime = "image/png"
    else:
        image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        mime = "image/jpeg"
    return out.getvalue(), mime, image.width, image.height


def attach(
    session: Session,
    *,
    owner_kind: str,
    owner_id: str | uuid.UUID,
    filename: str,
    data: bytes,
    caption: str = "",
) -> Attachment:
    """Store a file for a record inside the caller's transaction."""
    if not data:
        raise ValidationError({"file": _("Filen er tom.")})
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"file": _("Filen er større enn 25 MB.")})
    mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    width = height = None
    name = Path(filename).name
    if mime in IMAGE_TYPES:
        data, mime, width, height = prepare_image(data)
        if mime == "image/jpeg" and not name.lower().endswith((".jpg", ".jpeg")):
            name = Path(name).stem + ".jpg"
    elif mime not in DOCUMENT_TYPES:
        raise ValidationError({"file": _("Bare bilder og PDF-filer kan legges ved.")})
    attachment = Attachment(
        owner_kind=owner_kind,
        owner_id=parse_id(owner_id),
        filename=name,
        mime_type=mime,
        size=len(data),
        width=width,
        height=height,
        caption=caption.strip(),
        data=data,
    )
    session.add(attachment)
    session.flush()
    return attachment


def attach_file(
    db: Database, *, owner_kind: str, owner_id: str, path: Path, caption: str = ""
) -> AttachmentInfo:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ValidationError(
            {
                "file": _("Kan ikke lese «{path}»: {reason}.").format(
                    path=path, reason=error.strerror
                )
            }
        ) from error
    with db.write() as s:
        return _info(
            attach(
                s,
                owner_kind=owner_kind,
                owner_id=owner_id,
                filename=Path(path).name,
                data=data,
                caption=caption,
            )
        )


def list_attachments(db: Database, owner_kind: str, owner_id: str) -> list[AttachmentInfo]:
    with db.read() as s:
        rows = s.scalars(
            select(Attachment)
            .where(
                Attachment.owner_kind == owner_kind,
                Attachment.owner_id == parse_id(owner_id),
                Attachment.archived_at.is_(None),
            )
            .order_by(Attachment.created_at)
        )
        return [_info(a) for a in rows]


def attachment_data(db: Database, attachment_id: str) -> bytes:
    with db.read() as s:
        a = s.get(Attachment, parse_id(attachment_id))
        if a is None:
            raise NotFoundError(_("Fant ikke vedlegget."))
        return a.data


def copy_attachments(session: Session, *, from_kind: str, from_id, to_kind: str, to_id) -> int:
    """Give a new record copies of another record's files (a finding's photos to an avvik)."""
    rows = session.scalars(
        select(Attachment).where(
            Attachment.owner_kind == from_kind,
            Attachment.owner_id == parse_id(from_id),
            Attachment.archived_at.is_(None),
        )
    ).all()
    for a in rows:
        session.add(
            Attachment(
                owner_kind=to_kind,
                owner_id=parse_id(to_id),
                filename=a.filename,
                mime_type=a.mime_type,
                size=a.size,
                width=a.width,
                height=a.height,
                caption=a.caption,
                data=a.data,
            )
        )
    return len(rows)


def archive_attachment(db: Database, attachment_id: str) -> None:
    with db.write() as s:
        a = s.get(Attachment, parse_id(attachment_id))
        if a is None:
            raise NotFoundError(_("Fant ikke vedlegget."))
        a.archived_at = clock.now()
