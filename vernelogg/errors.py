"""The one base class of errors a person can act on.

Raised with a sentence in the person's language (vernelogg/i18n.py) that says what went
wrong and what to do. The dialog that caused one shows it (ui/common/form_dialog.py); the
command line prints it and exits with 2. Anything that is not a UserError is unexpected:
the GUI's excepthook (ui/errors.py) shows it in a dialog and writes it to the log.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the person asked for did not happen; the message says why."""
