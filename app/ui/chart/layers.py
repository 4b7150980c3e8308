"""The chart's cached layer: the history (bars, volume, indicator curves) and the axes are drawn
into the view's background pixmap (QGraphicsView.CacheBackground), redrawn only when a range,
the data in view or the look changes. Everything that moves on a live tick (the newest bar, the
last-price line, curve tails, crosshair, order lines) is an ordinary item painted over that pixmap,
so a tick repaints a few small items and a blit, however many bars are in view.

A static item has `ItemHasNoContents` (Qt never calls its paint in the item pass) and its
`update()` asks the view to redraw the cached layer instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

AXES = ("left", "right", "top", "bottom")


class StaticLayerItem:
    """Mixin for a QGraphicsItem drawn in the cached layer (put it first among the bases)."""

    static_layer = True

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


def paint_static(p: QPainter, plots) -> None:
    """Draw the static items of each plot (clipped to its view box, in stacking order) and its axes."""
    option = QStyleOptionGraphicsItem()
    for plot in plots:
        if not plot.isVisible():
            continue
        vb = plot.vb
        clip = vb.sceneBoundingRect()
        items = [i for i in vb.addedItems if getattr(i, "static_layer", False) and i.isVisible()]
        items.sort(key=lambda i: i.zValue())  # stable: equal z keeps insertion order, as Qt does
        for item in items:
            _paint(p, item, option, clip)
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
