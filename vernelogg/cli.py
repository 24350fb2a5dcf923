"""The command line. `vernelogg` alone opens the app; every command takes `--db`.

User mistakes end in one clear line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from vernelogg import __version__, clock, i18n
from vernelogg.commands import COMMANDS
from vernelogg.commands.args import Parser, one_line, undecodable
from vernelogg.commands.common import UsageError, open_database
from vernelogg.i18n import _


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="vernelogg",
        description=_("Vernelogg: vernerunder, avvik, tiltak, risikovurderinger, stansing og AMU."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Vernelogg {__version__}",
        help=_("vis versjonsnummeret og avslutt"),
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=_("databasefil eller SQLAlchemy-URL (ellers VERNELOGG_DB, ellers standardfilen)"),
    )
    parser.add_argument(
        "--bekreftet-sikkerhetskopi",
        dest="backup_confirmed",
        action="store_true",
        help=_("en databasetjener som må oppgraderes, er sikkerhetskopiert med pg_dump"),
    )
    parser.add_argument(
        "--lang",
        metavar=_("SPRÅK"),
        choices=sorted(i18n.LANGUAGES),
        help=_(
            "språket for meldinger og dokumenter: nb, nn eller en "
            "(ellers VERNELOGG_LANG, ellers systemets språk)"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("KOMMANDO"))
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def open_for_gui(args: argparse.Namespace):
    """As `open_database`; a server database that needs an upgrade first asks the person
    (in a window) whether a pg_dump was taken."""
    from vernelogg.store.errors import BackupNeededError

    try:
        return open_database(args)
    except BackupNeededError as error:
        from vernelogg.ui.upgrade_confirm import confirm_server_backup

        if not confirm_server_backup(error):
            raise
    args.backup_confirmed = True
    return open_database(args)


def language_in(argv: Sequence[str]) -> str | None:
    """`--lang X` or `--lang=X` before the command, read before the parser is built so
    that its help is in that language too."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return i18n.normalise(arg.split("=", 1)[1])
        if arg == "--lang" and index + 1 < len(argv):
            return i18n.normalise(argv[index + 1])
    return None


def choose_language(argv: Sequence[str]) -> str:
    """`--lang`, else VERNELOGG_LANG, else the system's locale. `--lang` is handed on in
    VERNELOGG_LANG, so that the GUI takes it over the person's saved choice."""
    explicit = language_in(argv)
    i18n.set_documents_language(explicit)
    if explicit:
        os.environ[i18n.LANG_ENV] = explicit
    return i18n.set_language(explicit or i18n.language_from_environment() or i18n.system_language())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    choose_language(argv)
    bad = undecodable(argv)
    if bad is not None:
        print(
            "vernelogg: "
            + _(
                "argumentet «{argument}» inneholder tegn som ikke er gyldig tekst (UTF-8). "
                "Skriv det på nytt, eller lagre teksten som UTF-8."
            ).format(argument=bad),
            file=sys.stderr,
        )
        return 2
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as ended:  # --help, --version, or a mistake already explained
        return ended.code if isinstance(ended.code, int) else 2
    from vernelogg.errors import UserError

    try:
        clock.install(clock.from_environment())
        if args.command is None:
            from vernelogg.ui.app import run_gui, show_startup_error

            try:
                db = open_for_gui(args)
            except UserError as error:
                show_startup_error(str(error))
                raise
            try:
                return run_gui(db)
            finally:
                db.close()
        return int(args.run(args) or 0)
    except (UserError, UsageError) as error:
        print(f"vernelogg: {one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
