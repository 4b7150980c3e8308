"""Exchange fidelity beyond the shape (test_conformance): the *values* of every REST TR, the error
answers and rate limit of every TR, and the realtime frames, against what the LS docs show.

The facts come from the spec the repo carries (app/ls/data/spec.json: the doc tables and the
doc examples), read here independently of the exchange's own use of it:

* no String value longer than its field (in EUC-KR bytes, as LS counts);
* fixed-width text: a String field whose every doc-example value has exactly the field's length
  (dates "20230609", times "141640", codes "01", cursors "0000000000000011") is sent with that
  width (blank only where the doc example is blank too);
* fixed decimals: account and order TRs write a decimal field with exactly the decimals of its
  length, zeros included ("0.00" for 19.2, "15.000000" for 28.6, "122.00000000000" for 30.11):
  217 of the 219 such values in the doc examples do, the other two show a wrong doc length
  (market TRs use an instrument's own decimals);
* programgarden-finance's literal value sets for response fields (spec ``library.allowed``).

Answers are read from an account that holds a stock and a futures position, has working
orders of both kinds and a reservation, so the list blocks of the account TRs have rows.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
import re

import aiohttp
import pytest
import pytest_asyncio

from app.ls.models.catalog import REST
from tests.sim.spec_requests import (
    NEEDS_STATE, _resting_price, live_symbol, request_body, rest_trs, spec, state_setup,
)

ALL_TRS = sorted(REST)
KST = dt.timezone(dt.timedelta(hours=9))
DECIMAL = re.compile(r"-?\d+\.(\d+)")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
DATE_FIELDS = {"OrdDt", "QryDt", "TrdDt", "BaseDt", "QrySrtDt", "SrtDt"}
END_DATE_FIELDS = {"QryEndDt", "EndDt"}
# list blocks that must have rows on the prepared account (a format check of no rows checks nothing)
MUST_HAVE_ROWS = {
    "CIDBQ01500": "CIDBQ01500OutBlock2", "CIDBQ01800": "CIDBQ01800OutBlock2",
    "CIDBQ02400": "CIDBQ02400OutBlock2", "CIDEQ00800": "CIDEQ00800OutBlock2",
    "COSAQ00102": "COSAQ00102OutBlock3", "COSOQ00201": "COSOQ00201OutBlock4",
    "COSAQ01400": "COSAQ01400OutBlock2", "g3190": "g3190OutBlock1", "o3127": "o3127OutBlock",
}


# ---- facts from the spec ----

def _examples(block_value) -> list[dict]:
    return [r for r in (block_value if isinstance(block_value, list) else [block_value]) if isinstance(r, dict)]


def doc_fields(tr_cd: str):
    """(block, field, the doc example's rows of that block) for every out field of a TR; no rows
    when the example is the spec author's construction rather than LS's."""
    tr = rest_trs()[tr_cd]
    example = tr["example_response"]
    body = {} if example.get("constructed") else example.get("body") or {}
    for b in tr["out_blocks"]:
        rows = _examples(body.get(b["name"]))
        for f in b["fields"]:
            yield b, f, rows


def fixed_width(tr_cd: str) -> dict[tuple[str, str], tuple[int, bool]]:
    """{(block, field): (width, may be blank)} of String fields the doc example fills to their length."""
    out = {}
    for b, f, rows in doc_fields(tr_cd):
        if f["type"] != "String" or not f["length"].isdigit() or int(f["length"]) < 2:
            continue
        values = [r.get(f["name"]) for r in rows if isinstance(r.get(f["name"]), str)]
        filled = [v for v in values if v]
        if filled and all(len(v) == int(f["length"]) for v in filled):
            out[(b["name"], f["name"])] = (int(f["length"]), len(filled) < len(values))
    return out


def fixed_decimals(tr_cd: str) -> dict[tuple[str, str], int]:
    """{(block, field): decimals} of an account/order TR's decimal fields sent as strings."""
    if rest_trs()[tr_cd]["category"] not in ("account", "order"):
        return {}
    out = {}
    for b, f, rows in doc_fields(tr_cd):
        whole, dot, frac = f["length"].partition(".")
        if not dot or f.get("wire_type_in_doc_example") == "number":
            continue
        shown = {len(m.group(1)) for r in rows
                 if isinstance(r.get(f["name"]), str) and (m := DECIMAL.fullmatch(r[f["name"]]))}
        # one doc length is wrong: MgnclRat "27.1" arrives with 10 decimals; the example wins
        out[(b["name"], f["name"])] = shown.pop() if len(shown) == 1 else int(frac)
    return out


def allowed_values(tr_cd: str) -> dict[tuple[str, str], list]:
    tr = rest_trs()[tr_cd]
    return {(b["name"], f["name"]): f["library"]["allowed"] for b in tr["out_blocks"] for f in b["fields"]
            if (f.get("library") or {}).get("allowed")}


def divergences(tr_cd: str, answer: dict) -> list[tuple]:
    """Every (TR, block, field, expected, sent) where the answer breaks a fact above."""
    found = []
    widths, decimals, allowed = fixed_width(tr_cd), fixed_decimals(tr_cd), allowed_values(tr_cd)
    for b in rest_trs()[tr_cd]["out_blocks"]:
        if b["kind"] == "root":
            continue
        for row in _examples(answer.get(b["name"])):
            for f in b["fields"]:
                key, value = (b["name"], f["name"]), row.get(f["name"])
                limit = f["length"]
                if f["type"] == "String" and limit.isdigit() and isinstance(value, str) \
                        and len(value.encode("cp949", "replace")) > int(limit):  # LS counts bytes (EUC-KR)
                    found.append((tr_cd, *key, f"at most {limit} bytes", value))
                if key in widths:
                    width, blank_ok = widths[key]
                    # an order not (yet) filled has no execution date, number or time
                    blank_ok = blank_ok or "Exec" in f["name"] and row.get("ExecQty") == 0
                    if not (isinstance(value, str) and (len(value) == width or blank_ok and value == "")):
                        found.append((tr_cd, *key, f"{width} characters", value))
                if key in decimals and isinstance(value, str) and NUMBER.fullmatch(value):
                    m = DECIMAL.fullmatch(value)
                    if (len(m.group(1)) if m else 0) != decimals[key]:
                        found.append((tr_cd, *key, f"{decimals[key]} decimals", value))
                if key in allowed and value not in allowed[key]:
                    found.append((tr_cd, *key, f"one of {allowed[key]}", value))
    return found


# ---- an account with positions, working orders and a reservation ----

def _korea_day(ex, days: int = 0) -> str:
    return (ex.clock.now().astimezone(KST) + dt.timedelta(days=days)).strftime("%Y%m%d")


async def _wait_filled(sim, tr_cd: str, body: dict, block: str, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        status, _, answer = await sim.call(tr_cd, body)
        if status == 200 and answer.get(block):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{tr_cd}: no {block} rows after {timeout} s")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def account(sim_shared):
    sim = sim_shared
    ex, m = sim.ex, sim.ex.market
    fut = live_symbol(m, "ADM23")  # the contract the futures doc examples ask about
    today = _korea_day(ex)
    stock_order = {"RecCnt": 1, "OrdPtnCode": "02", "OrdMktCode": "82", "IsuNo": "TSLA", "OrdQty": 2,
                   "OvrsOrdPrc": float(m.book("TSLA").asks[-1][0]), "OrdprcPtnCode": "00", "BrkTpCode": ""}
    fut_order = {"RecCnt": 1, "OrdDt": today, "IsuCodeVal": fut, "FutsOrdTpCode": "1", "BnsTpCode": "2",
                 "AbrdFutsOrdPtnCode": "2", "OvrsDrvtOrdPrc": float(m.book(fut).asks[-1][0]), "CndiOrdPrc": 0,
                 "OrdQty": 1}
    orders = [
        ("COSAT00301", {"COSAT00301InBlock1": stock_order}),  # filled: a holding
        ("COSAT00301", {"COSAT00301InBlock1": {**stock_order, "OrdQty": 1,
                                               "OvrsOrdPrc": _resting_price(m, "TSLA", below=True)}}),
        ("CIDBT00100", {"CIDBT00100InBlock1": fut_order}),  # filled: a position
        ("CIDBT00100", {"CIDBT00100InBlock1": {**fut_order, "BnsTpCode": "1",
                                               "OvrsDrvtOrdPrc": _resting_price(m, fut, below=False)}}),
        ("COSAT00400", {"COSAT00400InBlock1": {
            "RecCnt": 1, "TrxTpCode": "1", "CntryCode": "US", "RsvOrdInptDt": today, "BnsTpCode": "2",
            "AcntNo": "", "Pwd": "", "FcurrMktCode": "82", "IsuNo": "AAPL", "OrdQty": 1,
            "OvrsOrdPrc": _resting_price(m, "AAPL", below=True), "OrdprcPtnCode": "00",
            "RsvOrdSrtDt": _korea_day(ex, 1), "RsvOrdEndDt": _korea_day(ex, 5), "RsvOrdCndiCode": "0",
            "MgntrnCode": "000", "LoanDt": "", "LoanDtlClssCode": ""}}),
    ]
    for tr_cd, body in orders:
        status, _, answer = await sim.call(tr_cd, body)
        assert status == 200, (tr_cd, answer)
    await _wait_filled(sim, "COSOQ00201", {"COSOQ00201InBlock1": {
        "RecCnt": 1, "BaseDt": today, "CrcyCode": "ALL", "AstkBalTpCode": "00"}}, "COSOQ00201OutBlock4")
    await _wait_filled(sim, "CIDBQ01500", {"CIDBQ01500InBlock1": {
        "RecCnt": 1, "AcntTpCode": "1", "QryDt": today, "BalTpCode": "1", "FcmAcntNo": ""}}, "CIDBQ01500OutBlock2")
    return sim


def account_body(sim, tr_cd: str) -> dict:
    """The doc example's body (as programgarden sends it) asking about today and live symbols."""
    body = request_body(tr_cd, sim.ex.market, library=True)
    if rest_trs()[tr_cd]["category"] != "account":
        return body
    for block in body.values():
        for row in _examples(block):
            for k in row:
                if k in DATE_FIELDS:
                    row[k] = _korea_day(sim.ex)
                elif k in END_DATE_FIELDS:
                    row[k] = _korea_day(sim.ex, 30)
            if tr_cd == "COSAQ00102":
                row["IsuNo"] = ""  # every symbol
    return body


async def doc_call(sim, tr_cd: str):
    """(headers, answer) of the TR asked with its doc example's body (after the order or
    reservation the example names is placed), checked to be a success."""
    body = account_body(sim, tr_cd)
    if tr_cd in NEEDS_STATE:
        setup_tr, setup_body, apply = state_setup(tr_cd, body, sim.ex.market)
        status, _, answer = await sim.call(setup_tr, setup_body)
        assert status == 200, answer
        body = apply(answer)
    status, headers, answer = await sim.call(tr_cd, body)
    assert status == 200, answer
    return headers, answer


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("tr_cd", ALL_TRS)
async def test_values_have_the_doc_format(account, tr_cd):
    headers, answer = await doc_call(account, tr_cd)
    assert len(headers["tr_cont_key"]) <= 18  # the docs' length of the header
    if tr_cd in MUST_HAVE_ROWS:
        assert answer[MUST_HAVE_ROWS[tr_cd]], f"{tr_cd}: no rows to check"
    found = divergences(tr_cd, answer)
    assert not found, "\n".join(map(repr, found))


def test_the_facts_are_found_in_the_spec():
    """The checks above are not vacuous: the spec yields the facts they rest on."""
    assert fixed_width("g3190")[("g3190OutBlock1", "indusury")] == (4, False)
    assert fixed_width("g3190")[("g3190OutBlock", "cts_value")] == (16, False)
    assert fixed_width("COSOQ02701")[("COSOQ02701OutBlock5", "NrfCode")] == (2, False)
    assert fixed_decimals("CIDBT00100")[("CIDBT00100OutBlock1", "OvrsDrvtOrdPrc")] == 11
    assert fixed_decimals("CIDBQ05300")[("CIDBQ05300OutBlock3", "MgnclRat")] == 10
    assert fixed_decimals("g3101") == {}
    assert sum(len(fixed_decimals(tr)) for tr in ALL_TRS) > 150
    assert sum(len(fixed_width(tr)) for tr in ALL_TRS) > 150
    assert allowed_values("g3101")[("g3101OutBlock", "delaygb")] == ["R"]


# ---- error answers and rate limits, TR by TR ----

def _required_field(tr_cd: str) -> tuple[str, str] | None:
    """(in-block, field) the docs and programgarden both require, if the TR has one."""
    for b in rest_trs()[tr_cd]["in_blocks"]:
        for f in b["fields"]:
            if f.get("required") and (f.get("library") or {}).get("required"):
                return b["name"], f["name"]
    return None


def _is_error(answer, code: str, tr_cd: str) -> None:
    status, hdrs, body = answer
    assert status == 500, (code, status, body)
    assert set(body) == {"rsp_cd", "rsp_msg"} and all(isinstance(v, str) and v for v in body.values()), body
    assert body["rsp_cd"] == code, (code, body)
    assert hdrs["Content-Type"] == "application/json; charset=utf-8"
    assert (hdrs.get("tr_cd"), hdrs.get("tr_cont"), hdrs.get("tr_cont_key")) == (tr_cd, "N", ""), dict(hdrs)


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("tr_cd", ALL_TRS)
async def test_error_answers(sim_shared, tr_cd):
    """LS's gateway codes, HTTP 500 and the TR's headers: a bad token (IGW00121), an unknown TR
    code (IGW00105, not echoed), the TR on another TR's path (IGW00106), a body that is no JSON
    (IGW40010), no in-block, a missing required field and a mistyped one (IGW40011, naming it)."""
    sim = sim_shared
    body = request_body(tr_cd, sim.ex.market, library=True)
    _is_error(await sim.call(tr_cd, body, token="not-a-token"), "IGW00121", tr_cd)
    _is_error(await sim.call("zz999", body, path=REST[tr_cd].path), "IGW00105", "")
    other = next(p for p in sorted({i.path for i in REST.values()}) if p != REST[tr_cd].path)
    _is_error(await sim.call(tr_cd, body, path=other), "IGW00106", tr_cd)
    _is_error(await sim.call(tr_cd, None, raw=b'{"' + tr_cd.encode() + b'InBlock": {'), "IGW40010", tr_cd)
    _is_error(await sim.call(tr_cd, {}), "IGW40011", tr_cd)
    required = _required_field(tr_cd)
    if required is None:
        return
    block, name = required
    for value in (None, {"x": 1}):  # left out, then a JSON object where LS wants a value
        broken = copy.deepcopy(body)
        for row in _examples(broken[block]):
            if value is None:
                row.pop(name, None)
            else:
                row[name] = value
        answer = await sim.call(tr_cd, broken)
        _is_error(answer, "IGW40011", tr_cd)
        assert f"({name})" in answer[2]["rsp_msg"], answer[2]


@pytest.mark.asyncio(loop_scope="module")
async def test_every_tr_has_its_own_rate_limit(sim_shared, monkeypatch):
    """n calls of a TR in its window pass, the (n+1)th gets IGW00201; a window later it passes
    again. Limits are the ones programgarden-finance paces itself by (LS publishes none)."""
    sim = sim_shared
    limits = {  # README of the LS reference, section 5 (calls, seconds)
        **dict.fromkeys(["g3101", "g3102", "g3104", "g3106", "g3190", "g3202", "g3203"], (3, 1)),
        "g3103": (1, 2), "g3204": (1, 3), "COSAQ00102": (1, 2), "COSOQ00201": (1, 2), "COSOQ02701": (1, 2),
        "COSAT00301": (10, 1), "COSAT00311": (10, 1), "o3139": (10, 1),
        **dict.fromkeys(["o3105", "o3125", "o3126"], (2, 1)),
        **dict.fromkeys(["CIDBT00100", "CIDBT00900", "CIDBT01000"], (5, 1)),
    }
    now = sim.ex.clock.monotonic()
    monkeypatch.setattr(sim.ex.clock, "monotonic", lambda: now)  # every call arrives at one instant
    token = await sim.issue()  # a budget of its own: the other tests' calls do not count
    sim.ex.limiter.enabled = True
    try:
        for tr_cd in ALL_TRS:
            calls, seconds = limits.get(tr_cd, (1, 1))
            answers = [await sim.call(tr_cd, {}, token=token) for _ in range(calls + 1)]
            codes = [a[2]["rsp_cd"] for a in answers]
            assert codes == ["IGW40011"] * calls + ["IGW00201"], (tr_cd, codes)
            _is_error(answers[-1], "IGW00201", tr_cd)
            assert answers[-1][2]["rsp_msg"] == "호출 거래건수를 초과하였습니다."
        now += 3.0  # the longest window
        for tr_cd in ALL_TRS:
            assert (await sim.call(tr_cd, {}, token=token))[2]["rsp_cd"] == "IGW40011", tr_cd
    finally:
        sim.ex.limiter.enabled = False


# ---- realtime frames ----

ACCOUNT_TRS = ("AS1", "TC1")  # the registrations programgarden sends: one per product


def _push_facts(tr_cd: str) -> tuple[dict[str, int], dict[str, int]]:
    """({field: width}, {field: decimals}) of a push, from its doc example's own values (not
    the ones the spec's author filled in) and, for the futures account pushes, the lengths."""
    tr = spec()["websocket"]["trs"][tr_cd]
    example = tr["example_push"]
    source = example.get("source", "")
    filled = set(source.split("were filled:", 1)[1].replace(" ", "").split(",")) if "were filled:" in source else set()
    body = example["message"]["body"] if example.get("constructed") in (False, "partial") else {}
    widths, decimals = {}, {}
    for f in tr["push_body_fields"]:
        value = body.get(f["name"])
        if f["name"] not in filled and f["length"].isdigit() and int(f["length"]) > 1 \
                and isinstance(value, str) and value and len(value) == int(f["length"]):
            widths[f["name"]] = int(f["length"])
        whole, dot, frac = f["length"].partition(".")
        if dot and tr_cd.startswith("TC"):
            decimals[f["name"]] = int(frac)
    return widths, decimals


async def _frames(ws, want: set[str], timeout: float = 10.0) -> dict[str, dict]:
    got: dict[str, dict] = {}
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not want <= set(got) and loop.time() < end:
        try:
            msg = await ws.receive(timeout=0.5)
        except asyncio.TimeoutError:
            continue
        assert msg.type == aiohttp.WSMsgType.TEXT, msg
        frame = json.loads(msg.data)
        key = frame["header"].get("tr_cd")
        if frame.get("body") is None:
            key = ("ack", key, frame["header"].get("tr_type"))
        got.setdefault(key, frame)
    return got


@pytest.mark.asyncio
async def test_realtime_frames_have_the_doc_format(sim):
    """Acks are {"header": {tr_cd, tr_key, tr_type, rsp_cd, rsp_msg}, "body": null}; pushes carry
    the doc's fixed-width values (dates, times, codes) and the futures account pushes their
    prices and amounts with the length's decimals ("122.00000000000")."""
    ex, m = sim.ex, sim.ex.market
    fut = m.instruments("future")[0].symbol
    quotes = {"GSC": "82TSLA".ljust(18), "GSH": "82TSLA".ljust(18), "OVC": fut.ljust(8), "OVH": fut.ljust(8)}
    async with sim.session.ws_connect(ex.ws_url) as ws:
        for tr_cd, key in quotes.items():
            await ws.send_str(json.dumps({"header": {"token": sim.token, "tr_type": "3"},
                                          "body": {"tr_cd": tr_cd, "tr_key": key}}))
        for account in ACCOUNT_TRS:
            await ws.send_str(json.dumps({"header": {"token": sim.token, "tr_type": "1"},
                                          "body": {"tr_cd": account, "tr_key": ""}}))
        acks = await _frames(ws, {("ack", tr, "3") for tr in quotes} | {("ack", tr, "1") for tr in ACCOUNT_TRS})
        for tr_cd, key in [*quotes.items(), *((tr, "") for tr in ACCOUNT_TRS)]:
            tr_type = "1" if tr_cd in ACCOUNT_TRS else "3"
            ack = acks[("ack", tr_cd, tr_type)]
            assert ack["body"] is None and ack["header"] == {
                "tr_cd": tr_cd, "tr_key": key, "tr_type": tr_type,
                "rsp_cd": "00000", "rsp_msg": ack["header"]["rsp_msg"]}, ack
        today = _korea_day(ex)
        for tr_cd, body in (
                ("CIDBT00100", {"CIDBT00100InBlock1": {
                    "RecCnt": 1, "OrdDt": today, "IsuCodeVal": fut, "FutsOrdTpCode": "1", "BnsTpCode": "2",
                    "AbrdFutsOrdPtnCode": "2", "OvrsDrvtOrdPrc": float(m.book(fut).asks[-1][0]),
                    "CndiOrdPrc": 0, "OrdQty": 1}}),
                ("COSAT00301", {"COSAT00301InBlock1": {
                    "RecCnt": 1, "OrdPtnCode": "02", "OrdMktCode": "82", "IsuNo": "TSLA", "OrdQty": 1,
                    "OvrsOrdPrc": float(m.book("TSLA").asks[-1][0]), "OrdprcPtnCode": "00", "BrkTpCode": ""}})):
            status, _, answer = await sim.call(tr_cd, body)
            assert status == 200, answer
        for _ in range(30):
            m.step("TSLA")
            m.step(fut)
        frames = await _frames(ws, set(quotes) | {"TC1", "TC2", "TC3", "AS0", "AS1"})
    from tests.sim.test_fidelity_push_order import java_hash_map_order

    found = []
    for tr_cd in [*quotes, "TC1", "TC2", "TC3", "AS0", "AS1"]:
        frame = frames[tr_cd]
        assert set(frame["header"]) == ({"tr_cd", "tr_key"} if tr_cd in quotes else {"tr_cd"}), frame["header"]
        fields = [f["name"] for f in spec()["websocket"]["trs"][tr_cd]["push_body_fields"]]
        fields += ["lSeq"] if tr_cd == "OVC" else []  # as LS's live OVC frame (test_fidelity_push_order)
        if list(frame["body"]) != java_hash_map_order(fields):  # LS's key order (test_fidelity_push_order)
            found.append((tr_cd, "key order", java_hash_map_order(fields), list(frame["body"])))
        widths, decimals = _push_facts(tr_cd)
        for f in spec()["websocket"]["trs"][tr_cd]["push_body_fields"]:  # nothing longer than its field
            value, limit = frame["body"][f["name"]], f["length"].partition(".")[0]
            if limit.isdigit() and len(value.encode("cp949", "replace")) > int(limit):
                found.append((tr_cd, f["name"], f"at most {limit} bytes", value))
        for name, width in widths.items():
            if len(frame["body"][name]) != width:
                found.append((tr_cd, name, f"{width} characters", frame["body"][name]))
        for name, places in decimals.items():
            value = frame["body"][name]
            m_ = DECIMAL.fullmatch(value)
            if value and (len(m_.group(1)) if m_ else 0) != places:
                found.append((tr_cd, name, f"{places} decimals", value))
    assert not found, "\n".join(map(repr, found))
    assert len(_push_facts("OVC")[0]) >= 4 and len(_push_facts("TC3")[1]) == 8  # the checks check something


def _isin_valid(isin: str) -> bool:
    """ISIN check digit (Luhn over the letters as numbers) and, for US ones, the CUSIP's own."""
    digits = "".join(str(int(c, 36)) for c in isin[:-1])
    total = sum((2 * int(d)) // 10 + (2 * int(d)) % 10 if i % 2 == 0 else int(d)
                for i, d in enumerate(reversed(digits)))
    if (10 - total % 10) % 10 != int(isin[-1]):
        return False
    cusip = isin[2:11]
    if cusip[0].isalpha():  # a foreign issuer's CINS number (ASML: N07059210) has no US check
        return True
    weights = [int(c, 36) * (2 if i % 2 else 1) for i, c in enumerate(cusip[:8])]
    return (10 - sum(w // 10 + w % 10 for w in weights) % 10) % 10 == int(cusip[8])


def test_every_stock_has_a_valid_isin():
    from app.sim.instruments import stocks

    isins = {i.symbol: i.extra["isin"] for i in stocks()}
    assert all(len(v) == 12 and _isin_valid(v) for v in isins.values()), isins
    assert len(set(isins.values())) == len(isins)
    assert isins["TSLA"] == "US88160R1014" and isins["AAPL"] == "US0378331005"  # as in the LS docs
    assert not _isin_valid("US88160R1015") and not _isin_valid("US88160R2014")


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("tr_cd", ["o3103", "o3123"])
async def test_ncnt_0_gives_30_second_bars(sim_shared, tr_cd):
    """The docs' ncnt: "0(30초), 1(1분), 30(30분)"; 0 was served as 1-minute bars."""
    sim = sim_shared
    body = request_body(tr_cd, sim.ex.market, library=True)
    block = body[f"{tr_cd}InBlock"]
    times = {}
    for ncnt in (0, 1):
        block.update(ncnt=ncnt, readcnt=40, cts_date="", cts_time="")
        status, headers, answer = await sim.call(tr_cd, body)
        assert status == 200, answer
        rows = answer[f"{tr_cd}OutBlock1"]
        times[ncnt] = [r["date"] + r["time"] for r in rows]
        assert len(rows) == 40 and headers["tr_cont"] == "Y"
    assert {t[-2:] for t in times[1]} == {"00"}
    assert {t[-2:] for t in times[0]} == {"00", "30"}
    stamps = sorted(dt.datetime.strptime(t, "%Y%m%d%H%M%S") for t in times[0])
    gaps = {(b - a).total_seconds() for a, b in zip(stamps, stamps[1:])}
    assert min(gaps) == 30 and len(set(times[0])) == 40


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("tr_cd", ["CIDBQ01800", "CIDBQ02400"])
async def test_futures_order_list_filters_as_the_docs_define_them(account, tr_cd):
    """OvrsDrvtFnoTpCode "A:전체 F:선물 O:옵션" picks futures or options; OrdPtnCode is the order's
    kind, "00:전체 01:일반 02:Average 03:Spread", not its price type: plain orders are all "01"."""
    sim = account
    m = sim.ex.market
    option = m.instruments("option")[0].symbol
    status, _, answer = await sim.call("CIDBT00100", {"CIDBT00100InBlock1": {
        "RecCnt": 1, "OrdDt": _korea_day(sim.ex), "IsuCodeVal": option, "FutsOrdTpCode": "1", "BnsTpCode": "2",
        "AbrdFutsOrdPtnCode": "2", "OvrsDrvtOrdPrc": _resting_price(m, option, below=True), "CndiOrdPrc": 0,
        "OrdQty": 1}})
    assert status == 200, answer

    async def symbols(**fields) -> list[str]:
        body = account_body(sim, tr_cd)
        body[f"{tr_cd}InBlock1"].update(IsuCodeVal="", **fields)
        status, _, answer = await sim.call(tr_cd, body)
        assert status == 200, answer
        return [r["IsuCodeVal"] for r in answer[f"{tr_cd}OutBlock2"]]

    every = await symbols(OvrsDrvtFnoTpCode="A", OrdPtnCode="00")
    assert option in every and any(s != option for s in every)
    assert await symbols(OvrsDrvtFnoTpCode="O") == [s for s in every if s == option]
    assert await symbols(OvrsDrvtFnoTpCode="F") == [s for s in every if s != option]
    assert await symbols(OrdPtnCode="01") == every  # market and limit orders alike
    assert await symbols(OrdPtnCode="02") == await symbols(OrdPtnCode="03") == []


@pytest.mark.asyncio(loop_scope="module")
async def test_stock_balance_kind_filter(account):
    """COSOQ00201 AstkBalTpCode "00 전체 10 일반 20 소수점": the holdings are whole shares (10),
    so "20" (fractional shares) lists none of them."""
    sim = account
    counts = {}
    for kind in ("00", "10", "20"):
        body = account_body(sim, "COSOQ00201")
        body["COSOQ00201InBlock1"]["AstkBalTpCode"] = kind
        status, _, answer = await sim.call("COSOQ00201", body)
        assert status == 200, answer
        rows = answer["COSOQ00201OutBlock4"]
        assert all(r["AstkBalTpCode"] == "10" for r in rows)
        counts[kind] = len(rows)
    assert counts["00"] == counts["10"] > 0 and counts["20"] == 0


@pytest.mark.asyncio
async def test_orderable_quantity_new_closing_and_total(sim):
    """CIDBQ01400 QryTpCode "1:신규 2:청산 3:총가능": long 2 with a working sell of 1, a sell may
    close 1 more (2), open the rest (1), or both (3); a buy closes nothing. It answered the total
    whatever was asked."""
    m = sim.ex.market
    fut = m.instruments("future")[0].symbol
    today = _korea_day(sim.ex)
    order = {"RecCnt": 1, "OrdDt": today, "IsuCodeVal": fut, "FutsOrdTpCode": "1", "BnsTpCode": "2",
             "AbrdFutsOrdPtnCode": "2", "OvrsDrvtOrdPrc": float(m.book(fut).asks[-1][0]), "CndiOrdPrc": 0,
             "OrdQty": 2}
    assert (await sim.call("CIDBT00100", {"CIDBT00100InBlock1": order}))[0] == 200
    await _wait_filled(sim, "CIDBQ01500", {"CIDBQ01500InBlock1": {
        "RecCnt": 1, "AcntTpCode": "1", "QryDt": today, "BalTpCode": "1", "FcmAcntNo": ""}}, "CIDBQ01500OutBlock2")
    resting = {**order, "BnsTpCode": "1", "OrdQty": 1, "OvrsDrvtOrdPrc": _resting_price(m, fut, below=False)}
    assert (await sim.call("CIDBT00100", {"CIDBT00100InBlock1": resting}))[0] == 200

    async def orderable(side: str, kind: str) -> int:
        status, _, answer = await sim.call("CIDBQ01400", {"CIDBQ01400InBlock1": {
            "RecCnt": 1, "QryTpCode": kind, "IsuCodeVal": fut, "BnsTpCode": side, "OvrsDrvtOrdPrc": 0,
            "AbrdFutsOrdPtnCode": "1"}})
        assert status == 200, answer
        return answer["CIDBQ01400OutBlock2"]["OrdAbleQty"]

    total = await orderable("1", "3")
    assert total > 2
    assert await orderable("1", "2") == 1
    assert await orderable("1", "1") == total - 1
    assert await orderable("2", "2") == 0
    assert await orderable("2", "1") == await orderable("2", "3") > 0
