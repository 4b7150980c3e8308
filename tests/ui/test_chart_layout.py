"""The chart panel's tool bar and labels: the status text never widens the panel (a dock that widened
on every symbol change pushed its neighbours), the symbol box keeps room for a symbol."""

from __future__ import annotations

import pytest

from app.ui.panels.chart import ChartPanel
from tests.ui.test_chart import _ready, close_all, own


@pytest.mark.asyncio
async def test_loading_status_does_not_raise_the_minimum_width(live, qtbot):
    panel = ChartPanel(live.context)
    own(panel)
    panel.show()
    idle = panel.minimumSizeHint().width()
    panel.resize(idle, 400)  # as narrow as the panel allows: a dock column at its minimum
    panel.set_symbol("AAPL")
    assert panel.feed.loading and "Loading history" in panel.status.text()
    panel.layout().activate()
    assert panel.minimumSizeHint().width() == idle
    assert panel.status.toolTip() == panel.status.text()
    fm = panel.entry.fontMetrics()
    assert panel.entry.width() >= fm.horizontalAdvance("MMMMMM")  # not squeezed to "SLA"
    await live.until(lambda: _ready(panel))
    assert panel.minimumSizeHint().width() == idle
    for symbol in ("MSFT", "TSLA", "AAPL"):
        panel.set_symbol(symbol)
        assert panel.minimumSizeHint().width() == idle
        await live.until(lambda: _ready(panel))
    await close_all(live)
