"""Render the app icon (resources/icons/vernelogg.svg) to the files each platform needs.

    .venv/bin/python packaging/render_icons.py

writes, next to the SVG:
  vernelogg-<size>.png  for 16, 24, 32, 48, 64, 128, 256 and 512 px (Linux hicolor theme,
                        the window icon, the About dialog)
  vernelogg.ico         16–256 px in one file (Windows: the .exe and the installer)
  vernelogg.icns        32–1024 px in one file (macOS app bundle)

Every size is rendered from the SVG by Qt (QSvgRenderer), so small sizes are drawn for
their size rather than scaled down from a large bitmap. Pillow packs the ICO and ICNS.
Run it again after changing the SVG and commit the results; tests/packaging checks that
the committed files match the SVG.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "vernelogg.svg"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def png_path(size: int) -> Path:
    return ICONS / f"vernelogg-{size}.png"


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn at `size` × `size` pixels, as PNG bytes (transparent background)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _keep.append(QGuiApplication(sys.argv[:1]))
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


_keep: list = []  # the QGuiApplication, alive for as long as the script runs


def render_all(svg: Path = SVG, out: Path = ICONS) -> list[Path]:
    from PIL import Image

    written: list[Path] = []
    rendered: dict[int, Image.Image] = {}
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        rendered[size] = Image.open(io.BytesIO(render_png(size, svg))).convert("RGBA")
    for size in PNG_SIZES:
        target = out / f"vernelogg-{size}.png"
        rendered[size].save(target, "PNG", optimize=True)
        written.append(target)

    ico = out / "vernelogg.ico"
    largest = rendered[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[rendered[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)

    icns = out / "vernelogg.icns"
    rendered[max(ICNS_SIZES)].save(
        icns, format="ICNS", append_images=[rendered[s] for s in ICNS_SIZES[:-1]]
    )
    written.append(icns)
    return written


def main() -> int:
    for path in render_all():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
