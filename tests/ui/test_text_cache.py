"""The laid-out text cache the quote tables draw with: alignment in the cell, elision when too
wide, and the same ink as the painter's own text drawing, read back from real paints."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from app.ui.quotestyle import TextCache, number_font

BOX = QRect(20, 10, 160, 24)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def paint(draw) -> QImage:
    image = QImage(200, 44, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    draw(painter)
    painter.end()
    return image


def ink_columns(image: QImage) -> list[int]:
    return [x for x in range(image.width()) if any(image.pixelColor(x, y).lightness() < 128
                                                   for y in range(image.height()))]


def test_text_is_aligned_in_its_cell_like_the_painters_own(qtbot):
    cache = TextCache(number_font())
    for align in (RIGHT, LEFT, CENTER):
        ours = paint(lambda p: (p.setFont(cache.font), cache.draw(p, BOX, align, "12,345.67")))
        qts = paint(lambda p: (p.setFont(cache.font), p.drawText(BOX, align, "12,345.67")))
        a, b = ink_columns(ours), ink_columns(qts)
        assert a and abs(a[0] - b[0]) <= 1 and abs(a[-1] - b[-1]) <= 1, align
    right = ink_columns(paint(lambda p: cache.draw(p, BOX, RIGHT, "1.5")))
    assert BOX.right() - 12 <= right[-1] <= BOX.right()
    left = ink_columns(paint(lambda p: cache.draw(p, BOX, LEFT, "1.5")))
    assert BOX.left() <= left[0] <= BOX.left() + 4


def test_a_text_wider_than_its_cell_is_elided_inside_it(qtbot):
    cache = TextCache(number_font())
    narrow = QRect(20, 10, 40, 24)
    cols = ink_columns(paint(lambda p: cache.draw(p, narrow, RIGHT, "1,234,567,890.25")))
    assert cols and narrow.left() <= cols[0] and cols[-1] <= narrow.right()
    assert cache.metrics.elidedText("1,234,567,890.25", Qt.TextElideMode.ElideRight, 40) in cache._texts


def test_the_cache_stays_bounded(qtbot):
    cache = TextCache(number_font(), size=8)
    for i in range(100):
        cache.prepared(str(i))
    assert len(cache._texts) <= 8 and "99" in cache._texts
