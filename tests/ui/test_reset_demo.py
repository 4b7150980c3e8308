"""Resetting the demo account: confirmed first, demo mode only, runs the injected reset."""

import asyncio

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.trading.session import Mode


def _open_box() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes, "no dialog open"
    return boxes[-1]


@pytest.mark.asyncio
async def test_reset_asks_then_runs_in_demo(make_shell):
    calls = []

    async def reset():
        calls.append(1)

    shell = make_shell(reset_demo=reset)
    shell.restore_workspace()
    assert (await shell.start(Mode.DEMO)).ok
    shell.context.actions.trigger("account.reset_demo")
    box = _open_box()
    assert calls == []  # nothing happens before the user agrees
    box.button(QMessageBox.StandardButton.Yes).click()
    for _ in range(50):
        if calls:
            break
        await asyncio.sleep(0.01)
    assert calls == [1]
    assert "reset" in shell.window.status.currentMessage()


@pytest.mark.asyncio
async def test_reset_is_refused_without_a_demo_session(make_shell):
    calls = []

    async def reset():
        calls.append(1)

    shell = make_shell(reset_demo=reset)
    shell.restore_workspace()
    shell.ask_reset_demo()
    box = _open_box()
    assert "Only the demo account" in box.text()
    box.close()
    assert calls == []
