"""Edge markers: a working order (or the position's average price) whose line is above or below
the price pane's y range, shown at the pane's top or bottom edge as its line's label with an arrow
toward the price, so that a stop or a far limit is never invisible. Several at one edge stack
without overlap (the price order kept: the highest on top); a click on one brings its price into
view. Placed by `TradingLayers` when its orders or the y range change, never on a live tick."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF, QStaticText
from PySide6.QtWidgets import QGraphicsObject

ARROW = 9.0  # the arrow's width, px
PAD = 4.0
MAX_SHARE = 0.4  # one edge's stack takes at most this share of the pane's height


def _t(text: str) -> str:
    return QCoreApplication.translate("Chart", text)


@dataclass
class Edge:
    """What one marker shows: `keys` (order ids, "avg") whose lines it stands for, at `prices`."""
    keys: tuple[str, ...]
    prices: tuple[float, ...]
    text: str
    color: QColor
    text_color: QColor


class EdgeMarker(QGraphicsObject):
    """One marker: a box in its line's colour with an arrow (up: the price is above the pane) and
    its label's text. A scene item of its own, as the axis labels: the view box would clip it."""

    def __init__(self, on_click: Callable[[EdgeMarker], None]):
        super().__init__()
        self.setZValue(998)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._on_click = on_click
        self.edge: Edge | None = None
        self.up = True
        self._static = QStaticText()
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._box = QRectF()

    def set(self, edge: Edge, up: bool) -> None:
        self.edge, self.up = edge, up
        if edge.text != self._static.text():
            self._static.setText(edge.text)
        self.setToolTip(_t("Click to bring this price into view"))
        self.update()

    def text(self) -> str:
        return self._static.text()

    def size(self) -> tuple[float, float]:
        s = self._static.size()
        return s.width() + ARROW + 3 * PAD, s.height() + 2

    @property
    def box(self) -> QRectF:
        """The marker's rectangle in the scene, as painted; do not modify."""
        return self._box

    def put(self, box: QRectF) -> None:
        if box != self._box:
            self.prepareGeometryChange()
            self._box = QRectF(box)
            self.update()

    def boundingRect(self) -> QRectF:
        return self._box

    def paint(self, p: QPainter, *args) -> None:
        box, edge = self._box, self.edge
        if box.isEmpty() or edge is None:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(edge.color)
        p.drawRoundedRect(box, 2.0, 2.0)
        p.setBrush(edge.text_color)
        x, mid, half = box.left() + PAD, box.center().y(), min(ARROW / 2, box.height() / 2 - 2)
        tip, base = (mid - half, mid + half) if self.up else (mid + half, mid - half)
        p.drawPolygon(QPolygonF([QPointF(x, base), QPointF(x + ARROW, base), QPointF(x + ARROW / 2, tip)]))
        p.setPen(edge.text_color)
        p.drawStaticText(QPointF(x + ARROW + PAD, box.top() + 1), self._static)

    # the press is taken (pyqtgraph's scene then leaves the view box alone: no drag, no pan);
    # the click is a release over the marker
    def mousePressEvent(self, ev) -> None:  # noqa: N802 (Qt's name)
        ev.accept()

    def mouseReleaseEvent(self, ev) -> None:  # noqa: N802
        if self._box.contains(ev.scenePos()):
            self._on_click(self)
        ev.accept()


def stack(edges: list[Edge], height: float, room: float, gap: float = 1.0) -> list[Edge]:
    """The markers one edge shows, ordered from the edge inward as `edges` are: all of them when
    their `height`s fit in `room`, else the nearest prices (those met first) one by one, and the
    farthest in one marker at the edge ("+3 more") that stands for them all."""
    fit = max(1, int((room + gap) // (height + gap)))
    if len(edges) <= fit:
        return edges
    cut = len(edges) - (fit - 1)
    rest, keep = edges[:cut], edges[cut:]
    near = rest[-1]
    more = Edge(tuple(k for e in rest for k in e.keys), tuple(p for e in rest for p in e.prices),
                _t("+{0} more").format(len(rest)), near.color, near.text_color)
    return [more] + keep


class EdgeColumn:
    """The markers of one price pane: made, reused and dropped as the edges come and go."""

    def __init__(self, on_click: Callable[[EdgeMarker], None]):
        self._on_click = on_click
        self.markers: list[EdgeMarker] = []  # those shown
        # every marker made, kept (hidden when not needed): a click's handler re-places the
        # markers, and the clicked one must outlive the scene's delivery of that click
        self._pool: list[EdgeMarker] = []

    def show(self, scene, above: list[Edge], below: list[Edge], left: float, top: float, bottom: float,
             gap: float = 1.0) -> tuple[float, float]:
        """Markers for `above` (the top edge's, highest price first) and `below` (the bottom's,
        lowest first) in a column at `left`, stacked down from `top` and up from `bottom`; returns
        the heights the two stacks take (the line labels keep out of them)."""
        wanted = len(above) + len(below)
        while len(self._pool) < wanted:
            self._pool.append(EdgeMarker(self._on_click))
        for m in self._pool[wanted:]:
            m.hide()
        self.markers = self._pool[:wanted]
        if not wanted:
            return 0.0, 0.0
        for m in self.markers:
            if m.scene() is None:
                scene.addItem(m)
            m.show()
        used = [0.0, 0.0]
        for side, (edges, ms) in enumerate(((above, self.markers[:len(above)]), (below, self.markers[len(above):]))):
            y = top if side == 0 else bottom
            for edge, m in zip(edges, ms):
                m.set(edge, up=side == 0)
                w, h = m.size()
                if side == 1:
                    y -= h
                m.put(QRectF(left, y, w, h))
                y = y + h + gap if side == 0 else y - gap
            used[side] = (y - top) if side == 0 else (bottom - y)
        return used[0], used[1]

    def clear(self) -> None:
        self.show(None, [], [], 0.0, 0.0, 0.0)
