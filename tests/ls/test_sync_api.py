"""The blocking API (login, req, occurs_req, close) from scripts, threads and callbacks."""

from __future__ import annotations

import threading

import pytest

from app.ls import LS, Endpoints, g3101
from app.ls.errors import ConfigError, LSError
from tests.ls.spec_server import ThreadedSpecServer

KEY, SECRET = "PSabcdefghijklmnopqrstuvwxyz012345", "SECRETabcdefghijklmnopqrstuvwxyz0123"


@pytest.fixture
def threaded():
    srv = ThreadedSpecServer()
    yield srv.server
    srv.stop()


def tsla():
    return g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")


def _sync_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "lsterm-sync"]


def test_a_request_kept_after_close_is_refused_not_logged_in_again(threaded):
    client = LS(Endpoints.local(threaded.port))
    assert client.login(KEY, SECRET)
    request = client.overseas_stock().market().g3101(tsla())
    assert request.req().rsp_cd == "00000"
    client.close()
    for thread in _sync_threads():
        thread.join(5)
    assert not _sync_threads()  # the private loop's thread ended with close()
    with pytest.raises(ConfigError):
        request.req()
    assert threaded.issued == 1 and threaded.revoked == 1  # no silent second login
    client.close()


def test_login_again_after_close_works(threaded):
    client = LS(Endpoints.local(threaded.port))
    assert client.login(KEY, SECRET)
    client.close()
    assert client.login(KEY, SECRET)
    assert client.overseas_stock().market().g3101(tsla()).req().rsp_cd == "00000"
    client.close()


def test_a_blocking_call_from_a_callback_on_the_clients_loop_raises_instead_of_hanging(threaded):
    client = LS(Endpoints.local(threaded.port))
    assert client.login(KEY, SECRET)
    market = client.overseas_stock().market()
    outcome: dict = {}

    def callback(resp, status):
        market.g3101(tsla()).req()  # runs on the loop that req() would need

    def run() -> None:
        try:
            market.g3101(tsla()).occurs_req(callback)
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "req() inside a callback deadlocked"
    assert isinstance(outcome.get("error"), (RuntimeError, LSError))
    assert "req_async" in str(outcome["error"])
    client.close()
