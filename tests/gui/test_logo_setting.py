"""The logo is chosen in the undertaking's dialog, refused with a message next to the
field when the file is bad, and removable."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from vernelogg.services import letterhead
from vernelogg.services.errors import ValidationError
from vernelogg.services.organisation import save_organisation
from vernelogg.ui.areas.dialogs import OrganisationDialog


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 100), (23, 50, 77)).save(out, format="PNG")
    return out.getvalue()


def test_logo_is_stored_refused_and_removed_from_the_dialog(qtbot, db):
    save_organisation(db, name="Fjord AS", org_number="", employees=12, branch="Annet")
    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    dialog.logo.set_logo(b"not a picture")
    with pytest.raises(ValidationError) as caught:
        dialog.save()
    assert "PNG- eller JPEG-bilde" in caught.value.fields["logo"]
    assert letterhead.get_logo(db) is None

    dialog.logo.set_logo(_png())
    dialog.save()
    assert letterhead.get_logo(db) is not None

    again = OrganisationDialog(db)
    qtbot.addWidget(again)
    assert again.logo.remove.isEnabled()
    again.logo.remove.click()
    again.save()
    assert letterhead.get_logo(db) is None
