"""The live-market fixture gives panels a hub fed by the embedded exchange over loopback."""

import pytest


@pytest.mark.asyncio
async def test_live_market_reaches_the_context(live):
    w = live.context.market.watcher("probe")
    assert w.watch("AAPL", depth=True)
    await live.until(lambda: (q := live.hub.quote("AAPL")) is not None and q.live and q.bid is not None)
    ticks = []
    live.context.frame_tick.connect(lambda: ticks.append(1))
    await live.until(lambda: len(ticks) >= 2)
    assert "AAPL" in w.take()
    w.close()
