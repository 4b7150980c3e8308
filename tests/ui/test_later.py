"""Delayed calls (app/ui/later.py): one persistent timer per owner, and no per-call
`QTimer.singleShot(msec > 0, ...)` anywhere in the app (PySide6 6.12 makes a Python-wrapped timer
for each such call; one per order was where the soak's crash surfaced)."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app.ui import later

APP = Path(__file__).resolve().parents[2] / "app"


def delayed_single_shots(root: Path) -> list[str]:
    """`QTimer.singleShot(delay, ...)` calls whose delay is not the literal 0."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "singleShot" and node.args
                    and not (isinstance(node.args[0], ast.Constant) and node.args[0].value == 0)):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_the_app_makes_no_delayed_single_shot_timers():
    assert delayed_single_shots(APP) == []


def test_the_scan_finds_one(tmp_path):
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "m.py").write_text("QTimer.singleShot(0, f)\nQTimer.singleShot(30, self, lambda: None)\n"
                              "QTimer.singleShot(MS, g)\n")
    assert delayed_single_shots(pkg) == ["app/m.py:2", "app/m.py:3"]


async def settle(order: list, n: int, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while len(order) < n:
            await asyncio.sleep(0.01)


@pytest.mark.asyncio
async def test_timer_calls_once_when_due_and_a_sooner_call_stays(qtbot):
    """Judged by order against a reference timer, not by the clock (a loaded CI machine ran the
    60 ms call 375 ms late): Qt fires due timers in the order of their due times."""
    owner = QWidget()
    qtbot.addWidget(owner)
    order: list[str] = []
    t = later.Timer(owner, lambda: order.append("t"))
    ref = later.Timer(owner, lambda: order.append("ref"))
    t.due(60)
    t.due(400)  # later than planned: the sooner call stays
    ref.due(250)
    await settle(order, 2)
    assert order == ["t", "ref"]
    t.due(300)
    t.due(20)  # sooner: brought forward
    ref.due(150)
    await settle(order, 4)
    assert order == ["t", "ref", "t", "ref"]
    ref.due(450)  # past the 300 ms first planned: the timer fired once, not again
    await settle(order, 5)
    assert order == ["t", "ref", "t", "ref", "ref"] and not t.active()


@pytest.mark.asyncio
async def test_restart_postpones_and_cancel_stops(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    order: list[str] = []
    t = later.Timer(owner, lambda: order.append("t"))
    ref = later.Timer(owner, lambda: order.append("ref"))
    t.restart(50)
    t.restart(400)  # postponed past the first due time
    ref.restart(200)
    await settle(order, 2)
    assert order == ["ref", "t"]
    t.restart(20)
    t.cancel()
    ref.restart(100)  # well past the cancelled call's due time
    await settle(order, 3)
    assert order == ["ref", "t", "ref"] and not t.active()
