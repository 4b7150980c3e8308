"""The status bar's rate-limit meter says which TRs are held back, with the real client core."""

from __future__ import annotations

import asyncio

import pytest

from app.ui.status import StatusBar


@pytest.mark.asyncio
async def test_the_meter_names_the_trs_waiting_for_their_limits(live, qtbot):
    bar = StatusBar(live.context)
    qtbot.addWidget(bar)
    limiter = live.client.rate_limiter
    bar.tick()
    assert "g3204" not in bar.pressure.toolTip()
    first = await limiter.take("g3204", 1, 2.0, True)  # one call per 2 s: the next waits
    waiter = asyncio.ensure_future(limiter.take("g3204", 1, 2.0, True))
    await asyncio.sleep(0.05)
    bar.tick()
    assert bar.pressure.value == 1.0
    assert "Waiting for LS's per-TR limits: g3204" in bar.pressure.toolTip(), bar.pressure.toolTip()
    waiter.cancel()
    await limiter.release(first)
