"""The app icon: PNGs rendered for each size (crisp when small), the SVG as a fallback."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from vernelogg.config import resources_dir


def icon_sizes() -> list[int]:
    """The sizes rendered as resources/icons/vernelogg-<size>.png, smallest first."""
    folder = resources_dir() / "icons"
    sizes = (p.stem.rpartition("-")[2] for p in folder.glob("vernelogg-*.png"))
    return sorted(int(size) for size in sizes if size.isdigit())


def app_icon() -> QIcon:
    """The Vernelogg icon, or an empty QIcon if the resources are missing."""
    folder = resources_dir() / "icons"
    icon = QIcon()
    for size in icon_sizes():
        icon.addFile(str(folder / f"vernelogg-{size}.png"))
    svg = folder / "vernelogg.svg"
    if icon.isNull() and svg.exists():
        icon = QIcon(str(svg))
    return icon
