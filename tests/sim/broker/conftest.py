"""Shared fixture of the broker wire tests: a registered raw trader on the module's ``ex``."""

from __future__ import annotations

import pytest_asyncio

from tests.sim.broker.wire import Trader


@pytest_asyncio.fixture
async def trader(ex):
    t = await Trader(ex).open()
    yield t
    await t.close()
