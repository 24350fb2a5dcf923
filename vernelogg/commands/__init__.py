"""Sub-commands of `vernelogg`. Each module has `add_parser(subparsers)`; one line each."""

from vernelogg.commands import (
    bench,
    copy,
    deadlines,
    demo,
    export,
    offline_round,
    report,
    screenshots,
    search,
)

COMMANDS = [demo, screenshots, report, export, deadlines, search, bench, copy, offline_round]
