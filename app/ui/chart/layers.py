"""The chart's cached layer: the history (bars, volume, indicator curves) and the axes are drawn
into a pixmap (`Layer`), redrawn only when a range, the data in view or the look changes, and
blitted under the items on each paint. Everything that moves on a live tick (the
newest bar, the last-price line, curve tails, crosshair, order lines) is an ordinary item painted
over that pixmap, so a tick repaints a few small items and a blit, however many bars are in view.

A new bar that only moves the view by whole pixels (the view snaps its x range so it does) and
leaves every pane's y range and size as they were is not a redraw: the layer is shown from further
along a pixmap wider than the view, and only a strip at the right (the bar that closed, the curves'
new segments) and the time axis (unless nothing moved and its labels are the same) are drawn again.

With bars wide enough to be drawn one by one, even that strip waits: the bars that closed since
the layer was last brought up to date (`held_from` on, at most HOLD of them) are drawn by the live
items (`LiveBarItem`, `LiveVolumeItem`) with the same primitives, over the layer, until the next
redraw, move, or the HOLD-th bar draws them into it in one strip. Only where that paints what a
redraw paints: a static item that says so (`holds`: candles, volume), not under curves (drawn
over the bars in the layer, they would be under the held bars).

With more bars than pixels (groups of k bars, groups.py) there is no strip at all while the new
bars fall in the newest group: that group is the live items', the layer's groups end before it
(`grouped_live`: candles, volume; not under curves, whose newest point moves with each bar).

A static item has `ItemHasNoContents` (Qt never calls its paint in the item pass) and its
`update()` asks the view to redraw the cached layer instead.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from app.ui.chart.groups import live_start

AXES = ("left", "right", "top", "bottom")


class StaticLayerItem:
    """Mixin for a QGraphicsItem drawn in the cached layer (put it first among the bases)."""

    static_layer = True
    paint_from: int | None = None  # set while a strip is drawn: bars before it need not be drawn
    holds = False  # its bars from `Layer.held_from` on are drawn by a live item while they are held

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)

    def update(self, *_args) -> None:
        invalidate(self)


def invalidate(item: QGraphicsItem) -> None:
    """Redraw the cached layer of the views showing `item` (at their next paint)."""
    scene = item.scene()
    if scene is None:
        return
    for view in scene.views():
        redraw = getattr(view, "invalidate_layer", None)
        if redraw is not None:
            redraw()


def paint_static(p: QPainter, plots, strip: QRectF | None = None, from_bar: int | None = None,
                 background=None) -> None:
    """Draw the static items of each plot (clipped to its view box, in stacking order) and its axes;
    or, with `strip`, the part of each view box in it (filled with `background` first, if given;
    items drawn from bar `from_bar` on) and no axes."""
    option = QStyleOptionGraphicsItem()
    for plot in plots:
        if not plot.isVisible():
            continue
        vb = plot.vb
        clip = vb.sceneBoundingRect()
        if strip is not None:
            clip = clip.intersected(strip)
            if clip.isEmpty():
                continue
            if background is not None:
                p.fillRect(clip, background)
        items = [i for i in vb.addedItems if getattr(i, "static_layer", False) and i.isVisible()]
        items.sort(key=lambda i: i.zValue())  # stable: equal z keeps insertion order, as Qt does
        for item in items:
            item.paint_from = from_bar
            try:
                _paint(p, item, option, clip)
            finally:
                item.paint_from = None
        if strip is not None:
            continue
        for name in AXES:
            axis = plot.axes.get(name, {}).get("item")
            if axis is not None and axis.isVisible() and getattr(axis, "static_layer", False):
                _paint(p, axis, option, None)


def _paint(p: QPainter, item: QGraphicsItem, option, clip) -> None:
    p.save()
    try:
        if clip is not None:
            p.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        p.setTransform(item.sceneTransform(), True)
        item.paint(p, option, None)
    finally:
        p.restore()


class Layer:
    """The cached layer of a chart view (see the module doc). `view` has `plots()`, `series`,
    `viewport()`, `viewportTransform()`, `backgroundBrush()` and `group_size()`.

    One pixmap, the view's height and wider than the view (`tape`): the view shows its columns from
    `ox` on. A new bar moves `ox` on by the pixels the bars moved, so the panes' pixels stay where
    they are; what must not move (the value axes right of the panes, the margin left of them) is
    put back, and the strip of new bars and the time axis are drawn. At the tape's end, the shown
    part is moved back to its start (one copy every so many bars). The view blits the shown part
    straight from the tape, only where a paint exposes (no copy into Qt's cached background)."""

    ROOM = 0.5  # the tape's room to the right, in view widths
    HOLD = 8  # closed bars drawn by the live items before a strip draws them into the layer

    def __init__(self, view) -> None:
        self.view = view
        self.tape: QPixmap | None = None
        self.ox = 0  # device px: where the shown part of the tape starts
        self.cols = (0, 0)  # device px: the panes' columns [c0, c1) (nothing else drawn there); (0, 0): none
        self.full = True  # redraw it all at the next paint
        self.appended = False  # only bars were added (and the view moved with them) since it was drawn
        self.drawn: tuple | None = None  # the state it was drawn in (see `state`)
        self.shifts = self.redraws = self.rewinds = 0  # counts, for tests and benchmarks
        self.exposed: QRegion | None = None  # see `settle`
        self.held_from: int | None = None  # the first closed bar not drawn in it yet (see the module doc)

    def paint(self, p: QPainter, exposed: QRect, region: QRegion | None = None) -> None:
        """Blit the layer, brought up to date, with `p`: the part in `exposed` (viewport px), or
        in each rect of the paint's `region` (a clip of several rects takes Qt's span-by-span
        path: a new bar's strip and a tick's few items cost 0.3-0.6 ms that way, rect by rect
        the plain copy)."""
        self.update(self.view.viewport())
        p.save()
        p.setWorldMatrixEnabled(False)
        tape = self.tape
        if region is not None and region.rectCount() > 1:
            dpr = tape.devicePixelRatio()
            for r in region:
                r = r.intersected(exposed)
                if r.isEmpty():
                    continue
                p.setClipRect(r, Qt.ClipOperation.ReplaceClip)
                p.drawPixmap(QPointF(r.x(), r.y()), tape,
                             QRectF(r.x() * dpr + self.ox, r.y() * dpr, r.width() * dpr, r.height() * dpr))
        else:
            p.setClipRect(exposed, Qt.ClipOperation.IntersectClip)
            p.drawPixmap(QPointF(-self.ox / tape.devicePixelRatio(), 0), tape)  # (faster than a source rect)
        p.restore()

    def settle(self, vp) -> QRegion | None:
        """Bring the layer up to date now (see `update`); the viewport px whose pixels changed when
        it could tell (new bars drawn where the pixels did not move), else None: all of them. Bars
        that closed may be held back (see the module doc): the live items' bounds, refreshed for
        the new bar, hold them already (each was the live bar)."""
        self.exposed = None
        self.update(vp, hold=True)
        return self.exposed

    def update(self, vp, hold: bool = False) -> None:
        """Brought up to date: drawn anew, or moved on with a strip drawn; with `hold` (not in a
        paint: the live items' bounds must grow first), new closed bars may be held instead."""
        dpr = vp.devicePixelRatioF()
        w, h = max(1, math.ceil(vp.width() * dpr)), max(1, math.ceil(vp.height() * dpr))
        tape = self.tape
        if tape is None or getattr(self, "size", None) != (w, h) or tape.devicePixelRatio() != dpr:
            self.size = (w, h)
            tape = self.tape = QPixmap(w + math.ceil(w * self.ROOM), h)
            tape.setDevicePixelRatio(dpr)
            self.full = True
        if self.full or self.appended:
            state = self.state(dpr)
            if self.full or not self._shift(state, dpr, hold):
                self._draw(dpr)
                self.redraws += 1
            self.drawn = state
            self.full = self.appended = False

    def state(self, dpr: float) -> tuple:
        """(geometry, x translation in px, x scale, bars): geometry is what must stay for a shift
        (size, each pane's place, y range and y scale, the panes' x scale and shared translation)."""
        view = self.view
        vt = view.viewportTransform()
        geo: list = [view.viewport().width(), view.viewport().height(), dpr]
        tx = scale = None
        for plot in view.plots():
            vb = plot.vb
            t = vb.childGroup.sceneTransform() * vt
            if tx is None:
                tx, scale = t.dx(), t.m11()
            r = vt.mapRect(vb.sceneBoundingRect())
            geo.append((plot.isVisible(), r.x(), r.y(), r.width(), r.height(), tuple(vb.viewRange()[1]),
                        t.m22(), t.dy(), round(t.m11() / scale, 9), round(t.dx() - tx, 6)))
        s = view.series
        return tuple(geo), tx, scale, (id(s), getattr(s, "resets", 0), len(s) if s is not None else 0)

    def _draw(self, dpr: float) -> None:
        """Everything, at the tape's start; and the panes' columns, for the next shifts."""
        view = self.view
        w, h = self.size
        self.ox = 0
        self.held_from = None
        q = QPainter(self.tape)
        try:
            q.fillRect(QRectF(0, 0, w / dpr, h / dpr), view.backgroundBrush())
            q.setTransform(view.viewportTransform())
            paint_static(q, view.plots())
        finally:
            q.end()
        self.cols = (0, 0)
        boxes = self._boxes()
        if boxes:
            r = boxes[0][1]  # the panes share their x span; the columns they cover wholly, left of any axis
            right = min([r.right()] + [self._axis_left(plot) for plot, _r in boxes])
            c0, c1 = math.ceil(r.left() * dpr - 1e-6), math.floor(right * dpr + 1e-6)
            if c1 - c0 >= 2 and abs(r.left() * dpr - c0) < 1e-6:  # (a pane starting inside a pixel: no shifts)
                self.cols = (c0, c1)

    def _axis_left(self, plot) -> float:
        axis = plot.axes.get("right", {}).get("item")
        if axis is None or not axis.isVisible():
            return math.inf
        return self.view.viewportTransform().mapRect(axis.mapRectToScene(axis.rect())).left()

    def _boxes(self) -> list:
        vt = self.view.viewportTransform()
        return [(plot, vt.mapRect(plot.vb.sceneBoundingRect())) for plot in self.view.plots() if plot.isVisible()]

    def _shift(self, state: tuple, dpr: float, hold: bool = False) -> bool:
        """Move the tape on by the whole pixels the view moved and draw the strip of new bars and
        the time axis at its end; False when the layer must be drawn anew instead."""
        old = self.drawn
        if old is None or state[0] != old[0] or state[3][:2] != old[3][:2] or not state[2] \
                or not math.isclose(state[2], old[2], rel_tol=1e-9):  # (moving x0 and x1 may touch the last digit)
            return False
        n, n_old = state[3][2], old[3][2]
        d = state[1] - old[1]  # px the bars moved (negative: left)
        dev = -d * dpr
        c0, c1 = self.cols
        if n < n_old or d > 1e-6 or abs(dev - round(dev)) > 1e-6 or c1 <= c0:
            return False
        dev = int(round(dev))
        w, h = self.size
        tape = self.tape
        if dev >= c1 - c0:
            return False
        if self.ox + dev + w > tape.width():  # at the end of the tape: back to its start
            tape.scroll(-self.ox, 0, QRect(0, 0, self.ox + w, h))  # (moves within the rect)
            self.ox = 0
            self.rewinds += 1
        if dev:  # what stays right of the panes moves on with the view
            tape.scroll(dev, 0, QRect(self.ox + c1, 0, w - c1 + dev, h))
            self.ox += dev
        view = self.view
        boxes = self._boxes()
        k = view.group_size()
        held = self.held_from
        if held is not None:  # the layer's newest bars are older than the last paint's
            n_old = held + 1
        from_bar = ((n_old - 2) // k) * k - k  # the last group (or bar) that held the newest bulk bar, and one more
        def statics():
            return (i for plot, _r in boxes for i in plot.vb.addedItems
                    if getattr(i, "static_layer", False) and i.isVisible())
        hold = hold and not dev and k == 1 and n - n_old <= self.HOLD and all(
            getattr(i, "holds", False) for i in statics())
        # groups of bars (k > 1), the new bars in the newest group: the live items draw that group,
        # the layer's bulk is as it was (when all it draws ends before that group: no curves)
        same_bulk = not dev and k > 1 and live_start(n, k) == live_start(n_old, k) and all(
            getattr(i, "grouped_live", False) for i in statics())
        left = max(c0 / dpr, min(state[1] + state[2] * from_bar, (c1 - dev - 1) / dpr))  # and what is new
        right = c1
        if not dev:  # nothing moved: the strip ends at the live bar's place (it and the room right of it
            # hold the background in the layer), a group and two px on to be sure
            right = min(c1, max(math.floor(left * dpr) + 1, math.ceil((state[1] + state[2] * (n - 1.5 + k)) * dpr) + 2))
        bg = view.backgroundBrush()
        hl = h / dpr
        vt = view.viewportTransform()
        inv = vt.inverted()[0]
        axis = boxes[-1][0].axes.get("bottom", {}).get("item")  # the time axis, under the lowest pane
        if axis is not None and not axis.isVisible():
            axis = None
        bottom = hl
        if axis is not None:
            # its own rect (its bounding rect reaches up into the pane for outward ticks), from
            # the first whole row
            r = vt.mapRect(axis.mapRectToScene(axis.rect()))
            top = math.ceil(r.top() * dpr - 1e-6) / dpr
            same = getattr(axis, "unchanged", None)
            if not dev and same is not None and same():  # nothing moved, its labels stayed: it
                axis, bottom = None, top  # stays as it is, the strip above it
        q = None  # (held bars, an unchanged bulk and axis: nothing to draw)
        if dev or axis is not None or not (hold or same_bulk):
            q = QPainter(tape)
            q.setTransform(vt * QTransform.fromTranslate(self.ox / dpr, 0))
        try:
            if dev:
                q.fillRect(inv.mapRect(QRectF(0, 0, c0 / dpr, hl)), bg)  # the margin left of the panes stays empty
            if hold:  # the bars that closed wait for the live items to draw them (see the module doc)
                self.held_from = n_old - 1
                exposed = QRegion()
            elif same_bulk:
                self.held_from = None
                exposed = QRegion()
            else:
                self.held_from = None
                shown = QRectF(QPointF(math.floor(left * dpr) / dpr, 0), QPointF(right / dpr, bottom))
                exposed = QRegion(shown.toAlignedRect()) if not dev else None
                strip = inv.mapRect(shown)
                q.setClipRect(strip)
                q.fillRect(strip, bg)  # (in all rows: the strip's columns held other pixels)
                paint_static(q, [p for p, _r in boxes], strip, from_bar - k)  # (the strip is filled)
            if axis is not None:  # only where its moved pixels may differ from a redraw (its ends)
                spans = axis.changed_spans(math.floor(left * dpr) / dpr - r.left(), dpr) \
                    if hasattr(axis, "changed_spans") else [(0.0, r.width())]
                zones = QRegion()
                for a, b in spans:
                    x0 = max(c0, math.floor((r.left() + a) * dpr)) / dpr
                    x1 = min(c1, math.ceil((r.left() + b) * dpr)) / dpr
                    if x1 > x0:
                        if exposed is not None:
                            exposed = exposed.united(QRectF(QPointF(x0, top), QPointF(x1, hl)).toAlignedRect())
                        rows = inv.mapRect(QRectF(QPointF(x0, top), QPointF(x1, hl)))
                        q.setClipRect(rows)
                        q.fillRect(rows, bg)
                        zones = zones.united(rows.toAlignedRect())
                q.setClipRegion(zones)  # (both parts in one pass)
                axis.only = spans
                try:
                    _paint(q, axis, QStyleOptionGraphicsItem(), None)
                finally:
                    axis.only = None
        finally:
            if q is not None:
                q.end()
        self.shifts += 1
        self.exposed = exposed
        return True
