"""~20,000 Qt calls that return nothing: PySide6 6.12 on Python 3.11 would abort (none_dealloc)."""

from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel


def test_twenty_thousand_void_calls(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    img = QImage(32, 32, QImage.Format.Format_ARGB32)
    painter = QPainter(img)
    pen = QPen(QColor("red"))
    for i in range(5000):
        label.setText(str(i))
        label.resize(100 + i % 7, 20)
        painter.setPen(pen)
        pen.setWidth(1 + i % 3)
    painter.end()
    assert label.text() == "4999"
