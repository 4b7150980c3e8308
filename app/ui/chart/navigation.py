"""The chart's x range and y fits: show the newest bars, all bars, pan, zoom, auto-follow of the
newest bar unless the user scrolled away, and each pane's y range fitted to the bars in view.

Following the newest bar, new bars fill the free room at the right of the chart and the view moves
on by a step (FOLLOW_STEP of its width) when the room is used up: the bars already drawn stay put
between steps, so a new bar repaints its own strip rather than the whole chart.

Every pane gets its x and y range in one `setRange` with the panes' x links blocked: pyqtgraph's
linked-view propagation (one more range update per pane and per axis) is what made a new bar cost
a few milliseconds before anything was drawn.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF

from app.ui.chart.groups import bulk_view, group_size, live_start

LIVE_VIEW = 100  # bars in view when a chart opens (and after End)
MIN_VIEW = 30  # ... or all bars when there are fewer, but room for this many at least
RIGHT_PAD = 3  # empty slots right of the newest bar
# following the newest bar with bars at least this wide (px), a new bar goes into the room right of
# it while a slot of room is left; then the view moves on by FOLLOW_STEP of its width: on screen the
# history is moved (a whole-view copy) once every so many bars, not on every bar
ROOM_MIN_PX = 2.0
FOLLOW_STEP = 0.08
STICKY_ROOM = 0.25  # on a new bar, a y range is kept while at most this much taller than the fit
STICKY_PAD = 0.04  # ... and while it holds the fit but this share of its height (the fits pad 6-15 %)
# the fraction of a pixel the bars' x translation is rounded to: not .0 or .5, where a bar width
# of W/N px would put wick or body edges of some bars on pixel centres (rounded either way by the
# last bit of float error, so a scrolled bar and a redrawn one could differ by a pixel)
PX_PHASE = 0.381966
EDGE = 0.02  # a live bar this close (share of the height) to the top or bottom widens the y range
KEEP = 0.5  # the user's pan and zoom keep bars over at least this share of the view (or all bars)
# indicator curves on the price pane widen its y fit by at most this share of the bars' range each
# way: bands stay in view, a far VWAP (the day's, on a tick chart) does not squash the bars
OVERLAY_ROOM = 0.5


class Navigation:
    """Mixin for `ChartView` (needs series, price_plot, volume_plot, panes, plots(), price_item,
    live_item, overlays, pins)."""

    def _width_bars(self) -> float:
        (x0, x1), _ = self.price_plot.vb.viewRange()
        return max(10.0, x1 - x0 - RIGHT_PAD)

    def show_last(self, bars: float = LIVE_VIEW) -> None:
        """The newest `bars` in view; no more than there are (a short history fills the view rather
        than its right part), unless that is fewer than MIN_VIEW."""
        n = len(self.series) if self.series is not None else 0
        if n:
            bars = min(bars, max(n, MIN_VIEW))
        self._set_x(n - bars - 0.5, n - 0.5 + RIGHT_PAD)

    def show_all(self) -> None:
        n = len(self.series) if self.series is not None else 0
        self._set_x(-0.5, n - 0.5 + RIGHT_PAD)

    def go_end(self) -> None:
        self.set_follow(True)
        self.show_last(self._width_bars())

    def pan(self, fraction: float) -> None:
        (x0, x1), _ = self.price_plot.vb.viewRange()
        d = (x1 - x0) * fraction
        self._set_x(x0 + d, x1 + d, user=True)

    def max_width(self) -> float:
        """The widest x range the user may zoom out to: the bars fill KEEP of it."""
        n = len(self.series) if self.series is not None else 0
        return max(float(LIVE_VIEW), (n + RIGHT_PAD) / KEEP) if n else 1e9

    def clamp_x(self, x0: float, x1: float) -> tuple[float, float]:
        """A range the user asked for (drag, wheel, keys), moved back so that bars still fill at least
        KEEP of it (all bars when there are fewer), and no wider than the bars and some room: the
        oldest or newest bar goes no further than the middle, and the chart is never dragged or
        zoomed out into emptiness."""
        n = len(self.series) if self.series is not None else 0
        if n == 0 or not x1 > x0:
            return x0, x1
        w = min(x1 - x0, self.max_width())
        if w < x1 - x0:  # zoomed out past the bars: about the same middle
            mid = (x0 + x1) / 2
            x0, x1 = mid - w / 2, mid + w / 2
        need = min(float(n), w * KEEP)
        if x1 < need - 0.5:  # the oldest bars pushed off to the right
            x0, x1 = need - 0.5 - w, need - 0.5
        elif x0 > n - 0.5 - need:  # the newest pushed off to the left
            x0, x1 = n - 0.5 - need, n - 0.5 - need + w
        return x0, x1

    def zoom(self, factor: float) -> None:
        """factor < 1 zooms in (fewer bars), anchored at the right edge when following."""
        (x0, x1), _ = self.price_plot.vb.viewRange()
        width = max(10.0, min((x1 - x0) * factor, self.max_width()))
        if self.follow:
            self._set_x(x1 - width, x1, user=True)
        else:
            mid = (x0 + x1) / 2
            self._set_x(mid - width / 2, mid + width / 2, user=True)

    def set_follow(self, on: bool) -> None:
        if on != self.follow:
            self.follow = on
            self.follow_changed.emit(on)

    def follow_by(self, count: int) -> None:
        """New bars while following: they go into the room right of the newest bar while a slot is
        left (bars wider than ROOM_MIN_PX); else the x range moves on by `count` bars (dense bars)
        or by FOLLOW_STEP of the view (wide ones), rounded so that the bars move by whole pixels
        (at most half a pixel off the exact range, which is kept), so that the cached layer can be
        scrolled rather than drawn again."""
        vb = self.price_plot.vb
        (x0, x1), _ = vb.viewRange()
        w = vb.width()
        n = len(self.series) if self.series is not None else 0
        step = count
        if w > 0 and x1 > x0 and w / (x1 - x0) >= ROOM_MIN_PX:
            room = x1 - (n - 0.5)  # slots right of the newest bar, the new ones in
            if room >= 1 - 1e-9:
                self._apply_ranges(x0, x1, sticky=True)
                return
            step = max(count, math.ceil(RIGHT_PAD - room), round(FOLLOW_STEP * (x1 - x0)))
        exact = getattr(self, "_x_exact", None)
        if exact is not None and exact[0] == (x0, x1):  # not moved since: go on from the exact range
            x0, x1 = exact[1]
        x0, x1 = x0 + step, x1 + step
        if w > 0 and x1 > x0:
            scale = w / (x1 - x0)  # as ViewBox.updateMatrix: px = left + w/2 + scale * (x - mid)
            left = (vb.sceneTransform() * self.viewportTransform()).map(QPointF(0, 0)).x()
            tx = left + w / 2 - scale * (x0 + x1) / 2
            e = (tx - (round(tx - PX_PHASE) + PX_PHASE)) / scale
            self._apply_ranges(x0 + e, x1 + e, sticky=True)
            self._x_exact = (tuple(vb.viewRange()[0]), (x0, x1))
        else:
            self._apply_ranges(x0, x1, sticky=True)

    def _set_x(self, x0: float, x1: float, user: bool = False) -> None:
        if user:
            x0, x1 = self.clamp_x(x0, x1)
        self._apply_ranges(x0, x1)
        if user:
            self._check_follow()
            self.x_moved(x0, x1)

    def _on_x_range(self, *_args) -> None:
        if not self._setting_range:  # the user dragged or wheeled
            (x0, x1), _ = self.price_plot.vb.viewRange()
            x0, x1 = self.clamp_x(x0, x1)
            self._apply_ranges(x0, x1)
            self._check_follow()
            self.x_moved(x0, x1)

    def x_moved(self, x0: float, x1: float) -> None:
        """The user moved the x range (the panel loads older bars when the left edge nears the start)."""
        self.x_range_moved.emit(x0, x1)

    def _check_follow(self) -> None:
        n = len(self.series) if self.series is not None else 0
        (_x0, x1), _ = self.price_plot.vb.viewRange()
        self.set_follow(x1 >= n - 1)

    def _fit_y(self, sticky: bool = False) -> None:
        (x0, x1), _ = self.price_plot.vb.viewRange()
        self._apply_ranges(x0, x1, sticky)

    def _apply_ranges(self, x0: float, x1: float, sticky: bool = False) -> None:
        """Set the x range and fit each pane's y range to it; `sticky` (a new bar): a pane keeps its
        y range while that holds the fit with no more than STICKY_ROOM to spare (a new bar then
        seldom rescales, and the cached layer is scrolled rather than drawn again)."""
        ys = self._y_ranges(x0, x1)
        plots = self.plots()
        if sticky:
            for plot in plots:
                y = ys.get(id(plot))
                if y is not None:
                    c0, c1 = plot.vb.viewRange()[1]
                    slack = STICKY_PAD * (y[1] - y[0])  # the fit may lose some of its padding
                    if c0 <= y[0] + slack and y[1] - slack <= c1 and (y[1] - y[0]) * (1 + STICKY_ROOM) >= c1 - c0:
                        ys[id(plot)] = (c0, c1)
        self._setting_range = True
        for plot in plots:
            plot.vb.blockLink(True)
        try:
            for plot in plots:
                put_range(plot.vb, x0, x1, ys.get(id(plot)))
        finally:
            for plot in plots:
                plot.vb.blockLink(False)
            self._setting_range = False

    def _y_ranges(self, x0: float, x1: float) -> dict[int, tuple[float, float]]:
        """{id(plot): (y0, y1)} fitted to the bars in [x0, x1]."""
        s = self.series
        n = len(s) if s is not None else 0
        lo, hi = max(0, int(math.floor(x0))), min(n, int(math.ceil(x1)) + 1)
        if hi <= lo:
            return {}
        width = self.price_plot.vb.width() or 1.0
        k = group_size(x0, x1, width)
        if k > 1:  # fitted to the groups drawn (the volume pane draws each group's total)
            low, high, vmax = math.inf, -math.inf, 0.0
            start = live_start(n, k)  # the newest group, the live items'
            if start < hi:
                _o, high, low, _c, vmax, _p = self.live_item.newest_group(start)
            vis = bulk_view(x0, x1, width, n)
            if vis is not None:
                g = self.price_item.lod.get(s, *vis)  # (the price item draws these: cached there)
                if len(g.x):
                    low, high = min(low, float(np.nanmin(g.l))), max(high, float(np.nanmax(g.h)))
                    vmax = max(vmax, float(np.nanmax(g.v)))
            if not low <= high:
                return {}
        else:
            low, high = float(np.nanmin(s.l[lo:hi])), float(np.nanmax(s.h[lo:hi]))
            vmax = float(np.nanmax(s.v[lo:hi]))
        room = (high - low) * OVERLAY_ROOM
        for fit in self.overlays:  # indicator curves over the bars stay in view with them, up to a point
            y = fit(lo, hi)
            if y is not None:
                low, high = min(low, max(y[0], low - room)), max(high, min(y[1], high + room))
        for pin in self.pins:  # lines the user brought into view (an order's edge marker): however far
            y = pin()
            if y is not None:
                low, high = min(low, y[0]), max(high, y[1])
        out = {id(self.price_plot): self._price_y(low, high),
               id(self.volume_plot): (0.0, max(vmax, 1.0) * 1.15)}
        for pane in self.panes:
            fit = getattr(pane, "y_range", None)
            y = fit(lo, hi) if fit is not None else None
            if y is not None:
                out[id(pane)] = y
        return out

    @staticmethod
    def _price_y(low: float, high: float) -> tuple[float, float]:
        pad = (high - low) * 0.06 or max(abs(high) * 0.001, 1e-6)
        return low - pad, high + pad

    def _fit_live(self) -> None:
        """A tick: widen the y range only when the newest bar comes within EDGE of its top or
        bottom, then by a fifth of its height (with room to spare: not again on the next tick, even
        when the bars in view are flat)."""
        s = self.series
        y0, y1 = self.price_plot.vb.viewRange()[1]
        h = y1 - y0
        low, high = float(s.l[-1]), float(s.h[-1])
        if low < y0 + EDGE * h or high > y1 - EDGE * h:
            room = 0.2 * h
            self.price_plot.vb.setRange(yRange=(min(y0, low - room) if low < y0 + EDGE * h else y0,
                                                max(y1, high + room) if high > y1 - EDGE * h else y1),
                                        padding=0, disableAutoRange=False)
        _v0, v1 = self.volume_plot.vb.viewRange()[1]
        start, k = self.live_item.live_group()
        vol = self.live_item.newest_group(start)[4] if k > 1 else float(s.v[-1])  # (a group: its total)
        if vol * 1.05 > v1:
            self.volume_plot.vb.setRange(yRange=(0, vol * 1.4), padding=0, disableAutoRange=False)
        n = len(s)
        for pane in self.panes:  # an indicator's newest value past its pane's edge: widen it as well
            fit = getattr(pane, "y_range", None)
            y = fit(n - 1, n) if fit is not None else None
            if y is None:
                continue
            p0, p1 = pane.vb.viewRange()[1]
            if y[0] < p0 or y[1] > p1:
                room = 0.2 * (p1 - p0)
                pane.vb.setRange(yRange=(min(p0, y[0] - room), max(p1, y[1] + room)), padding=0,
                                 disableAutoRange=False)


def put_range(vb, x0: float, x1: float, y: tuple[float, float] | None) -> None:
    """`vb.setRange(xRange=(x0, x1), yRange=y, padding=0, disableAutoRange=False)` for the chart's
    view boxes, which have no limits, no aspect lock, auto range off and their links blocked by the
    caller: the same state and the same range signals, without setRange's general preamble, the
    state signal (the plot's hidden auto-range button) and the link walk (a few tenths of a
    millisecond a new bar for two panes). Anything else goes through pyqtgraph."""
    st = vb.state
    lim = st["limits"]
    if (not x1 > x0 or (y is not None and not y[1] > y[0]) or st["aspectLocked"] is not False
            or lim["xRange"] != [None, None] or lim["yRange"] != [None, None]
            or not lim["xLimits"][0] <= x0 < x1 <= lim["xLimits"][1]
            or (y is not None and not lim["yLimits"][0] <= y[0] < y[1] <= lim["yLimits"][1])
            or any(st["autoRange"]) or any(st["logMode"])):
        vb.setRange(xRange=(x0, x1), yRange=y, padding=0, disableAutoRange=False)
        return
    old = st["viewRange"]
    new = [[float(x0), float(x1)], [float(y[0]), float(y[1])] if y is not None else list(old[1])]
    st["targetRange"] = [new[0][:], new[1][:]]
    changed = [abs(new[a][0] - old[a][0]) > (new[a][1] - new[a][0]) * 1e-9
               or abs(new[a][1] - old[a][1]) > (new[a][1] - new[a][0]) * 1e-9 for a in (0, 1)]
    st["viewRange"] = new
    if not (changed[0] or changed[1]):
        return
    vb._viewPixelSizeCache = None
    vb._matrixNeedsUpdate = True
    vb.update()
    if changed[0]:
        vb.sigXRangeChanged.emit(vb, tuple(new[0]))
    if changed[1]:
        vb.sigYRangeChanged.emit(vb, tuple(new[1]))
    vb.sigRangeChanged.emit(vb, new, changed)
