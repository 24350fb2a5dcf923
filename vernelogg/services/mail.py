"""E-mail without a mail server: an `.eml` draft with the record's PDF attached.

The draft carries `X-Unsent: 1`, so Outlook opens it as a new message ready to send;
Thunderbird and Apple Mail open `.eml` files too. The drafts of each record (with its
PDF) are built in `vernelogg.reports.drafts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

from vernelogg.i18n import _


@dataclass(frozen=True)
class Draft:
    to: list[str]
    subject: str
    body: str
    attachment_name: str
    pdf: bytes


def build_message(draft: Draft) -> bytes:
    """The draft as the bytes of an `.eml` file."""
    msg = EmailMessage(policy=policy.default)
    msg["X-Unsent"] = "1"
    msg["To"] = ", ".join(draft.to)
    msg["Subject"] = draft.subject
    msg.set_content(draft.body)
    msg.add_attachment(
        draft.pdf, maintype="application", subtype="pdf", filename=draft.attachment_name
    )
    return msg.as_bytes(policy=policy.default)


def file_name(text: str) -> str:
    """A file name that every system takes (no slashes, colons or the like)."""
    return re.sub(r"[^\w.\- ]+", "-", text).strip(" -") or _("utkast")


def write_draft(draft: Draft, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_name(Path(draft.attachment_name).stem)}.eml"
    path.write_bytes(build_message(draft))
    return path
