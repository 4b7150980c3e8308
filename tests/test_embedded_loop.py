"""The embedded exchange's thread closes its loop as asyncio.run does: what is still pending on it
(a connection's task that aiohttp's shutdown cancelled without waiting for) ends first, instead of
failing on the closed loop when it is garbage-collected, in whatever runs then."""

from __future__ import annotations

import asyncio

import pytest

from app.main import EmbeddedExchange


@pytest.mark.asyncio
async def test_nothing_is_left_pending_on_the_exchange_loop(tmp_path):
    emb = EmbeddedExchange(seed=7, db_path=tmp_path / "x.sqlite")
    await emb.start()
    loop = emb._loop
    ended = []

    async def linger() -> None:  # a task that outlives the exchange's stop
        try:
            await asyncio.sleep(3600)
        finally:
            ended.append(True)

    asyncio.run_coroutine_threadsafe(_spawn(linger), loop).result(5)
    await emb.stop()
    assert loop.is_closed()
    assert [t for t in asyncio.all_tasks(loop) if not t.done()] == []
    assert ended == [True]


async def _spawn(make) -> None:
    asyncio.get_running_loop().create_task(make())
