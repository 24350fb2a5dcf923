"""Files the commands write appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def written(path: Path) -> Iterator[Path]:
    """Yield a temporary file beside `path` (same suffix) to write; it replaces `path`
    only when the block ends without an error, so a failure half-way (a damaged
    database, a full disk) never leaves a half-written export or report behind."""
    part = path.with_name(f".{path.stem}.skrives{path.suffix}")
    try:
        yield part
        os.replace(part, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
