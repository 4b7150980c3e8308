"""The chart's average-price line follows the portfolio against the embedded exchange: a portfolio
installed after the chart opened (a restart, a login) shows the held position's line, and a position
closed elsewhere (no order through the chart) takes it away."""

from __future__ import annotations

import pytest

from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import buy_stock, sell_stock
from tests.ui.test_chart import close_all, open_chart


def held(svc, symbol: str) -> int:
    pos = svc.position(symbol)
    return int(pos.qty) if pos is not None else 0


@pytest.mark.asyncio
async def test_average_price_line_follows_the_portfolio(live, qtbot):
    panel = await open_chart(live, "AAPL")
    avg = panel.trading.avg_line
    assert avg.scene() is None
    await buy_stock(live.client, live.master, "AAPL", 10)
    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    await svc.start()
    try:
        await live.until(lambda: held(svc, "AAPL") == 10)
        panel.drain()
        assert avg.scene() is None  # no portfolio in the context yet
        live.context.set_portfolio(svc)  # what a login (or a restart) does
        await live.until(lambda: (panel.drain(), avg.scene() is not None)[1], timeout=10)
        assert "+10 @ " in avg.label.format
        assert avg.value() == pytest.approx(float(svc.position("AAPL").avg_price))

        await sell_stock(live.client, live.master, "AAPL", 10)  # closed outside the chart
        await live.until(lambda: held(svc, "AAPL") == 0)
        await live.until(lambda: (panel.drain(), avg.scene() is None)[1], timeout=10)
    finally:
        live.context.set_portfolio(None)
        await svc.close()
        await close_all(live)
