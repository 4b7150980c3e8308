"""Key order of the realtime push bodies: LS's gateway writes them from a Java HashMap, so the
keys come in its bucket order, not the doc table's. The orders below are LS's own: the doc pages'
push examples (as LS published them; the repo's spec.json lists them in table order) and a live
OVC frame. The rule is implemented here on its own, apart from the exchange's app/sim/java_order.
"""

from __future__ import annotations

import json

import pytest

from tests.sim.spec_requests import spec
from tests.sim.test_fidelity import _frames

# key orders as LS sent them
LS_ORDERS = {
    # LS doc page WEBSOCKET[해외주식]_실시간_시세, GSC response example (SOXL, 2025-04-29)
    "GSC": "symbol lSeq high52p low52p amount kordate trdtm sign ovsdate diff totq high rate low price "
           "cgubun trdq open kortm",
    # a live OVC frame (HSIH24, 2024-03-07 13:47 HKT) printed by a third-party LS OpenAPI client's
    # example; it carries lSeq, which LS's OVC table does not list
    "OVC": "ovsmkend symbol lSeq chgrate kordate trdtm curpr ovsdate mdvolume ydiffpr totq high ydiffSign "
           "low msvolume cgubun trdq open kortm",
    # LS doc page WEBSOCKET[해외선물]_실시간_시세, WOC and WOH response examples (2ESU23_4400; the
    # values are garbled there, the keys are not; WOC's has no ovsmkend)
    "WOC": "symbol chgrate kordate trdtm curpr ovsdate mdvolume ydiffpr totq high ydiffSign low msvolume "
           "cgubun trdq open kortm",
    "WOH": "offerrem2 offerho4 bidho5 symbol offerho3 offerrem3 bidho4 bidno1 offerrem4 offerho5 offerrem5 "
           "offerno2 bidno3 offerno1 bidno2 offerno4 bidno5 offerrem1 offerno3 bidno4 offerno5 totoffercnt "
           "totbidcnt bidrem3 bidrem4 bidrem1 bidrem2 bidho1 hotime offerho2 bidho3 bidrem5 offerho1 bidho2 "
           "totofferrem totbidrem",
    # the same page's TC1 example (a part of the fields)
    "TC1": "lineseq s_b_ccd ordr_typ_prd_ccd is_cd ordr_dt orgn_ordr_no svc_id ordr_aplc_strt_dt brn_cd "
           "ordr_ccd mthr_ordr_no ac_no user ordr_no ordr_typ_cd key",
}


def java_hash_map_order(keys) -> list[str]:
    """Iteration order of a java.util.HashMap filled with ``keys`` in order (default capacity)."""
    keys = list(keys)
    table = 16
    while len(keys) > 0.75 * table:
        table <<= 1
    slots: list[list[str]] = [[] for _ in range(table)]
    for key in keys:
        h = 0
        for unit in key.encode("utf-16-be").hex(" ", 2).split():
            h = (h * 31 + int(unit, 16)) % 2**32
        slots[(h ^ (h >> 16)) % table].append(key)
    return [key for slot in slots for key in slot]


def table_fields(tr_cd: str) -> list[str]:
    return [f["name"] for f in spec()["websocket"]["trs"][tr_cd]["push_body_fields"]]


def test_ls_writes_push_bodies_in_java_hash_map_order():
    """Each order LS sent is the HashMap order of the TR's fields (plus lSeq in the live OVC
    frame), restricted to the keys shown; none is the doc table's order."""
    for tr_cd, text in LS_ORDERS.items():
        shown = text.split()
        fields = table_fields(tr_cd) + [k for k in shown if k not in table_fields(tr_cd)]
        assert set(shown) <= set(fields), tr_cd
        assert [k for k in java_hash_map_order(fields) if k in shown] == shown, tr_cd
        assert [k for k in fields if k in shown] != shown, tr_cd


@pytest.mark.asyncio
async def test_quote_pushes_come_in_ls_key_order(sim):
    """GSC, GSH, OVC, OVH, WOC and WOH bodies carry their keys in LS's (HashMap) order; the
    exchange wrote them in the doc table's order."""
    m = sim.ex.market
    fut = m.instruments("future")[0].symbol
    option = m.instruments("option")[0].symbol
    quotes = {"GSC": ("TSLA", "82TSLA".ljust(18)), "GSH": ("TSLA", "82TSLA".ljust(18)),
              "OVC": (fut, fut.ljust(8)), "OVH": (fut, fut.ljust(8)),
              "WOC": (option, option.ljust(16)), "WOH": (option, option.ljust(16))}
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        for tr_cd, (_, key) in quotes.items():
            await ws.send_str(json.dumps({"header": {"token": sim.token, "tr_type": "3"},
                                          "body": {"tr_cd": tr_cd, "tr_key": key}}))
        await _frames(ws, {("ack", tr, "3") for tr in quotes})
        for _ in range(30):
            for symbol in {s for s, _ in quotes.values()}:
                m.step(symbol)
        frames = await _frames(ws, set(quotes))
    # OVC carries lSeq as well, as LS's live frame does (a futures trade's sequence in its second)
    wrong = {tr: list(frames[tr]["body"]) for tr in quotes
             if list(frames[tr]["body"]) != java_hash_map_order(table_fields(tr) + (["lSeq"] if tr == "OVC" else []))}
    assert not wrong, wrong
    assert frames["OVC"]["body"]["lSeq"].isdigit() and "lSeq" not in frames["WOC"]["body"]
    shown = LS_ORDERS["OVC"].split()
    assert [k for k in frames["OVC"]["body"] if k in shown] == shown  # the live frame's order
