"""Sub-commands of `vernelogg`. Each module has `add_parser(subparsers)`; one line each."""

from vernelogg.commands import demo, screenshots

COMMANDS = [demo, screenshots]
