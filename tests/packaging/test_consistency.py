"""The packaging files agree with each other and with the package: one version, one app id,
every icon size, every resource in the bundle. Fast: nothing is built here."""

from __future__ import annotations

import configparser
import importlib
import io
import re
import sys
import tomllib
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tests.packaging.conftest import PACKAGING, ROOT
from vernelogg import APP_ID, APP_NAME, __version__

SPEC = PACKAGING / "vernelogg.spec"
ISS = PACKAGING / "windows" / "vernelogg.iss"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
INSTALL_SH = PACKAGING / "linux" / "install.sh"
ICONS = ROOT / "resources" / "icons"


# --- one version, one name, one id ------------------------------------------------------


def test_app_info_reads_name_version_and_id_from_the_package(app_info):
    info = app_info.app_info()
    assert (info.name, info.version, info.app_id) == (APP_NAME, __version__, APP_ID)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "vernelogg.__version__"
    }


def test_numeric_version_for_windows(app_info):
    assert app_info.AppInfo("X", "1.12.3", "x").version_tuple == (1, 12, 3, 0)
    assert app_info.AppInfo("X", "2.0.0rc1", "x").version_tuple == (2, 0, 0, 0)
    assert app_info.AppInfo("X", "3", "x").version_tuple == (3, 0, 0, 0)


def test_no_packaging_file_writes_a_version_of_its_own():
    for path, comment in ((SPEC, "#"), (ISS, ";"), (DESKTOP, "#")):
        lines = path.read_text(encoding="utf-8").splitlines()
        code = "\n".join(line for line in lines if not line.lstrip().startswith(comment))
        assert not re.search(r"\b\d+\.\d+\.\d+\b", code), f"{path.name} names a version"


class Recorded:
    """Stands in for PyInstaller's Analysis, EXE, … and keeps what the spec passed."""

    def __init__(self, kind: str, calls: dict, *args, **kwargs) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        calls[kind] = self
        self.binaries = [
            ("PySide6/Qt/lib/libQt6Core.so.6", "/x", "BINARY"),
            ("PySide6/Qt/lib/libQt6Qml.so.6", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqvnc.so", "/x", "BINARY"),
        ]
        self.datas = [
            ("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"),
            ("PySide6/Qt/translations/qtbase_nn.qm", "/x", "DATA"),
        ]
        self.pure = self.scripts = []


def run_spec(platform: str, monkeypatch) -> dict:
    """Execute packaging/vernelogg.spec as PyInstaller would, for `platform`."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    seen_filters = []

    def collect_submodules(package, filter=None):  # noqa: A002 - PyInstaller's name
        seen_filters.append((package, filter))
        names = ["vernelogg.cli", "vernelogg.store.migrations.versions.0001_foundation"]
        return [n for n in names if filter is None or filter(n)]

    hooks.collect_submodules = collect_submodules
    if platform == "win32":
        # The Windows version resource is built with PyInstaller's own classes; their module
        # imports Windows-only helpers (pefile, win32api) that only read/write executables.
        pytest.importorskip("PyInstaller", reason="PyInstaller: pip install -e '.[package]'")
        try:
            import pefile  # noqa: F401
        except ImportError:
            monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
        import PyInstaller.compat

        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
        importlib.import_module("PyInstaller.utils.win32.versioninfo")
    for name in ("PyInstaller", "PyInstaller.utils"):
        if name not in sys.modules:
            monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    calls: dict = {"collect_submodules": seen_filters}
    namespace = {"SPECPATH": str(PACKAGING), "__file__": str(SPEC)}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = lambda *a, _kind=kind, **k: Recorded(_kind, calls, *a, **k)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return calls


def test_spec_bundles_resources_and_migrations_and_leaves_out_tests(app_info, monkeypatch):
    calls = run_spec("linux", monkeypatch)
    analysis = calls["Analysis"]
    assert analysis.args[0] == [str(PACKAGING / "launcher.py")]
    datas = analysis.kwargs["datas"]
    bundle_paths = {dest for _src, dest in datas}
    for folder in ("fonts", "checklists", "icons", "translations"):
        assert f"resources/{folder}" in bundle_paths
    sources = {Path(src) for src, _dest in datas}
    migrations = ROOT / "vernelogg" / "store" / "migrations"
    assert migrations / "env.py" in sources
    assert migrations / "script.py.mako" in sources
    versions = sorted((migrations / "versions").glob("*.py"))
    assert versions and set(versions) <= sources
    for src, dest in datas:
        assert Path(src).exists(), src
        if Path(src).parent.name == "versions":
            assert dest == "vernelogg/store/migrations/versions"
    excludes = analysis.kwargs["excludes"]
    assert {"tests", "pytest", "_pytest", "pytestqt", "pypdf"} <= set(excludes)
    hidden = analysis.kwargs["hiddenimports"]
    assert "vernelogg.cli" in hidden and "alembic.op" in hidden
    assert not any(".migrations.versions" in name for name in hidden)
    # What is dropped after analysis: unused Qt libraries, plugins and translations.
    assert [b[0] for b in analysis.binaries] == ["PySide6/Qt/lib/libQt6Core.so.6"]
    # Qt's nynorsk stays: the fallback after the app's own bokmål catalogue.
    assert [d[0] for d in analysis.datas] == ["PySide6/Qt/translations/qtbase_nn.qm"]
    exe = calls["EXE"]
    assert exe.kwargs["name"] == APP_NAME
    assert exe.kwargs["console"] is False
    assert calls["COLLECT"].kwargs["name"] == APP_NAME
    assert "BUNDLE" not in calls


def test_every_resource_folder_goes_into_the_bundle(app_info):
    folders = {p.name for p in (ROOT / "resources").iterdir() if p.is_dir()}
    assert folders == set(app_info.RESOURCE_FOLDERS)
    for folder in folders:
        assert any((ROOT / "resources" / folder).iterdir())


def test_spec_on_macos_makes_an_app_bundle_with_id_icon_and_info_plist(monkeypatch):
    calls = run_spec("darwin", monkeypatch)
    bundle = calls["BUNDLE"]
    assert bundle.kwargs["name"] == f"{APP_NAME}.app"
    assert bundle.kwargs["bundle_identifier"] == APP_ID
    assert bundle.kwargs["version"] == __version__
    assert Path(bundle.kwargs["icon"]) == ICONS / "vernelogg.icns"
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__
    assert plist["CFBundleIdentifier"] == APP_ID
    assert plist["NSHighResolutionCapable"] is True
    assert re.fullmatch(r"\d+\.\d+", plist["LSMinimumSystemVersion"])
    assert Path(calls["EXE"].kwargs["icon"]) == ICONS / "vernelogg.icns"


def test_spec_on_windows_gives_the_exe_icon_and_version(monkeypatch):
    calls = run_spec("win32", monkeypatch)
    exe = calls["EXE"]
    assert Path(exe.kwargs["icon"]) == ICONS / "vernelogg.ico"
    info = exe.kwargs["version"]
    text = str(info)
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert f"StringStruct('OriginalFilename', '{APP_NAME}.exe')" in text
    raw = info.toRaw()
    assert "ProductVersion".encode("utf-16-le") in raw
    assert __version__.encode("utf-16-le") in raw


def test_no_qt_module_the_app_uses_is_left_out(app_info):
    used = set()
    for path in (ROOT / "vernelogg").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not used & set(app_info.EXCLUDED_QT_MODULES)


# --- Windows installer --------------------------------------------------------------------


def iss_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", stripped)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections[current].append(stripped)
    return sections


def test_inno_setup_script_agrees_with_the_spec():
    text = ISS.read_text(encoding="utf-8")
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"$', text, re.MULTILINE))
    assert defines["AppName"] == APP_NAME
    assert defines["AppId"] == APP_ID
    assert defines["AppExe"] == f"{APP_NAME}.exe"
    # The version comes from the built executable, which the spec stamps with __version__.
    assert re.search(
        r'#define AppVersion GetStringFileInfo\(BundleDir \+ "\\" \+ AppExe, "ProductVersion"\)',
        text,
    )
    bundle = re.search(r'#define BundleDir AddBackslash\(SourcePath\) \+ "([^"]+)"', text)
    assert bundle
    bundle_dir = (ISS.parent / bundle.group(1).replace("\\", "/")).resolve()
    assert bundle_dir == (ROOT / "dist" / APP_NAME).resolve()
    setup = dict(line.split("=", 1) for line in iss_sections(text)["Setup"])
    assert setup["AppId"] == "{#AppId}"
    assert setup["AppVersion"] == "{#AppVersion}"
    icon = (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve()
    assert icon == (ICONS / "vernelogg.ico").resolve() and icon.exists()


def test_installer_has_shortcuts_and_an_uninstaller_and_keeps_the_data():
    text = ISS.read_text(encoding="utf-8")
    sections = iss_sections(text)
    icons = "\n".join(sections["Icons"])
    assert '"{autoprograms}\\{#AppName}"' in icons  # start menu
    assert "{autodesktop}" in icons and "Tasks: desktopicon" in icons  # optional desktop icon
    assert any("desktopicon" in line and "unchecked" in line for line in sections["Tasks"])
    assert "Uninstallable=no" not in text
    assert "UninstallDelete" not in sections
    for line in sections.get("InstallDelete", []):
        assert '"{app}\\' in line  # only ever the program folder
    assert not re.search(r"DelTree|DeleteFile|RemoveDir", text)
    assert "{localappdata}\\{#AppName}" in "\n".join(sections["Code"])


def test_the_data_folder_on_windows_is_localappdata_vernelogg(monkeypatch):
    import platformdirs.windows

    from vernelogg import config

    monkeypatch.setattr(
        platformdirs.windows,
        "get_win_folder",
        lambda csidl: {"CSIDL_LOCAL_APPDATA": r"C:\Users\vo\AppData\Local"}[csidl],
    )
    monkeypatch.setattr(
        config,
        "user_data_path",
        lambda *a, **k: platformdirs.windows.Windows(*a, **k).user_data_path,
    )
    monkeypatch.delenv(config.DATA_ENV, raising=False)
    assert str(config.data_dir()).replace("/", "\\") == r"C:\Users\vo\AppData\Local\Vernelogg"


# --- Linux desktop entry and AppStream ----------------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_app_its_icon_and_window_class():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    # Qt names the X11 window class after the application name (ui/app.py sets it).
    assert entry["StartupWMClass"] == APP_NAME
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert entry["Exec"] in pyproject["project"]["scripts"]
    assert entry["TryExec"] == entry["Exec"]
    assert entry["Terminal"] == "false"
    for key in ("Categories", "Keywords", "Keywords[nb]"):
        assert entry[key].endswith(";")
    assert "Office" in entry["Categories"].split(";")


def test_metainfo_is_well_formed_appstream_for_this_app():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("metadata_license") in {"CC0-1.0", "FSFAP", "MIT"}
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert root.findtext("project_license") == pyproject["project"]["license"]["text"]
    summaries = root.findall("summary")
    assert summaries and all(s.text and not s.text.endswith(".") for s in summaries)
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == desktop_entry()["Exec"]
    categories = {c.text for c in root.findall("categories/category")}
    assert categories <= set(filter(None, desktop_entry()["Categories"].split(";")))
    assert root.find("content_rating").get("type") == "oars-1.1"
    release = root.find("releases/release")
    assert release.get("version") == __version__, "add a <release> for the new version"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", release.get("date"))


def test_install_script_installs_every_icon_size_under_the_app_id(render_icons):
    text = INSTALL_SH.read_text(encoding="utf-8")
    sizes = re.search(r'^SIZES="([\d ]+)"$', text, re.MULTILINE)
    assert sizes and tuple(int(s) for s in sizes.group(1).split()) == render_icons.PNG_SIZES
    assert re.search(rf"^APP_ID={re.escape(APP_ID)}$", text, re.MULTILINE)
    assert "hicolor" in text and "scalable/apps/$APP_ID.svg" in text
    # --uninstall removes the program and its menu entry and icons, never the user's data.
    assert 'PROGRAM_DIR="$PREFIX/lib/vernelogg"' in text
    removed = re.findall(r"^\s*rm -(?:rf|f) (.+)$", text, re.MULTILINE)
    assert removed
    allowed = {"$PROGRAM_DIR", "$PROGRAM_DIR.new", "$BIN_LINK", "$DESKTOP", "$METAINFO"}
    for line in removed:
        for target in re.findall(r'"([^"]+)"', line):
            assert target in allowed or target.startswith("$ICON_DIR/"), target


# --- icons --------------------------------------------------------------------------------


def test_icon_files_exist_in_every_size(render_icons):
    from vernelogg.ui.icon import icon_sizes

    assert icon_sizes() == list(render_icons.PNG_SIZES)
    for size in render_icons.PNG_SIZES:
        with Image.open(ICONS / f"vernelogg-{size}.png") as image:
            assert image.format == "PNG" and image.mode == "RGBA"
            assert image.size == (size, size)
            assert image.getpixel((0, 0))[3] == 0  # transparent corner: a shaped icon
    with Image.open(ICONS / "vernelogg.ico") as ico:
        assert ico.info["sizes"] == {(s, s) for s in render_icons.ICO_SIZES}
    with Image.open(ICONS / "vernelogg.icns") as icns:
        sizes = {(w, h) for w, h, _scale in icns.icns.itersizes()}
        assert {(s, s) for s in (16, 32, 128, 256, 512)} <= sizes


def test_committed_icons_are_rendered_from_the_current_svg(render_icons):
    svg = ET.parse(ICONS / "vernelogg.svg").getroot()
    assert svg.get("viewBox") == "0 0 512 512"
    for size in (16, 64):
        fresh = Image.open(io.BytesIO(render_icons.render_png(size))).convert("RGBA")
        with Image.open(ICONS / f"vernelogg-{size}.png") as committed:
            old = committed.convert("RGBA").tobytes()
            worst = max(abs(a - b) for a, b in zip(fresh.tobytes(), old, strict=True))
        assert worst <= 8, f"vernelogg-{size}.png is stale: run make icons"
