"""The finder of bokmål left on a page or in a document finds it, and only it."""

from tests.i18n.leftovers import untranslated


def test_a_bokmal_text_shown_in_english_is_found():
    found = untranslated(["Lagre", "Save", "Kontor"], "en")
    assert found == ["'Lagre' (source: 'Lagre')"]


def test_a_bokmal_sentence_with_its_placeholders_filled_is_found():
    found = untranslated(["Velg et år mellom 1990 og 2026."], "en")
    assert len(found) == 1


def test_record_data_and_short_patterns_are_not_taken_for_bokmal():
    assert untranslated(["Lager og logistikk", "12.", "Fjordheim Drift AS"], "nn") == []
