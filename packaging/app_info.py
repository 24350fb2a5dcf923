"""What the installers need to know about the app, from one place: the package itself.

packaging/vernelogg.spec imports this module; tests/packaging checks the other files
(.desktop, metainfo, Inno Setup script) against it. Nothing here imports `vernelogg`, so
the spec can read the version without importing Qt.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "vernelogg"
RESOURCES = ROOT / "resources"
ICONS = RESOURCES / "icons"
MIGRATIONS = PACKAGE / "store" / "migrations"

# Resource folders the app reads at run time (through vernelogg.config.resources_dir()).
RESOURCE_FOLDERS = ("fonts", "checklists", "icons", "guide", "translations")

# Qt modules that PySide6-Essentials ships but Vernelogg does not use. Leaving them out
# keeps their libraries (QML, Quick, OpenGL, Designer …) out of the bundle. QtSvg stays for
# SVG icons, QtPrintSupport for printing.
EXCLUDED_QT_MODULES = (
    "QtConcurrent",
    "QtDBus",
    "QtDesigner",
    "QtHelp",
    "QtLabsStyleKit",
    "QtNetwork",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtSql",
    "QtSvgWidgets",
    "QtUiTools",
    "QtXml",
)

# Never in the bundle: the test suite and the tools that only developers use.
EXCLUDED_MODULES = (
    "tests",
    "pytest",
    "_pytest",
    "pytestqt",
    "pypdf",
    "ruff",
    "tkinter",
    "IPython",
    "numpy",
    "PyInstaller",
    "PIL._avif",  # AVIF and Tk support in Pillow: unused, and libavif alone is 5 MB
    "PIL.AvifImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    *(f"PySide6.{name}" for name in EXCLUDED_QT_MODULES),
)

# Files that come along with PySide6 but that Vernelogg never loads; matched against the
# path in the bundle and dropped after analysis. Kept: the desktop platforms (xcb, wayland,
# windows, cocoa) and offscreen/minimal, image formats, SVG icons, GTK/portal themes.
EXCLUDED_QT_FILES = (
    "Qt6Qml",
    "Qt6Quick",
    "Qt6Pdf",
    "Qt6VirtualKeyboard",
    "Qt6OpenGLWidgets",
    "Qt6Designer",
    "Qt6Network",  # only needed by the VNC and TUIO plugins below
    "Qt6EglFS",  # embedded (framebuffer) platforms
    "Qt6EglFsKms",
    "Qt/translations/",  # but for KEPT_QT_FILES: the app carries its own bokmål catalogue
    "plugins/qmltooling/",
    "plugins/sqldrivers/",
    "plugins/designer/",
    "plugins/tls/",
    "plugins/networkinformation/",
    "plugins/generic/",
    "plugins/egldeviceintegrations/",
    "plugins/platforms/libqvnc",
    "plugins/platforms/libqlinuxfb",
    "plugins/platforms/libqeglfs",
    "plugins/platforms/libqminimalegl",
    "plugins/platforms/libqvkkhrdisplay",
)

# Kept although EXCLUDED_QT_FILES matches them: Qt's nynorsk catalogue, which the app
# loads after its own bokmål one (resources/translations/) for the Qt texts that has none.
KEPT_QT_FILES = ("Qt/translations/qtbase_nn.qm",)


@dataclass(frozen=True)
class AppInfo:
    name: str
    version: str
    app_id: str

    @property
    def version_tuple(self) -> tuple[int, int, int, int]:
        """The numeric version for Windows' file properties: 0.1.0 → (0, 1, 0, 0)."""
        numbers: list[int] = []
        for part in self.version.split(".")[:4]:
            digits = re.match(r"\d*", part).group()  # "0rc1" → 0
            numbers.append(int(digits) if digits else 0)
        return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def app_info(init_file: Path = PACKAGE / "__init__.py") -> AppInfo:
    """Name, version and app id as written in vernelogg/__init__.py (read, not imported)."""
    values: dict[str, str] = {}
    for node in ast.parse(init_file.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant):
                values[target.id] = node.value.value
    return AppInfo(name=values["APP_NAME"], version=values["__version__"], app_id=values["APP_ID"])


def data_files() -> list[tuple[str, str]]:
    """(source, folder in the bundle) pairs for PyInstaller's `datas`.

    Alembic reads the migrations from the file system (env.py, script.py.mako and every
    versions/*.py), so they go in as files beside the compiled package, where
    vernelogg.store.migrations.runner looks for them.
    """
    pairs = [(str(RESOURCES / folder), f"resources/{folder}") for folder in RESOURCE_FOLDERS]
    migrations = "vernelogg/store/migrations"
    pairs.append((str(MIGRATIONS / "env.py"), migrations))
    pairs.append((str(MIGRATIONS / "script.py.mako"), migrations))
    pairs.extend((str(ini), migrations) for ini in sorted(MIGRATIONS.glob("*.ini")))
    pairs.extend(
        (str(version), f"{migrations}/versions")
        for version in sorted((MIGRATIONS / "versions").glob("*.py"))
    )
    return pairs


def hidden_imports() -> list[str]:
    """Modules that only the migration files (loaded at run time) or SQLAlchemy URLs use."""
    modules = [
        "alembic.op",
        "alembic.context",
        "alembic.ddl.sqlite",
        "alembic.ddl.postgresql",
        "sqlalchemy.dialects.sqlite",
        "sqlalchemy.dialects.postgresql",
        "sqlalchemy.dialects.postgresql.psycopg",
    ]
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pass
    else:
        modules += ["psycopg", "psycopg_binary"]
    return modules


def keep_file(dest: str) -> bool:
    """False for Qt files from EXCLUDED_QT_FILES (matched against the path in the bundle),
    unless KEPT_QT_FILES names them."""
    path = dest.replace("\\", "/")
    if any(path.endswith(kept) for kept in KEPT_QT_FILES):
        return True
    return not any(pattern in path for pattern in EXCLUDED_QT_FILES)


def icon_file(platform: str | None = None) -> str | None:
    """The icon PyInstaller embeds: .ico on Windows, .icns on macOS.

    Linux executables carry no icon; the desktop entry names the icon from the theme.
    """
    platform = platform or sys.platform
    if platform == "win32":
        return str(ICONS / "vernelogg.ico")
    if platform == "darwin":
        return str(ICONS / "vernelogg.icns")
    return None


def mac_info_plist(info: AppInfo) -> dict[str, object]:
    return {
        "CFBundleName": info.name,
        "CFBundleDisplayName": info.name,
        "CFBundleIdentifier": info.app_id,
        "CFBundleShortVersionString": info.version,
        "CFBundleVersion": info.version,
        "CFBundleDevelopmentRegion": "nb",
        "LSApplicationCategoryType": "public.app-category.business",
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": "MIT-lisens",
    }


def windows_version_info(info: AppInfo):
    """The Windows file properties (Details tab) of Vernelogg.exe.

    The Inno Setup script reads ProductVersion from here, so the installer carries the
    same version as the package.
    """
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = info.version_tuple
    strings = [
        StringStruct("CompanyName", info.name),
        StringStruct("FileDescription", f"{info.name} – verneombud og HMS"),
        StringStruct("FileVersion", info.version),
        StringStruct("InternalName", info.name),
        StringStruct("LegalCopyright", "MIT-lisens"),
        StringStruct("OriginalFilename", f"{info.name}.exe"),
        StringStruct("ProductName", info.name),
        StringStruct("ProductVersion", info.version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo([StringTable("041404B0", strings)]),  # Norwegian bokmål, Unicode
            VarFileInfo([VarStruct("Translation", [0x0414, 1200])]),
        ],
    )
