"""Futures products by name: "ES" means the front month. The factory's futures list shows each
product's front contract once the instrument master is in, a contract that has expired rolls on
to the next front month, and "ES" typed in a watchlist or a symbol box is the front contract —
against the instrument master the embedded exchange serves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.trading.instruments import code_month, contract_month
from app.ui.book_common import SymbolEntry
from app.ui.default_layout import STARTER_LISTS
from tests.ui.test_watchlist import finish, make_panel, type_symbol


def fronts(master) -> dict[str, str]:
    """Each futures product's nearest contract, worked out here from the master's own rows."""
    best: dict[str, tuple[str, str]] = {}
    for i in master.all():
        if i.market == "futures" and i.tradable:
            key = (i.contract_month, i.code)
            if i.underlying not in best or key < best[i.underlying]:
                best[i.underlying] = key
    return {root: code for root, (_m, code) in best.items()}


def test_contract_months_from_the_master_fields_and_from_codes():
    assert contract_month("2026", "Z") == "202612" == contract_month("2026", "12")
    assert contract_month("2027", "3") == "202703" and contract_month("2027", "H") == "202703"
    assert contract_month("", "Z") == "" and contract_month("26", "Z") == "" and contract_month("2026", "13") == ""
    assert code_month("ESZ26", "ES") == "202612" and code_month("MNQH27", "MNQ") == "202703"
    assert code_month("ESZ26", "NQ") == "" and code_month("ES", "ES") == "" and code_month("ESZZ6", "ES") == ""


@pytest.mark.asyncio
async def test_the_futures_list_rolls_to_front_months_and_es_typed_is_the_front(live, qtbot):
    master = live.master
    want = fronts(master)
    assert all(master.get(c).contract_month for c in want.values())  # (o3101's LstngYr/LstngM read)
    roots = next(symbols for names, symbols in STARTER_LISTS if names["en"] == "Futures")
    assert set(roots) <= set(want)  # every product of the factory list trades on the exchange
    panel = await make_panel(live, qtbot)
    expired = want["ES"][:-3] + "U" + str(int(want["ES"][-2:]) - 1).zfill(2)  # a year-old September
    assert master.get(expired) is None
    panel.book.load_dict({"lists": [{"name": "Futures", "symbols": list(roots)},
                                     {"name": "Old", "symbols": [expired, "AAPL", want["ES"]]}]})
    panel._master_loaded(len(master))
    assert panel.book.lists[0].symbols == [want[r] for r in roots] == panel.model.symbols()
    assert panel.book.lists[1].symbols == [want["ES"], "AAPL"]  # rolled, and not listed twice
    assert panel.settings()["lists"][0]["symbols"][0] == want["ES"]  # what the workspace saves
    # typed: the product's name is its front month; a listed contract is itself
    panel.book.select(1)
    await type_symbol(panel, qtbot, "nq")
    assert panel.book.active.symbols[-1] == want["NQ"]
    await finish(live, panel)


@pytest.mark.asyncio
async def test_a_symbol_box_takes_a_product_as_its_front_month(live, qtbot):
    box = SymbolEntry(live.context)
    qtbot.addWidget(box)
    box.show()
    got: list[str] = []
    box.entered.connect(got.append)
    qtbot.keyClicks(box, "cl")
    box._completer.popup().hide()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    front = fronts(live.master)["CL"]
    assert got == [front] and box.text() == front
    box.clear()
    qtbot.keyClicks(box, "AAPL")
    box._completer.popup().hide()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert got[-1] == "AAPL"


@pytest.mark.asyncio
async def test_small_tick_prices_fit_their_columns(live, qtbot):
    """QA: 6J's change (-0.0000315, tick 0.0000005) read "-0.0000…" in the futures list: the price
    columns keep their stock-sized widths. They now grow to the digits the list's prices carry,
    after a list switch too (which sets the list's saved widths again)."""
    import asyncio

    from app.ui.watchlist_columns import INDEX
    from app.ui.watchlist_view import PRICE_COLUMNS
    from tests.ui.test_watchlist import pump

    master = live.master
    jy, es = master.front("6J").code, master.front("ES").code
    panel = await make_panel(live, qtbot)
    panel.book.load_dict({"lists": [{"name": "Stocks", "symbols": ["AAPL"]},
                                     {"name": "Futures", "symbols": [es, jy]}]})
    panel._load_list()  # (as a workspace's lists are shown)
    panel.lists.setCurrentIndex(1)  # as the trader picks it from the list selector
    head, fm = panel.view.horizontalHeader(), panel.view.fontMetrics()

    def cut() -> list[str]:
        """The price cells of 6J whose text does not fit its column (the delegate's 5 px margins)."""
        row = panel.model.row_for_paint(panel.model.index_of[jy])
        return [c for c in PRICE_COLUMNS if row.texts[INDEX[c]] and not head.isSectionHidden(INDEX[c])
                and fm.horizontalAdvance(row.texts[INDEX[c]]) + 10 > head.sectionSize(INDEX[c])]

    await pump(live, [jy], 5)
    await live.until(lambda: panel.model.row_for_paint(panel.model.index_of[jy]).texts[INDEX["change"]])
    await asyncio.sleep(0)  # the queued fit
    assert cut() == []
    panel.lists.setCurrentIndex(0)
    panel.lists.setCurrentIndex(1)
    await asyncio.sleep(0)
    assert cut() == []
    await finish(live, panel)
