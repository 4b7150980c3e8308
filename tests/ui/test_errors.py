"""Uncaught exceptions: a dialog with the traceback and a copy button; logged; the app keeps running."""

import logging
import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from app.trading.logfile import register_secret
from app.ui.errors import CrashReporter


class Emitter(QObject):
    ping = Signal()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_dialog(qtbot, caplog):
    reporter = CrashReporter()
    reporter.install()
    try:
        register_secret("SUPERSECRET-KEY-123")
        em = Emitter()

        def boom():
            raise ValueError("broken with SUPERSECRET-KEY-123")

        em.ping.connect(boom)
        with caplog.at_level(logging.ERROR):
            em.ping.emit()
        assert len(reporter.dialogs) == 1
        dlg = reporter.dialogs[0]
        qtbot.addWidget(dlg)
        text = dlg.details.toPlainText()
        assert "Traceback" in text and "ValueError" in text and "boom" in text
        assert "SUPERSECRET" not in text and "SUPERSECRET" not in dlg.summary.text()
        dlg.copy_btn.click()
        assert "ValueError" in QGuiApplication.clipboard().text()
        assert any("uncaught exception" in r.getMessage() for r in caplog.records)
        em.ping.disconnect(boom)
        em.ping.emit()  # still alive and working
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter.handle


def test_error_storm_is_capped(qtbot):
    reporter = CrashReporter()
    for i in range(10):
        try:
            raise RuntimeError(i)
        except RuntimeError as exc:
            reporter.handle(type(exc), exc, exc.__traceback__)
    assert len(reporter.dialogs) == 3
    for d in list(reporter.dialogs):
        qtbot.addWidget(d)


@pytest.mark.asyncio
async def test_exception_in_a_task_shows_dialog(qtbot):
    import asyncio

    from app.ui.tasks import spawn
    from tests.ui.conftest import wait_signal

    reporter = CrashReporter()
    reporter.install(asyncio.get_running_loop())
    try:
        async def boom():
            await asyncio.sleep(0)
            raise KeyError("lost in a task")

        spawn(boom(), "a background job")
        (dlg,) = await wait_signal(reporter.shown)
        qtbot.addWidget(dlg)
        assert "KeyError" in dlg.details.toPlainText() and "boom" in dlg.details.toPlainText()
        assert "a background job" in dlg.summary.text()
        spawn(asyncio.sleep(0), "still running")  # the loop carries on
        await asyncio.sleep(0.01)
    finally:
        reporter.uninstall()
        asyncio.get_running_loop().set_exception_handler(None)
