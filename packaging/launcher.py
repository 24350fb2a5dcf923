"""Entry point of the bundled app (PyInstaller): the same as the `vernelogg` command."""

from vernelogg.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
