"""A stopped exchange is freed: nothing (aiohttp's handler cache, a pending warm-up task) keeps
its market history alive. The test suite starts hundreds of exchanges in one process."""

from __future__ import annotations

import gc
import weakref

import pytest

from app.ls import LS, Endpoints
from app.sim.exchange import start_exchange


@pytest.mark.asyncio
async def test_a_stopped_exchange_is_garbage(tmp_path):
    made = []  # only this test's exchanges: others in the process are not its business
    for i in range(2):
        ex = await start_exchange(seed=i, db_path=tmp_path / f"{i}.sqlite", port=0)
        made.append(weakref.ref(ex))
        client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
        assert await client.async_login("MEMORY-KEY-0123456789", "MEMORY-SECRET-0123456789")
        await client.aclose()
        await ex.stop()
        del ex
    gc.collect()
    assert [r() for r in made] == [None, None]
