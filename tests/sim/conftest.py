"""Fixtures for the embedded exchange tests: a running exchange on loopback and a token."""

from __future__ import annotations

import pytest_asyncio

from tests.sim.simclient import SimClient

# LS's tokens end at 06:59:59 KST (the exchange does the same by default); these raw clients hold
# one token and never refresh it, so they get a day's token, not one that may end mid-test
TOKEN_LIFETIME = 86400.0


@pytest_asyncio.fixture
async def sim_exchange(tmp_path):
    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=7, db_path=tmp_path / "sim.db", steps_per_second=20.0,
                              token_lifetime=TOKEN_LIFETIME)
    try:
        yield ex
    finally:
        await ex.stop()


@pytest_asyncio.fixture
async def sim(sim_exchange):
    """A raw HTTP/WebSocket client holding a fresh token; rate limits off unless a test turns them on."""
    sim_exchange.limiter.enabled = False
    client = SimClient(sim_exchange)
    await client.open()
    try:
        yield client
    finally:
        await client.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sim_shared(tmp_path_factory):
    """One exchange and client for a whole test module (read-only tests); rate limits off."""
    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=7, db_path=tmp_path_factory.mktemp("sim") / "sim.db", steps_per_second=20.0,
                              token_lifetime=TOKEN_LIFETIME)
    ex.limiter.enabled = False
    client = SimClient(ex)
    await client.open()
    try:
        yield client
    finally:
        await client.close()
        await ex.stop()
