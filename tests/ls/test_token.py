"""Token lifecycle against a real HTTP server: early refresh, single flight, revoke."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from app.ls.config import Credentials
from app.ls.errors import AuthError, ConfigError
from app.ls.token import TokenManager
from app.ls.transport import RestTransport
from tests.ls.spec_server import SpecServer


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest_asyncio.fixture
async def server():
    srv = await SpecServer(token_lifetime=3600).start()
    yield srv
    await srv.stop()


@pytest_asyncio.fixture
async def transport(server):
    t = RestTransport(server.url)
    yield t
    await t.aclose()


CREDS = Credentials("APPKEY-0123456789", "SECRET-0123456789")


@pytest.mark.asyncio
async def test_token_is_reused_then_refreshed_before_expiry(server, transport):
    clock = Clock()
    tokens = TokenManager(transport, CREDS, refresh_margin=300, clock=clock)
    first = await tokens.get()
    clock.now += 3000  # 600 s left: still fine
    assert await tokens.get() == first
    clock.now += 301  # 299 s left: inside the margin, refresh now rather than fail later
    second = await tokens.get()
    assert second != first and server.issued == 2
    assert tokens.seconds_left() == pytest.approx(3600)


@pytest.mark.asyncio
async def test_concurrent_gets_issue_one_token(server, transport):
    tokens = TokenManager(transport, CREDS)
    values = await asyncio.gather(*(tokens.get() for _ in range(20)))
    assert len(set(values)) == 1 and server.issued == 1


@pytest.mark.asyncio
async def test_refresh_of_an_already_replaced_token_is_free(server, transport):
    tokens = TokenManager(transport, CREDS)
    old = await tokens.get()
    new = await tokens.refresh(stale=old)
    assert await tokens.refresh(stale=old) == new
    assert server.issued == 2


@pytest.mark.asyncio
async def test_refused_key_raises_auth_error_with_ls_message(server, transport):
    tokens = TokenManager(transport, Credentials("BADKEY", "SECRET-0123456789"))
    with pytest.raises(AuthError) as err:
        await tokens.get()
    assert err.value.code == "IGW00103" and err.value.http_status == 403
    assert "유효하지 않은 AppKey" in str(err.value)


@pytest.mark.asyncio
async def test_revoke_forgets_the_token(server, transport):
    events = []
    tokens = TokenManager(transport, CREDS)
    tokens.listeners.append(events.append)
    await tokens.get()
    await tokens.revoke()
    assert server.revoked == 1 and tokens.token is None
    assert events == ["issued", "revoked"]


def test_missing_secret_is_a_config_error():
    with pytest.raises(ConfigError):
        TokenManager(None, Credentials("APPKEY-0123456789", ""))


def test_credentials_never_show_the_secret():
    text = repr(CREDS) + str(CREDS)
    assert "SECRET-0123456789" not in text and "APPKEY-0123456789" not in text


@pytest.mark.asyncio
async def test_a_cancelled_first_caller_does_not_cancel_the_others(server, transport):
    server.token_delay = 0.3
    tokens = TokenManager(transport, CREDS)
    first = asyncio.create_task(tokens.get())
    while not tokens._inflight:  # first is now issuing; the others join its request
        await asyncio.sleep(0)
    others = [asyncio.create_task(tokens.get()) for _ in range(3)]
    for _ in range(3):
        await asyncio.sleep(0)  # each is now awaiting the shared request
    first.cancel()
    assert await asyncio.gather(*others) == [server.current_token] * 3
    assert server.issued == 1


@pytest.mark.asyncio
async def test_a_failed_refresh_reaches_every_waiter_and_the_next_call_retries(server, transport):
    server.token_delay = 0.1
    server.token_failures = 1
    tokens = TokenManager(transport, CREDS)
    results = await asyncio.gather(*(tokens.get() for _ in range(4)), return_exceptions=True)
    assert all(isinstance(r, AuthError) for r in results)
    assert await tokens.get() == server.current_token
    assert server.issued == 1
