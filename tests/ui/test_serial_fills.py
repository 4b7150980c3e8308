"""The terminal keeps Qt's raster fills on the painting thread (app.main.serial_fills): on two
cores the pool's hand-off cost more than the fills it split (bench/order_latency.py)."""

from __future__ import annotations

import os
import subprocess
import sys

PAINT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
if sys.argv[1] == "serial":
    from app.main import serial_fills
    serial_fills()
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication
app = QApplication([])
before = len(os.listdir("/proc/self/task"))
img = QImage(200, 800, QImage.Format.Format_ARGB32_Premultiplied)
p = QPainter(img)
g = QLinearGradient(0, 0, 200, 0)
g.setColorAt(0, Qt.GlobalColor.black)
g.setColorAt(1, Qt.GlobalColor.white)
for _ in range(20):
    p.fillRect(0, 0, 200, 800, g)  # a gradient over 800 lines: split among the pool if it is on
p.end()
print(len(os.listdir("/proc/self/task")) - before)
"""


def threads_started(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    out = subprocess.run([sys.executable, "-c", PAINT, mode], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.strip().splitlines()[-1])


def test_fills_stay_on_the_painting_thread():
    assert threads_started("serial") == 0
    assert threads_started("qt default") > 0  # the check can tell: Qt's default starts pool threads

