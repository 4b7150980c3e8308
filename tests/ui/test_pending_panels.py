"""While the terminal starts, the chart (pyqtgraph: ~0.5 s to import, then its first drawing) opens as
a light stand-in that keeps its workspace state; the real chart takes its place, with that state,
once every watched symbol shows a price."""

from __future__ import annotations

import asyncio

import pytest

from app.ls import LS
from app.trading.session import Mode
from app.ui.panels import registry
from app.ui.panels.pending import PendingPanel


def test_stand_ins_describe_their_real_kind(qtbot):
    registry.load_builtin()
    for spec in registry.heavy_kinds():
        stand, real = registry.stand_in(spec.kind), registry.real(spec.kind)
        assert issubclass(stand, PendingPanel) and not issubclass(real, PendingPanel)
        for attr in ("kind", "title_en", "title_ko", "default_area", "uses_symbol"):
            assert getattr(stand, attr) == getattr(real, attr), attr
        assert real.__module__ == spec.module
        assert registry.get(spec.kind) is real  # once imported, menus and workspaces get the real one


def chart_dock(shell):
    (dock,) = [d for d in shell.window.docks.values() if d.panel.kind == "chart"]
    return dock


def saved_workspace(make_shell, qtbot):
    """A workspace whose chart is not at its factory settings."""
    shell = make_shell()
    shell.restore_workspace()
    shell.window.show()
    qtbot.waitExposed(shell.window)
    settle(shell, qtbot)
    chart = chart_dock(shell).panel
    chart.apply_settings({"timeframe": "15m", "style": "ohlc",
                          "indicators": [{"kind": "sma", "params": {"period": 7}}]})
    shell.context.links.set_group(chart, "blue")
    chart.set_symbol("MSFT")
    shell.workspaces.save("Mine")
    want = next(p for p in shell.window.capture()["panels"] if p["kind"] == "chart")
    shell.window.close()
    return want


def opened(make_shell, qtbot, defer: bool):
    shell = make_shell()
    shell.window.defer_heavy = defer
    assert shell.workspaces.open("Mine")
    shell.window.show()
    qtbot.waitExposed(shell.window)
    settle(shell, qtbot)  # the workspace's places and sizes are applied once the window is laid out
    return shell


def geometries(shell):
    return {i: d.geometry().getRect() for i, d in shell.window.docks.items()}


def settle(shell, qtbot, quiet_ms: int = 300, timeout_s: float = 10.0) -> None:
    """Wait until no dock has moved for `quiet_ms` (a loaded machine lays a window out late)."""
    import time

    deadline = time.monotonic() + timeout_s
    last = geometries(shell)
    while time.monotonic() < deadline:
        qtbot.wait(quiet_ms)
        now = geometries(shell)
        if now == last:
            return
        last = now


def test_a_deferred_chart_keeps_its_state_and_becomes_real_with_it(make_shell, qtbot):
    want = saved_workspace(make_shell, qtbot)
    plain = opened(make_shell, qtbot, defer=False)
    expected = geometries(plain)
    plain.window.close()
    shell = opened(make_shell, qtbot, defer=True)
    win = shell.window
    dock = chart_dock(shell)
    stand = dock.panel
    assert isinstance(stand, PendingPanel) and dock.widget() is stand
    assert "Loading Chart" in stand.label.text()
    # saved while deferred: the workspace loses nothing
    assert next(p for p in win.capture()["panels"] if p["kind"] == "chart") == want
    deferred = geometries(shell)
    win.realize_pending()
    chart = dock.panel
    assert not isinstance(chart, PendingPanel) and dock.widget() is chart and not win.defer_heavy
    assert (chart.timeframe, chart.style, chart.link_group, chart.symbol) == ("15m", "ohlc", "blue", "MSFT")
    assert chart in shell.context.links.panels("blue") and stand not in shell.context.links.panels()
    assert next(p for p in win.capture()["panels"] if p["kind"] == "chart") == want
    settle(shell, qtbot)
    assert geometries(shell) == deferred  # building the chart moves no dock
    assert geometries(shell) == expected  # every dock where it is without the deferral
    # a symbol chosen in its link group now reaches the real chart
    shell.context.links.publish("blue", "NVDA")
    assert chart.symbol == "NVDA"


def test_a_chart_the_trader_opens_is_real_at_once(make_shell):
    shell = make_shell()
    shell.window.defer_heavy = True
    shell.restore_workspace()
    assert isinstance(chart_dock(shell).panel, PendingPanel)
    dock = shell.window.open_panel("chart")
    assert not isinstance(dock.panel, PendingPanel)


def test_a_click_on_the_stand_in_builds_it_at_once(make_shell, qtbot):
    from PySide6.QtCore import Qt

    shell = make_shell()
    shell.window.defer_heavy = True
    shell.restore_workspace()
    shell.window.show()
    qtbot.waitExposed(shell.window)
    dock = chart_dock(shell)
    qtbot.mouseClick(dock.panel.label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isinstance(dock.panel, PendingPanel), timeout=5000)


@pytest.mark.asyncio
async def test_the_chart_is_built_once_every_watched_symbol_has_a_price(make_shell, tmp_path):
    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=3, db_path=tmp_path / "ex.sqlite", port=0)

    async def exchange():
        from app.ls.config import Endpoints

        return Endpoints(ex.rest_url, ex.ws_url, "local")

    shell = make_shell(start_exchange=exchange, client_factory=LS)
    shell.window.defer_heavy = True
    shell.restore_workspace()
    seen = []

    def realized():
        if not seen:
            hub = shell.context.market
            seen.append({s: hub.quote(s).last for s in hub.quotes})

    shell.window.docks_changed.connect(realized)
    try:
        assert (await shell.start(Mode.DEMO)).ok
        assert isinstance(chart_dock(shell).panel, PendingPanel)
        await shell.realize_pending_panels(wait_s=30)
        assert not isinstance(chart_dock(shell).panel, PendingPanel)
        assert seen and len(seen[0]) >= 10 and all(v is not None for v in seen[0].values()), seen
    finally:
        await shell.shutdown()
        await ex.stop()


@pytest.mark.asyncio
async def test_without_prices_the_chart_is_built_after_the_wait(make_shell):
    shell = make_shell()
    shell.window.defer_heavy = True
    shell.restore_workspace()
    started = asyncio.get_running_loop().time()
    await shell.realize_pending_panels(wait_s=0.2)
    assert asyncio.get_running_loop().time() - started >= 0.2
    assert not isinstance(chart_dock(shell).panel, PendingPanel)
