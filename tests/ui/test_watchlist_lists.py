"""Watchlist lists on a live market: CSV export → import round trip, a malformed CSV (message,
list kept), new/rename/delete lists, and a workspace round trip of lists and columns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui import watchlist_menus
from app.ui.panels.watchlist import WatchlistPanel
from app.ui.watchlist_columns import DEFAULT_IDS, INDEX
from tests.ui.test_watchlist import finish, make_panel


@pytest.mark.asyncio
async def test_csv_round_trip_and_malformed_file(live, qtbot, tmp_path, qtmodeltester):
    panel = await make_panel(live, qtbot)
    es = next(i.code for i in live.master.all() if i.code.startswith("ES") and i.market == "futures")
    for s in ("AAPL", es, "MSFT"):
        assert panel.add_symbol(s)
    out = tmp_path / "tech.csv"
    assert panel.export_csv(out)
    assert out.read_text("utf-8").splitlines()[:2] == ["symbol,name", "AAPL,APPLE INC"]
    assert "Exported 3" in panel.message.text()
    panel.new_list("Imported")
    assert panel.model.rowCount() == 0 and panel.stack.currentWidget() is panel.empty
    assert panel.import_csv(out)
    assert panel.model.symbols() == ["AAPL", es, "MSFT"] == panel.book.active.symbols
    qtmodeltester.check(panel.model)
    # a malformed file: one clear message naming the line, and the list is untouched
    bad = tmp_path / "bad.csv"
    bad.write_text("symbol,name\nTSLA,Tesla\nNOSUCH1,??\nNVDA,Nvidia\n", "utf-8")
    assert not panel.import_csv(bad)
    assert "Line 3" in panel.message.text() and "NOSUCH1" in panel.message.text()
    assert panel.model.symbols() == ["AAPL", es, "MSFT"] == panel.book.active.symbols
    bad.write_bytes(b"\xff\xfe\x00garbage")
    assert not panel.import_csv(bad)
    assert panel.message.isVisible() and panel.model.rowCount() == 3
    assert not panel.import_csv(tmp_path / "missing.csv")
    assert "missing.csv" in panel.message.text()
    # the menu's file dialog is non-modal and hands the chosen file to the panel
    dlg = watchlist_menus.file_dialog(panel, save=True)
    assert dlg.isVisible() and dlg.windowModality() != Qt.WindowModality.ApplicationModal
    dlg.selectFile(str(tmp_path / "via-dialog.csv"))
    dlg.accept()
    assert (tmp_path / "via-dialog.csv").read_text("utf-8").startswith("symbol,name\nAAPL,")
    plain = tmp_path / "plain.txt"
    plain.write_text("nvda\n\nAAPL\n", "utf-8")  # one symbol a line, no header; AAPL already there
    assert panel.import_csv(plain)
    assert panel.model.symbols() == ["AAPL", es, "MSFT", "NVDA"]
    await finish(live, panel)


@pytest.mark.asyncio
async def test_lists_and_columns_survive_a_workspace_round_trip(live, qtbot):
    panel = await make_panel(live, qtbot)
    panel.add_symbol("AAPL")
    panel.add_symbol("TSLA")
    head = panel.view.horizontalHeader()
    # columns of the first list: hide Name, show Bid size, move % before Last, widen Last
    panel.set_column_visible("name", False)
    panel.set_column_visible("bid_size", True)
    head.moveSection(head.visualIndex(INDEX["pct"]), head.visualIndex(INDEX["last"]))
    head.resizeSection(INDEX["last"], 123)
    assert panel.new_list("Futures")
    es = next(i.code for i in live.master.all() if i.code.startswith("ES") and i.market == "futures")
    panel.add_symbol(es)
    assert not head.isSectionHidden(INDEX["name"])  # the new list has the default columns
    assert not panel.new_list("futures")  # names are unique, whatever the case
    assert "already exists" in panel.message.text()
    saved = panel.settings()
    first = saved["lists"][0]
    assert first["columns"][:4] == ["symbol", "pct", "last", "change"] and "name" not in first["columns"]
    assert "bid_size" in first["columns"] and first["widths"]["last"] == 123
    await finish(live, panel)

    again = WatchlistPanel(live.context)
    qtbot.addWidget(again)
    again.apply_settings(saved)
    assert again.book.names() == ["Watchlist 1", "Futures"] and again.lists.currentText() == "Futures"
    assert again.model.symbols() == [es]
    again.lists.setCurrentIndex(0)  # switching lists brings back that list's columns
    h2 = again.view.horizontalHeader()
    assert again.model.symbols() == ["AAPL", "TSLA"]
    assert h2.isSectionHidden(INDEX["name"]) and not h2.isSectionHidden(INDEX["bid_size"])
    assert h2.visualIndex(INDEX["pct"]) < h2.visualIndex(INDEX["last"])
    assert h2.sectionSize(INDEX["last"]) == 123
    assert again.settings()["lists"] == saved["lists"]
    # rename and delete; the last list cannot go
    assert again.rename_list("Tech")
    assert again.lists.itemText(0) == "Tech"
    assert again.delete_list()
    assert again.book.names() == ["Futures"] and again.model.symbols() == [es]
    assert not again.delete_list() and "last watchlist" in again.message.text()
    again.reset_columns()
    visible = [c for c in range(h2.count()) if not h2.isSectionHidden(c)]
    assert len(visible) == len(DEFAULT_IDS)
    again.shutdown()


@pytest.mark.asyncio
async def test_sort_order_is_saved_per_list(live, qtbot):
    panel = await make_panel(live, qtbot)
    for s in ("MSFT", "AAPL", "TSLA"):
        panel.add_symbol(s)
    head = panel.view.horizontalHeader()
    head.setSortIndicator(INDEX["symbol"], Qt.SortOrder.AscendingOrder)
    assert panel.model.symbols() == ["AAPL", "MSFT", "TSLA"]
    assert panel.book.active.symbols == ["MSFT", "AAPL", "TSLA"]  # the manual order is kept
    saved = panel.settings()
    assert saved["lists"][0]["sort"] == ["symbol", False]
    head.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # unsorted: back to the manual order
    assert panel.model.symbols() == ["MSFT", "AAPL", "TSLA"]
    panel.apply_settings(saved)
    assert panel.model.symbols() == ["AAPL", "MSFT", "TSLA"] and head.sortIndicatorSection() == INDEX["symbol"]
    await finish(live, panel)


@pytest.mark.asyncio
async def test_a_wide_panel_gives_its_extra_width_to_the_name_column(live, qtbot):
    """QA: a wide watchlist kept Name at 120 px ("Alphabet Inc Cl…") with blank space to the
    right. The name column takes what the other columns leave; narrowed, it goes back to its own
    width (never squeezed below it), and the list saves its own width, not the room it filled."""
    panel = await make_panel(live, qtbot)
    for sym in ("AAPL", "GOOGL"):
        panel.add_symbol(sym)
    view, head = panel.view, panel.view.horizontalHeader()
    name = INDEX["name"]
    own = head.sectionSize(name)

    def right_edge() -> int:
        last = max((c for c in range(head.count()) if not head.isSectionHidden(c)), key=head.sectionViewportPosition)
        return head.sectionViewportPosition(last) + head.sectionSize(last)

    panel.resize(1500, 400)
    await live.until(lambda: view.viewport().width() > 1300 and right_edge() == view.viewport().width())
    assert head.sectionSize(name) > own + 300
    assert panel.settings()["lists"][0]["widths"].get("name", own) == own
    # another column dragged wider: the name gives the room back
    wide = head.sectionSize(name)
    head.resizeSection(INDEX["last"], head.sectionSize(INDEX["last"]) + 40)
    assert head.sectionSize(name) == wide - 40 and right_edge() == view.viewport().width()
    # hidden and shown again from the column menu: no gap where it was, and its own width kept
    panel.set_column_visible("name", False)
    assert head.sectionViewportPosition(INDEX["last"]) == head.sectionViewportPosition(INDEX["symbol"]) + \
        head.sectionSize(INDEX["symbol"])
    panel.set_column_visible("name", True)
    assert head.sectionSize(name) == wide - 40 and right_edge() == view.viewport().width()
    assert panel.settings()["lists"][0]["widths"]["name"] == own
    # narrow: the name keeps its own width and the table scrolls
    panel.resize(640, 400)  # (the default columns need 956 px)
    await live.until(lambda: panel.width() == 640 and view.viewport().width() <= 640)
    assert head.sectionSize(name) == own and right_edge() > view.viewport().width()
    await finish(live, panel)
