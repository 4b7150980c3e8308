"""A chart with no bars to show (an unknown symbol typed, another symbol still loading) shows none
of the bars shown before: no price or volume values on its axes, no indicator curve, no bar count."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from tests.ui.test_chart import _ready, close_all, open_chart


def axis_ink(view, plot) -> int:
    """Pixels of the plot's right axis (its line and tick marks left out) not in the background colour."""
    img = view.grab().toImage()
    rect = view.mapFromScene(plot.getAxis("right").mapRectToScene(plot.getAxis("right").rect())).boundingRect()
    bg = QColor(view.background).rgb()
    count = 0
    for x in range(rect.left() + 8, min(rect.right(), img.width() - 1)):
        for y in range(max(0, rect.top()), min(rect.bottom(), img.height() - 1)):
            if img.pixel(x, y) != bg:
                count += 1
    return count


@pytest.mark.asyncio
async def test_unknown_symbol_and_loading_show_nothing_of_the_last_chart(live, qtbot):
    panel = await open_chart(live, "MSFT", size=(900, 600))
    panel.add_indicator("macd")
    panel.drain()
    view = panel.view
    assert axis_ink(view, view.price_plot) > 0  # the prices of MSFT's bars
    macd = panel.studies.find("macd")

    panel.entry.setText("NOSUCHSYM")
    panel.entry.returnPressed.emit()
    panel.drain()
    assert "Unknown symbol: NOSUCHSYM" in view.message.text()
    assert panel.status.text() == ""
    assert all(c.tail._seg is None and not len(c.values) for c in macd.curves.values())
    assert axis_ink(view, view.price_plot) == 0 and axis_ink(view, view.volume_plot) == 0

    panel.set_symbol("AAPL")
    panel.drain()
    if not len(panel.series):  # loading (not from the cache): still nothing of MSFT
        assert axis_ink(view, view.price_plot) == 0
    await live.until(lambda: _ready(panel))
    panel.drain()
    assert axis_ink(view, view.price_plot) > 0
    await close_all(live)
