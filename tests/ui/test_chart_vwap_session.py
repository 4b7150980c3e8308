"""The chart's VWAP on a future starts again, and its line breaks, where the future's trading day
opens (17:00 Chicago time for E-mini S&P 500), not at midnight: the curve's breaks are the indicator's own
session split, over the 1-minute history the embedded exchange serves."""

from __future__ import annotations

import numpy as np
import pytest

from app.trading.bar_series import DAY
from tests.ui.test_chart import close_all, open_chart


@pytest.mark.asyncio
async def test_futures_vwap_line_breaks_at_the_evening_open(live, qtbot):
    panel = await open_chart(live, live.master.front("ES").code, tf="1m", size=(1000, 600))
    panel.add_indicator("vwap")
    s = panel.series
    assert s.session_open == 17 * 3600
    study = panel.studies.find("vwap")
    opens = np.flatnonzero((s.t % DAY == 17 * 3600)[1:]) + 1
    assert len(opens) >= 2 and np.any(s.t[1:] % DAY == 0)  # the history crosses opens and midnights
    assert np.array_equal(study.curves["vwap"].breaks, opens)
    vwap = study.out["vwap"][:len(s)]
    typ = (s.h + s.l + s.c) / 3.0
    assert np.allclose(vwap[opens], typ[opens])  # the first bar of a session is its own VWAP
    await close_all(live)
