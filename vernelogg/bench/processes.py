"""Fresh processes, timed from launch to a line on stderr, with their peak memory.

Start-up is measured the way a user meets it: a new Python process that imports, opens
the database, builds and paints the main window (`VERNELOGG_EXIT_AFTER_PAINT=1` makes the
app say «vernelogg: painted» and leave), against a new process that shows a bare PySide6
window. Both run offscreen, so the figures do not depend on a display.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass

PAINTED = "vernelogg: painted"
FILLED = "vernelogg: filled"

BARE_WINDOW = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
def painted():
    window.repaint()
    print({PAINTED!r}, file=sys.stderr, flush=True)
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
from vernelogg.bench.processes import peak_rss_mb
print("vernelogg: rss", peak_rss_mb(), file=sys.stderr, flush=True)
"""
RSS = "vernelogg: rss"


class ProcessError(RuntimeError):
    """A measured process failed or never said what it was expected to say."""


@dataclass(frozen=True)
class Run:
    seconds: float  # launch → the marker line
    stdout: str
    stderr: list[str]
    marks: dict[str, float]  # launch → each «vernelogg: …» line, by its text

    @property
    def rss_mb(self) -> float | None:
        """The peak memory the process reported on stderr («vernelogg: rss N»), if any."""
        for line in self.stderr:
            if line.startswith(RSS):
                return float(line.split()[-1])
        return None


def offscreen_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    On Linux the high-water mark of the process image (VmHWM): `ru_maxrss` would also
    count the memory of the parent it was forked from before exec, which for a child of
    the benchmark is the benchmark's own."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # macOS: ru_maxrss is in bytes

    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def timed_run(cmd: list[str], env: dict[str, str], marker: str | None, timeout: float = 300) -> Run:
    """Run `cmd`; the time is launch → the first stderr line starting with `marker` (or
    → exit when marker is None)."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    seconds = None
    errors: list[str] = []
    marks: dict[str, float] = {}
    assert proc.stderr is not None and proc.stdout is not None
    deadline = began + timeout
    for raw in proc.stderr:
        line = raw.decode("utf-8", "replace").rstrip()
        if line.startswith("vernelogg: "):
            marks.setdefault(line, time.perf_counter() - began)
        if marker is not None and seconds is None and line.startswith(marker):
            seconds = time.perf_counter() - began
        else:
            errors.append(line)
        if time.perf_counter() > deadline:
            proc.kill()
            break
    stdout = proc.stdout.read().decode("utf-8", "replace")
    proc.wait()
    if marker is None:
        seconds = time.perf_counter() - began
    if proc.returncode != 0 or seconds is None:
        tail = "\n".join(errors[-15:])
        raise ProcessError(
            f"«{' '.join(cmd[:4])} …» endte med kode {proc.returncode}"
            + ("" if seconds is not None else f" uten «{marker}»")
            + (f":\n{tail}" if tail else "")
        )
    return Run(seconds, stdout, errors, marks)


def app_start(db_path: str) -> Run:
    from vernelogg.ui.app import EXIT_AFTER_PAINT_ENV

    cmd = [sys.executable, "-m", "vernelogg", "--db", db_path]
    return timed_run(cmd, offscreen_env(**{EXIT_AFTER_PAINT_ENV: "1"}), PAINTED)


def bare_window_start() -> Run:
    return timed_run([sys.executable, "-c", BARE_WINDOW], offscreen_env(), PAINTED)
