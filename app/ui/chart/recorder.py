"""Drawing primitives recorded from numpy arrays (QPainter.drawLines/drawRects over pyqtgraph's
contiguous primitive arrays) and replayed on each paint while the bars in view and the look stay.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

BODY = 0.7  # body width as a share of the slot
SMALL = 8  # up to this many bars are recorded as lists of Qt primitives, not arrays: a new bar's
# strip of the cached layer records one or two, where the arrays' set-up cost ~4x the drawing


class Recorder:
    """The primitives of the level-of-detail groups in view, recorded again only when the groups
    (slice, new bar) or the look (series, zoom, colours, style) change. (Recording a new bar alone
    and keeping the rest in chunks measured no faster: more, smaller replays.)"""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.ops_list: list = []

    def ops(self, g, look: tuple, record_fn: Callable[[int, int], list]) -> list:
        """The ops to replay for groups `g` (a `Lod`); `record_fn(i0, i1)` records groups [i0, i1)."""
        key = (g._key, look)
        if key != self.key:
            self.key, self.ops_list = key, record_fn(0, len(g.x))
        return self.ops_list


def rising(o, c, prev):
    """Drawn in the up colour: closed above its open, or at its open and not below the close
    before it (a one-trade tick bar, a doji: their direction is the trade's against the last)."""
    return (c > o) | ((c == o) & (c >= prev))


def record(item, style: str, x, o, h, low, c, k: int, px: float, up) -> list:
    """`draw`'s primitives in arrays of their own, as [(pen or None, brush or None, lines, rects)].
    Candle wicks and bodies are filled rects (one device pixel wide for wicks, `px` in x units):
    a filled axis-aligned rect is the raster engine's fastest primitive; stroked lines are not.
    `up`: which are drawn in the up colour (see `rising`)."""
    if len(x) <= SMALL and style == "candle":
        return _record_few(item, x.tolist(), o.tolist(), h.tolist(), low.tolist(), c.tolist(), k, px,
                           up.tolist())
    ops = []
    if style == "line":
        pen = cosmetic_pen(getattr(item, "line_color", item.up))
        pen.setWidthF(1.5)
        ops.append((pen, None, [_prims(QLineF, (x[:-1], c[:-1], x[1:], c[1:]))], None))
        return ops
    half = BODY * k / 2
    for mask, color in ((up, item.up), (~up, item.down)):
        if not mask.any():
            continue
        xs, os_, hs, ls, cs = x[mask], o[mask], h[mask], low[mask], c[mask]
        if style == "ohlc":
            lines = [_prims(QLineF, (xs, ls, xs, hs)), _prims(QLineF, (xs - half, os_, xs, os_)),
                     _prims(QLineF, (xs, cs, xs + half, cs))]
            ops.append((item.pen(color), None, lines, None))
            continue
        bottom, height = np.minimum(os_, cs), np.abs(cs - os_)
        if px > 0:
            wicks = _prims(QRectF, (xs - px / 2, ls, px, hs - ls))
            bodies = _prims(QRectF, (xs - half, bottom, 2 * half, height))
            ops.append((None, color, [], [wicks, bodies]))
            flat = height == 0  # a doji's body: one line, or it would vanish
            if flat.any():
                ops.append((item.pen(color), None, [_prims(QLineF, (xs[flat] - half, bottom[flat],
                                                                     xs[flat] + half, bottom[flat]))], None))
        else:
            ops.append((item.pen(color), None, [_prims(QLineF, (xs, ls, xs, hs))], None))
            ops.append((None, color, [], [_prims(QRectF, (xs - half, bottom, 2 * half, height))]))
    return ops


def _record_few(item, x, o, h, low, c, k: int, px: float, up: list) -> list:
    """`record`'s candles for a few bars, from Python floats: the same primitives with the same
    values in the same order (QPainter draws a list as it draws an array: the same rects, the same
    pixels), without the numpy and array set-up."""
    ops = []
    half = BODY * k / 2
    for want_up, color in ((True, item.up), (False, item.down)):
        sel = [i for i in range(len(x)) if up[i] == want_up]
        if not sel:
            continue
        if px > 0:
            wicks = [QRectF(x[i] - px / 2, low[i], px, h[i] - low[i]) for i in sel]
            bodies = [QRectF(x[i] - half, min(o[i], c[i]), 2 * half, abs(c[i] - o[i])) for i in sel]
            ops.append((None, color, [], [(None, (wicks,)), (None, (bodies,))]))
            flat = [i for i in sel if c[i] == o[i]]
            if flat:
                ops.append((item.pen(color), None, [(None, ([QLineF(x[i] - half, o[i], x[i] + half, o[i])
                                                             for i in flat],))], None))
        else:
            ops.append((item.pen(color), None, [(None, ([QLineF(x[i], low[i], x[i], h[i]) for i in sel],))], None))
            ops.append((None, color, [], [(None, ([QRectF(x[i] - half, min(o[i], c[i]), 2 * half, abs(c[i] - o[i]))
                                                   for i in sel],))]))
    return ops


def _prims(kind, cols) -> tuple:
    """(array, drawargs): the drawargs point into the array, which must live as long."""
    n = len(cols[0])
    arr = PrimitiveArray(kind, 4)
    arr.resize(n)
    a = arr.ndarray()
    for i, col in enumerate(cols):
        a[:, i] = col
    return arr, arr.drawargs()


def replay(p: QPainter, ops: list) -> None:
    for pen, brush, lines, rects in ops:
        if lines:
            p.setPen(pen)
            for _arr, args in lines:
                p.drawLines(*args)
        if rects:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(brush)
            for _arr, args in rects:
                p.drawRects(*args)


def record_volume(fills: tuple[QColor, QColor], x, v, up, k: int) -> list:
    """Volume bars [(None, brush, [], rects)]: up bars in fills[0], down bars in fills[1]."""
    half = BODY * k / 2
    ops = []
    if len(x) <= SMALL:  # (as `_record_few`)
        xs, vs, ups = x.tolist(), v.tolist(), up.tolist()
        for want, color in ((True, fills[0]), (False, fills[1])):
            rects = [QRectF(xs[i] - half, 0.0, 2 * half, vs[i]) for i in range(len(xs)) if ups[i] == want]
            if rects:
                ops.append((None, color, [], [(None, (rects,))]))
        return ops
    for mask, color in ((up, fills[0]), (~up, fills[1])):
        if mask.any():
            ops.append((None, color, [], [_prims(QRectF, (x[mask] - half, 0.0, 2 * half, v[mask]))]))
    return ops


def cosmetic_pen(color: QColor) -> QPen:
    pen = QPen(color)
    pen.setCosmetic(True)
    pen.setWidth(1)
    return pen
