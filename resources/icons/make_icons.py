"""Draw the app icon (rising candles) at every size lsterm ships, from code, into this folder.

Run: .venv/bin/python resources/icons/make_icons.py   (QT_QPA_PLATFORM=offscreen is fine)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPen

HERE = Path(__file__).resolve().parent
# (x centre, wick top, body top, body bottom, wick bottom, rising) on a 256 grid
CANDLES = [(62, 150, 160, 200, 212, False), (104, 112, 124, 176, 190, True),
           (146, 92, 104, 150, 162, True), (188, 46, 60, 120, 134, True)]


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    grad = QLinearGradient(0, 0, 0, 256)
    grad.setColorAt(0, QColor("#1f2a44"))
    grad.setColorAt(1, QColor("#0d1220"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(grad)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    p.setPen(QPen(QColor(255, 255, 255, 28), 3))
    for y in (80, 128, 176):
        p.drawLine(36, y, 220, y)
    for x, wt, bt, bb, wb, up in CANDLES:
        color = QColor("#e5484d") if up else QColor("#3e83f8")  # Korean convention: red rises
        p.setPen(QPen(color, 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(x, wt, x, wb)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawRoundedRect(QRectF(x - 15, bt, 30, bb - bt), 5, 5)
    p.end()
    return img


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    # 1024: the source of the platform icons (packaging/icons.py), so macOS gets its 512@2x size
    for size in (16, 32, 48, 64, 128, 256, 1024):
        draw(size).save(str(HERE / f"lsterm-{size}.png"))


if __name__ == "__main__":
    main()
