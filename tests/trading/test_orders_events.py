"""Pushes in any order, repeated, padded or not: the order book counts every fill once and never
moves an order backwards. The journal reloads the same orders and fills."""

from __future__ import annotations

from decimal import Decimal

from app.ls.models import AS0, AS1, AS2, AS3, AS4, TC1, TC2, TC3
from app.trading.journal import Journal
from app.trading.order_events import EventApplier
from app.trading.order_state import Fill, Order, OrderBook, canon
from app.trading.reconcile import ServerOrder


def applier() -> EventApplier:
    return EventApplier(OrderBook(), lambda: "20261130", lambda s: "futures" if s.startswith("ES") else "stock")


def stock(model, **kw):
    base = {"sShtnIsuNo": "AAPL", "sBnsTp": "2", "sOrdQty": "10", "sOrdPrc": "100.5", "sOrdprcPtnCode": "00"}
    return model.Body.model_validate({**base, **kw})


def test_order_numbers_compare_as_numbers():
    assert canon("0000000136") == canon(136) == canon("136") == "136"
    assert canon("0") == canon("") == canon(None) == ""


def test_fill_before_accept_and_repeated_pushes_count_once():
    ev = applier()
    fill = stock(AS1, sOrdxctPtnCode="11", sOrdPtnCode="02", sOrdNo="0000000007", sExecNO="31",
                 sExecQty="4", sExecPrc="100.5", sUnercQty="6")
    ev.stock_push(fill)
    ev.stock_push(fill)  # repeated
    accept = stock(AS0, sOrdxctPtnCode="01", sOrdPtnCode="02", sOrdNo="7")
    ev.stock_push(accept)  # late accept must not undo the partial fill
    o = ev.book.get("stock", 7)
    assert o.filled == 4 and o.state == "partially_filled" and len(ev.book.fills) == 1
    ev.stock_push(stock(AS1, sOrdxctPtnCode="11", sOrdPtnCode="02", sOrdNo="7", sExecNO="32",
                        sExecQty="6", sExecPrc="100.4", sUnercQty="0"))
    assert o.state == "filled" and o.avg_fill_price == Decimal("100.44")
    ev.stock_push(accept)
    assert o.state == "filled"


def test_push_adopts_the_local_draft_waiting_for_its_number():
    ev = applier()
    draft = ev.book.add(Order(ev.book.new_key(), "AAPL", "stock", "buy", 10, Decimal("100.5"), "limit"))
    ev.stock_push(stock(AS0, sOrdxctPtnCode="01", sOrdPtnCode="02", sOrdNo="9"))
    assert draft.id == "9" and draft.state == "accepted" and len(ev.book.orders()) == 1


def test_modify_cancel_and_reject_pushes():
    ev = applier()
    ev.stock_push(stock(AS0, sOrdxctPtnCode="01", sOrdPtnCode="02", sOrdNo="1"))
    ev.stock_push(stock(AS2, sOrdxctPtnCode="12", sOrdPtnCode="07", sOrdNo="2", sOrgOrdNo="1",
                        sMdfyCnfQty="10", sOrdPrc="101"))
    orig, new = ev.book.get("stock", 1), ev.book.get("stock", 2)
    assert orig.state == "replaced" and orig.replaced_by == "2" and new.state == "accepted"
    ev.stock_push(stock(AS3, sOrdxctPtnCode="13", sOrdPtnCode="08", sOrdNo="3", sOrgOrdNo="2",
                        sCancCnfQty="10", sOrgOrdCancQty="10"))
    assert new.state == "cancelled" and ev.book.get("stock", 3) is None
    ev.stock_push(stock(AS4, sOrdxctPtnCode="14", sOrdPtnCode="02", sOrdNo="4", sRjtRsn="price band"))
    assert ev.book.get("stock", 4).state == "rejected" and ev.book.get("stock", 4).reason == "price band"


def test_futures_padded_and_unpadded_numbers_are_one_order():
    ev = applier()
    base = {"is_cd": "ESZ26", "s_b_ccd": "2", "ordr_typ_cd": "2", "ordr_prc": "6000", "ordr_q": "2"}
    ev.futures_push("TC1", TC1.Body.model_validate({**base, "svc_id": "HO01", "ordr_no": "0000000005", "ordr_ccd": "1"}))
    ev.futures_push("TC2", TC2.Body.model_validate({**base, "svc_id": "HO02", "ordr_no": "5", "ordr_ccd": "1"}))
    fill = TC3.Body.model_validate({**base, "svc_id": "CH01", "ordr_no": "5", "ordr_ccd": "1", "ccls_q": "2",
                                    "ccls_prc": "6000", "ccls_no": "77"})
    ev.futures_push("TC3", fill)
    ev.futures_push("TC3", fill)
    assert len(ev.book.orders()) == 1 and ev.book.orders()[0].state == "filled"
    assert [f.qty for f in ev.book.fills] == [2]


def test_reconciled_stand_in_is_replaced_by_the_real_fill_not_added():
    ev = applier()
    ev.stock_push(stock(AS0, sOrdxctPtnCode="01", sOrdPtnCode="02", sOrdNo="1"))
    rec = ServerOrder("1", "AAPL", "stock", "buy", 10, Decimal("100.5"), "limit", 4, Decimal("100.5"), 6,
                      "new", "", "", "20261130")
    ev.server([rec], [])
    o = ev.book.get("stock", 1)
    assert o.filled == 4 and [f.exec_id for f in ev.book.fills] == ["R:1:4"]
    ev.server([rec], [])  # the same picture again: nothing new
    assert o.filled == 4 and len(ev.book.fills) == 1
    # the fill's own push arrives late: it replaces the stand-in
    ch = ev.stock_push(stock(AS1, sOrdxctPtnCode="11", sOrdPtnCode="02", sOrdNo="1", sExecNO="50",
                             sExecQty="4", sExecPrc="100.5", sUnercQty="6"))
    assert o.filled == 4 and [f.exec_id for f in ev.book.fills] == ["50"]
    assert ch.fills[0][1] == "R:1:4"


def modify_on_a_stale_remaining(ev: EventApplier) -> tuple[Order, Order]:
    """Order 1 for 5; its fill of 2 was never told; the terminal modified it for the 5 it thought
    were left (order 2), and the exchange cut the new order to the 3 really left."""
    ev.stock_push(stock(AS0, sOrdxctPtnCode="01", sOrdPtnCode="02", sOrdNo="1", sOrdQty="5"))
    new = ev.book.add(Order(ev.book.new_key(), "AAPL", "stock", "buy", 5, Decimal("100.4"), "limit",
                            origin="1"))
    ev.book.number(new, "2")
    new.acked = True
    return ev.book.get("stock", 1), new


def test_a_modify_cut_by_the_exchange_takes_its_quantity_from_the_fill_push():
    ev = applier()
    orig, new = modify_on_a_stale_remaining(ev)
    ev.stock_push(stock(AS1, sOrdxctPtnCode="11", sOrdPtnCode="07", sOrdNo="2", sOrgOrdNo="1",
                        sOrdQty="3", sOrdPrc="100.4", sExecNO="41", sExecQty="3", sExecPrc="100.4",
                        sUnercQty="0"))
    assert (new.qty, new.filled, new.state) == (3, 3, "filled")


def test_a_modify_cut_by_the_exchange_takes_its_quantity_from_the_reconciliation():
    """The new order's fill was told (by a push or an earlier reconciliation) while the quantity
    it was cut to never was: the server's list must still close it."""
    ev = applier()
    orig, new = modify_on_a_stale_remaining(ev)
    new.qty = 5
    ev.book.apply_fill(new, Fill("2", "AAPL", "buy", 3, Decimal("100.4"), "", "41"))
    assert new.working  # 3 of 5, as the terminal believes
    records = [
        ServerOrder("1", "AAPL", "stock", "buy", 5, Decimal("100.5"), "limit", 2, Decimal("100.5"), 0,
                    "new", "", "replaced", "20261130"),
        ServerOrder("2", "AAPL", "stock", "buy", 3, Decimal("100.4"), "limit", 3, Decimal("100.4"), 0,
                    "modify", "1", "", "20261130"),
    ]
    ev.server(records, [])
    assert (new.qty, new.filled, new.state) == (3, 3, "filled")
    assert (orig.filled, orig.state, orig.replaced_by) == (2, "replaced", "2")
    ev.server(records, [])  # the same picture again: nothing moves
    assert (new.qty, new.filled, new.state) == (3, 3, "filled") and len(ev.book.fills) == 2


def test_journal_reload(tmp_path):
    j = Journal(tmp_path / "j.sqlite")
    ev = applier()
    ev.stock_push(stock(AS0, sOrdxctPtnCode="01", sOrdPtnCode="02", sOrdNo="1"))
    rec = ServerOrder("1", "AAPL", "stock", "buy", 10, Decimal("100.5"), "limit", 4, Decimal("100.5"), 6,
                      "new", "", "", "20261130")
    ch = ev.server([rec], [])
    for f, rep in ch.fills:
        j.fill(f, "20261130", rep)
    ch2 = ev.stock_push(stock(AS1, sOrdxctPtnCode="11", sOrdPtnCode="02", sOrdNo="1", sExecNO="50",
                              sExecQty="4", sExecPrc="100.5", sUnercQty="6"))
    for f, rep in ch2.fills:
        j.fill(f, "20261130", rep)
    for o in ev.book.orders():
        j.order(o)
    j.close()
    orders, fills = Journal(tmp_path / "j.sqlite").load("20261130")
    assert [(o.id, o.filled, o.state) for o in orders] == [("1", 4, "partially_filled")]
    assert [(f.exec_id, f.qty) for f in fills] == [("50", 4)]
    assert Journal(tmp_path / "j.sqlite").db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
