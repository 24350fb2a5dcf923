"""The built app starts: `make package` (PyInstaller), then the program in dist/Vernelogg/
is run the way a user's machine runs it, away from the source tree.

Slow: the first build takes about a minute; `make package` reuses a bundle that is newer
than the code, resources and packaging files.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.packaging.conftest import ROOT
from vernelogg import APP_NAME, __version__

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(3600),  # the build in the `app` fixture takes minutes
    pytest.mark.skipif(
        not sys.platform.startswith("linux"),
        reason="make package builds the Linux app; other platforms: packaging/README.md",
    ),
]

BUNDLE = ROOT / "dist" / APP_NAME
NAVY = (0x17, 0x32, 0x4D)
YELLOW = (0xF2, 0xC1, 0x2E)


def venv_dir() -> Path:
    """The virtual environment running the tests, so `make` installs into that one."""
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix)
    return ROOT / ".venv"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Path:
    """The built program, copied away from the source tree (as an installation would be)."""
    build = subprocess.run(
        ["make", "package", f"VENV={venv_dir()}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3000,
    )
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    assert (BUNDLE / APP_NAME).is_file()
    installed = tmp_path_factory.mktemp("installed") / "vernelogg"
    shutil.copytree(BUNDLE, installed, symlinks=True)
    return installed / APP_NAME


def run(app: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VERNELOGG_", "PYTHON", "QT_"))
    }
    env.update(QT_QPA_PLATFORM="offscreen", VERNELOGG_DATA_DIR=str(cwd / "data"))
    return subprocess.run(
        [str(app), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_bundle_holds_resources_and_migrations_but_no_tests(app):
    internal = app.parent / "_internal"
    resources = internal / "resources"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert (resources / "fonts" / name).is_file()
    source_checklists = sorted(p.name for p in (ROOT / "resources" / "checklists").glob("*.json"))
    assert sorted(p.name for p in (resources / "checklists").glob("*.json")) == source_checklists
    assert (resources / "icons" / "vernelogg-256.png").is_file()
    # Qt's texts: the app's bokmål catalogue, and of Qt's own only nynorsk behind it.
    assert (resources / "translations" / "qtbase_nb.qm").is_file()
    qt_catalogues = sorted(p.name for p in internal.rglob("*.qm") if resources not in p.parents)
    assert qt_catalogues == ["qtbase_nn.qm"]
    # The app's own texts in nynorsk and English, compiled by make.
    for language in ("nn", "en"):
        assert (resources / "translations" / language / "LC_MESSAGES" / "vernelogg.mo").is_file()
    migrations = internal / "vernelogg" / "store" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    source_versions = sorted(
        p.name for p in (ROOT / "vernelogg/store/migrations/versions").glob("*.py")
    )
    assert sorted(p.name for p in (migrations / "versions").glob("*.py")) == source_versions
    everything = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    assert not [p for p in everything if p.startswith(("tests/", "pytest", "_pytest"))]
    assert not [p for p in everything if "libQt6Qml" in p or "libQt6Quick" in p]


def test_version(app, tmp_path):
    result = run(app, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Vernelogg {__version__}"


def test_demo_then_screenshots_of_the_main_window(app, tmp_path):
    from vernelogg.ui.pages import all_pages

    db = tmp_path / "demo.sqlite"
    demo = run(app, "--db", str(db), "demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "Eksempeldata lagt inn" in demo.stdout + demo.stderr
    out = tmp_path / "shots"
    shots = run(app, "--db", str(db), "screenshots", "--out", str(out), cwd=tmp_path)
    assert shots.returncode == 0, shots.stderr
    assert "Traceback" not in shots.stderr

    expected = [f"{spec.key}.png" for spec in all_pages()] + ["fil-meny.png", "om-vernelogg.png"]
    assert sorted(p.name for p in out.glob("*.png")) == sorted(expected)
    for name in expected[:-1]:
        with Image.open(out / name) as image:
            image.verify()
        with Image.open(out / name) as image:
            assert image.format == "PNG" and image.size == (1280, 800)
            # A painted window: the navy navigation bar and many colours, not a blank frame.
            assert image.convert("RGB").getpixel((10, 700)) == NAVY
            assert len(image.convert("RGB").getcolors(1_000_000)) > 50
    with Image.open(out / "om-vernelogg.png") as about:
        assert about.width >= 500 and about.height >= 250
        corner = about.convert("RGB").crop((0, 0, 130, 130))
        colours = {colour for _count, colour in corner.getcolors(100_000)}
        # The icon, loaded from the bundle's resources.
        assert NAVY in colours and YELLOW in colours


def test_shared_database_driver_is_bundled_and_errors_are_one_line(app, tmp_path):
    """The PostgreSQL driver is in the bundle: a server that is not there gives one line."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # released again: nothing listens there
    shared = f"postgresql+psycopg://vo:hemmelig@127.0.0.1:{port}/vernelogg"
    result = run(app, "--db", shared, "screenshots", "--out", str(tmp_path / "s"), cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("vernelogg: Får ikke kontakt med databasen")
    assert "psycopg" in lines[0] and "hemmelig" not in result.stderr


def test_the_bundled_app_speaks_the_language_asked_for(app, tmp_path):
    """The compiled catalogues are found inside the bundle."""
    for language, words in (("en", "the year must be between"), ("nn", "året må vere mellom")):
        result = run(
            app,
            "--lang",
            language,
            "report",
            "annual",
            "--year",
            "1200",
            "-o",
            "x.pdf",
            cwd=tmp_path,
        )
        assert result.returncode == 2
        assert words in result.stderr, result.stderr
