"""UI test setup: a qasync loop for async tests, throwaway config dirs, an in-memory keyring, fakes."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import keyring
import pytest
import qasync
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QApplication

from tests.ui.live import live, master_cache  # noqa: F401  (the live market fixtures for panel tests)


_loops: list[asyncio.AbstractEventLoop] = []  # the qasync loop of the running test, if any


class TestLoop(qasync.QEventLoop):
    """qasync's loop, running as itself for the whole of ``run_until_complete``.

    qasync's ``run_until_complete`` handles Qt's events once more after ``run_forever`` has
    returned, when asyncio no longer has a running loop. pytest-asyncio runs every async fixture
    and test through ``run_until_complete``, so whatever was scheduled as one of them ended (a
    task woken by a socket or an ``asyncio.Event``) ran in that pass outside its loop: the
    embedded exchange's websocket writer, waking there, died on ``Event.wait()`` ("bound to a
    different event loop") and that connection never sent another frame (the account pushes
    of a fill included: test_ticket's modify-then-fill waited 30 s, 1 run in 3 under load).
    The app runs one ``run_until_complete`` for its whole life and is not exposed."""

    __test__ = False  # not a test class
    _completing = 0

    def run_forever(self):
        try:
            return super().run_forever()
        finally:
            if self._completing:  # qasync cleared it; its last pass of events is still to come
                asyncio.events._set_running_loop(self)

    def run_until_complete(self, future):
        outer = asyncio.events._get_running_loop()
        self._completing += 1
        try:
            return super().run_until_complete(future)
        finally:
            self._completing -= 1
            asyncio.events._set_running_loop(outer)


def _new_loop() -> asyncio.AbstractEventLoop:
    loop = TestLoop(QApplication.instance() or QApplication([]))
    _loops[:] = [loop]
    return loop


def pytest_asyncio_loop_factories(config, item):
    """Async tests in tests/ui run on a qasync loop so Qt widgets and asyncio share it."""
    return {"qasync": _new_loop}


def _process_events_in_the_loop() -> None:
    """pytest-qt processes Qt events after each test and before its fixtures are torn down, with
    no asyncio loop running; with qasync that runs the test loop's callbacks there, and any of
    them that waits on an asyncio primitive (the exchange's socket writer, say) dies with "bound
    to a different event loop" (a live fixture then waited 3 s for an answer at teardown). Run
    those events as the test's loop: the callbacks see the loop they belong to."""
    app = QApplication.instance()
    if app is None:
        return
    loop = _loops[0] if _loops else None
    if loop is None or loop.is_closed() or asyncio.events._get_running_loop() is not None:
        app.processEvents()
        return
    asyncio.events._set_running_loop(loop)
    try:
        app.processEvents()
    finally:
        asyncio.events._set_running_loop(None)


def pytest_configure(config):
    import pytestqt.plugin

    pytestqt.plugin._process_events = _process_events_in_the_loop
    # Qt's offscreen screen is 800x800 unless told otherwise: smaller than the app's window, so
    # restoreGeometry() would squeeze it. A 1600x1000 screen, as under Xvfb for screenshots.
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        screen = Path(__file__).with_name("offscreen_screen.json")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


def pytest_collection_modifyitems(config, items):
    # pyqtgraph's discipline: a Qt warning during a UI test fails it.
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(
                r"This plugin does not support", r"propagateSizeHints"))


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True, scope="session")
def collect_on_the_main_thread(qapp):
    """As in the app (app/main.py): tests that run the embedded exchange on its own thread would
    otherwise let the collector free Qt objects there (a timer left dangling: a segfault later)."""
    from app.ui.gc_guard import MainThreadCollector

    collector = MainThreadCollector(parent=qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def isolated(qapp, tmp_path, monkeypatch):
    """Never touch the real user dirs, keyring or .env."""
    for name, sub in (("LSTERM_CONFIG_DIR", "config"), ("LSTERM_LOG_DIR", "log"),
                      ("LSTERM_DATA_DIR", "data"), ("LSTERM_CACHE_DIR", "cache")):
        monkeypatch.setenv(name, str(tmp_path / sub))
    for name in ("APPKEY", "APPSECRET", "APPKEY_FUTURE", "APPSECRET_FUTURE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)
    from app.ui import i18n

    if i18n._installed:  # a test that switched to Korean must not leave the next one reading Korean
        i18n.install(qapp, "en")


class FakeLimiter:
    def pressure(self) -> float:
        return 0.25


class FakeClient:
    """Stands in for app.ls.LS: accepts any key except those starting with 'bad'."""

    instances: list[FakeClient] = []

    def __init__(self, endpoints):
        self.endpoints = endpoints
        self.last_error = None
        self.closed = 0
        self.rate_limiter = FakeLimiter()
        self.logins: list[dict] = []
        FakeClient.instances.append(self)

    async def async_login(self, **keys):
        self.logins.append(keys)
        await asyncio.sleep(0)
        if keys["appkey"].startswith("bad"):
            self.last_error = "[IGW00105] 유효하지 않은 AppKey입니다."
            return False
        return True

    async def aclose(self):
        self.closed += 1


async def fake_exchange():
    from app.ls.config import Endpoints

    return Endpoints.local(1)


@pytest.fixture
def make_shell(qtbot, tmp_path):
    from app.ui.shell import Shell

    made = []

    def make(**kw):
        kw.setdefault("start_exchange", fake_exchange)
        kw.setdefault("client_factory", FakeClient)
        kw.setdefault("lang", "en")
        shell = Shell(Path(tmp_path / "config"), **kw)
        qtbot.addWidget(shell.window)
        made.append(shell)
        return shell

    yield make
    for shell in made:
        dispose(shell)


def dispose(shell) -> None:
    """Delete a test's shell and its window now. Lambdas connected to the signals of the objects a
    shell owns hold the shell, through Qt, where Python's collector cannot see: every shell a test
    made stayed, its window, menus and timers with it, and each test ran slower than the one before
    (a file of workspace tests: 1.5 s for its first test, 20 s for a late one; 1,650 top-level
    widgets). The app makes one shell for its whole run."""
    import shiboken6

    for obj in (shell.window, shell.context, shell):
        if shiboken6.isValid(obj):
            shiboken6.delete(obj)


@pytest.fixture
def shell(make_shell):
    s = make_shell()
    s.restore_workspace()
    return s


async def wait_signal(signal, timeout: float = 30.0):
    """Await a Qt signal (no nested event loop); returns its arguments. The timeout only catches a
    signal that never comes: a login the fakes answer in 50 ms here once waited over 5 s on a busy
    CI machine (late in a worker's run a full collection alone takes about a second)."""
    fut = asyncio.get_running_loop().create_future()

    def got(*args):
        if not fut.done():
            fut.set_result(args)

    signal.connect(got)
    try:
        return await asyncio.wait_for(fut, timeout)
    finally:
        signal.disconnect(got)
