"""Order book and time & sales when the exchange drops the realtime sockets: greyed with a note, then live again."""

from __future__ import annotations

import asyncio

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer

from app.ui.book_model import COL
from app.ui.panels.orderbook import OrderBookPanel
from app.ui.panels.time_sales import TimeSalesPanel
from tests.ui.test_orderbook import stop_market


async def book_and_tape(live, qtbot) -> tuple[OrderBookPanel, TimeSalesPanel]:
    """An order book and a tape on AAPL, shown and filled."""
    book, tape = OrderBookPanel(live.context), TimeSalesPanel(live.context)
    for p in (book, tape):
        qtbot.addWidget(p)
        p.resize(460, 560)
        p.show()
        p.set_symbol("AAPL")
    await live.until(lambda: book.state == "book" and tape.state == "tape")
    return book, tape


@pytest.mark.asyncio
async def test_dropped_sockets_grey_both_panels_until_they_recover(live, qtbot):
    book, tape = await book_and_tape(live, qtbot)
    assert not book.banner.isVisible() and not tape.banner.isVisible()
    assert not book.model.stale and not tape.model.stale

    # Hold the client's reconnect (its backoff sleep) so the disconnected state can be looked at.
    session = live.hub._real("stock").session
    gate = asyncio.Event()
    backoff = session._sleep

    async def held(_delay: float) -> None:
        await gate.wait()

    session._sleep = held
    try:
        live.exchange.faults.drop_websockets()
        await live.until(lambda: book.banner.isVisible() and tape.banner.isVisible())
        assert "Disconnected" in book.banner.text() and "Disconnected" in tape.banner.text()
        assert book.model.stale and tape.model.stale
        price = book.model.index(9, COL["price"])
        assert price.data() != ""  # values are kept, only greyed
        assert price.data(Qt.ItemDataRole.ForegroundRole) == book.colors.stale
        assert tape.model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) == tape.colors.stale
        assert book.last_lbl.text() and book.last_lbl.property("fg") == book.colors.stale.name()
    finally:
        session._sleep = backoff
        gate.set()
    await live.until(lambda: live.hub.link_state("AAPL") == "connected")
    await live.until(lambda: not book.banner.isVisible() and not tape.banner.isVisible()
                     and not book.model.stale and not tape.model.stale)
    assert book.model.index(9, COL["price"]).data(Qt.ItemDataRole.ForegroundRole) != book.colors.stale
    # and live again: the book moves with the exchange after the reconnect
    version = live.hub.depth("AAPL").version
    await live.until(lambda: live.hub.depth("AAPL").version > version)
    book.shutdown()
    tape.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop


@pytest.mark.asyncio
async def test_a_book_that_never_arrives_says_so_and_shows_the_first_push(live, qtbot):
    await stop_market(live)  # no pushes ...
    live.exchange.faults.rest_fail_rate = 1.0  # ... and no snapshot
    book = OrderBookPanel(live.context)
    qtbot.addWidget(book)
    book.resize(460, 560)
    book.show()
    book.no_data_after = 0.3
    book.set_symbol("MSFT")
    assert book.state == "loading" and "Loading the order book of MSFT" in book.message.text()
    await live.until(lambda: book.state == "nodata")
    assert "No order book data for MSFT" in book.message.text()
    assert book.stack.currentWidget() is book.message
    live.exchange.faults.rest_fail_rate = 0.0
    for _ in range(5):
        live.exchange.market.step("MSFT")  # the first push, whenever it comes
    await live.until(lambda: book.state == "book")
    assert book.stack.currentWidget() is book.view and book.model.index(9, COL["price"]).data()
    book.set_symbol("AAPL")  # another symbol waits afresh
    assert book.state == "loading"
    book.shutdown()


@pytest.mark.asyncio
async def test_a_panel_destroyed_right_after_a_tick_gets_no_late_update(live, qtbot):
    """The book and the tape update just after the frame tick: a panel gone by then is skipped
    (pytest-qt fails the test on an exception raised in a Qt callback)."""
    book, tape = OrderBookPanel(live.context), TimeSalesPanel(live.context)
    for p in (book, tape):
        p.set_symbol("AAPL")
        p.watcher.close()  # no leak from the panels destroyed below without their shutdown
    live.context.frame_tick.emit()
    shiboken6.delete(book)
    shiboken6.delete(tape)
    done = asyncio.get_running_loop().create_future()
    QTimer.singleShot(0, lambda: done.set_result(True))  # after the panels' zero timers
    assert await done


@pytest.mark.asyncio
async def test_book_and_tape_update_in_passes_of_their_own_after_the_tick(live, qtbot):
    """Qt delivers what the frame tick posted (the chart's scene update, the window's repaint …)
    in one go: the book and the tape update later, after the timers due by then (the socket
    reads, asyncio's callbacks), and each in a pass of its own with the next pass (its repaint)
    between them, so the loop is never held for all of them at once."""
    book, tape = await book_and_tape(live, qtbot)
    order: list[str] = []
    loop = asyncio.get_running_loop()
    for name, p in (("book", book), ("tape", tape)):
        def updated(p=p, name=name, original=p._on_frame) -> None:
            order.append(name)
            original()
            QTimer.singleShot(0, lambda: order.append(f"posted by the {name}"))
        p._on_frame = updated

    def on_tick() -> None:
        QTimer.singleShot(0, lambda: order.append("posted in the tick"))
        loop.call_soon(order.append, "timer")

    live.context.frame_tick.connect(on_tick)
    live.context.frame_tick.emit()
    live.context.frame_tick.disconnect(on_tick)
    await live.until(lambda: "book" in order and "tape" in order)
    assert order.index("posted in the tick") < order.index("timer") < order.index("book")
    assert order.index("timer") < order.index("tape")
    first, second = sorted(("book", "tape"), key=order.index)
    assert order.index(f"posted by the {first}") < order.index(second)  # a pass between them
    for p in (book, tape):
        p.shutdown()
    await stop_market(live)
