"""Text as it is stored and written out: without control characters.

Text pasted from Word or a PDF can hold control characters (a vertical tab for a line
break, a form feed, a stray NUL) that Excel files cannot hold and that print as boxes.
Line breaks and tabs stay; a vertical tab or form feed becomes a line break; the
rest are dropped.
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Control characters, lone surrogates (undecodable bytes) and the two non-characters
# that XML (and so xlsx) cannot hold.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Cells a spreadsheet would run as a formula when they start with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t")


def clean_text(value: str) -> str:
    """The text without control characters (line breaks and tabs kept)."""
    if not value:
        return value
    return _CONTROL.sub("", _BREAKS.sub("\n", value))


def safe_cell(value: str) -> str:
    """Clean text for a spreadsheet cell, never read as a formula (CSV injection)."""
    value = clean_text(value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value
