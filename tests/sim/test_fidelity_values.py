"""Exchange fidelity of REST answer values beyond test_fidelity's TR-by-TR format checks: the
stock master's names and constants, the futures master/quote decimals, echoed in-blocks, the stock
chart headers and the stock book's time, each against what LS's doc examples show
(app/ls/data/spec.json, read here independently of the exchange).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.sim import test_fidelity
from tests.sim.spec_requests import spec
from tests.sim.test_fidelity import doc_call

account = test_fidelity.account  # the fixture: an account with holdings, positions and working orders


# ---- the symbol master's names ----

def doc_names(tr_cd: str, field: str) -> list[str]:
    """Every value of ``field`` in a TR's doc example response (any block)."""
    body = spec()["rest"]["trs"][tr_cd]["example_response"].get("body") or {}
    rows = [r for v in body.values() for r in (v if isinstance(v, list) else [v]) if isinstance(r, dict)]
    return [r[field] for r in rows if isinstance(r.get(field), str)]


@pytest.mark.asyncio
async def test_english_names_are_in_capitals_as_ls_sends_them(sim):
    """LS's master spells a stock's English name in capitals (g3104 'TESLA INC', g3190 'ATA
    CREATIVITY GLOBAL SPON ADS ...'): every stock in g3190 and g3104 is sent so, and the
    answers agree; futures names keep their case ('Australian Dollar(2023.06)')."""
    doc = doc_names("g3104", "engname") + doc_names("g3190", "engname")
    assert len(doc) >= 3 and all(n == n.upper() and any(c.isalpha() for c in n) for n in doc)
    assert any(n != n.upper() for n in doc_names("o3101", "SymbolNm"))  # the check is not vacuous
    rows, key = [], ""
    while True:
        status, headers, answer = await sim.call("g3190", {"g3190InBlock": {
            "delaygb": "R", "natcode": "US", "exgubun": "", "readcnt": 500, "cts_value": key}},
            tr_cont="Y" if key else "N", tr_cont_key=key)
        assert status == 200, answer
        rows += answer["g3190OutBlock1"]
        if headers["tr_cont"] != "Y":
            break
        key = headers["tr_cont_key"]
    assert len(rows) == len(sim.ex.market.instruments("stock"))
    wrong = [(r["symbol"], r["engname"]) for r in rows if r["engname"] != r["engname"].upper()]
    assert not wrong, wrong
    names = {r["symbol"]: r["engname"] for r in rows}
    assert names["TSLA"] == "TESLA INC"  # the doc example's own
    for symbol in ("TSLA", "AAPL", "JPM"):
        inst = sim.ex.market.instrument(symbol)
        status, _, answer = await sim.call("g3104", {"g3104InBlock": {
            "delaygb": "R", "keysymbol": inst.keysymbol, "exchcd": inst.exchange, "symbol": symbol}})
        assert status == 200 and answer["g3104OutBlock"]["engname"] == names[symbol], answer
    fut = sim.ex.market.instruments("future")[0]
    status, _, answer = await sim.call("o3105", {"o3105InBlock": {"symbol": fut.symbol}})
    assert status == 200 and answer["o3105OutBlock"]["SymbolNm"] != answer["o3105OutBlock"]["SymbolNm"].upper()


# ---- futures quote and master decimals ----

NUMBER_TEXT = re.compile(r"-?\d+(?:\.(\d*))?")
FUTURES_INFO_TRS = ("o3101", "o3105", "o3125")  # doc examples that name their contract's DotGb


def _places(text: str) -> int:
    return len(NUMBER_TEXT.fullmatch(text).group(1) or "")


def decimal_rules(tr_cd: str) -> dict[str, int | None]:
    """{field: decimals} of the numeric text fields of a futures master/quote TR, from its doc
    example: None where the field has the contract's price decimals (DotGb, at least 1: HSI with
    DotGb 0 shows "18875.0"), else the fixed number the example shows ("50.000000000", "0")."""
    row = spec()["rest"]["trs"][tr_cd]["example_response"]["body"][f"{tr_cd}OutBlock"]
    row = row[0] if isinstance(row, list) else row
    price = max(int(row["DotGb"]), 1)
    return {k: (None if _places(v) == price else _places(v)) for k, v in row.items()
            if isinstance(v, str) and NUMBER_TEXT.fullmatch(v) and k not in ("ApplDate", "LstngYr")
            and not k.endswith(("Tm", "Dt", "Day", "Date", "Cd", "Gb"))}


@pytest.mark.asyncio
@pytest.mark.parametrize("tr_cd", FUTURES_INFO_TRS)
async def test_futures_master_and_quote_decimals_follow_the_docs(sim, tr_cd):
    """o3101 gives the tick and the settlement price with 9 decimals ("0.000050000",
    "0.665750000"); o3105/o3125 give them with the contract's price decimals ("0.0001", "7.2081",
    HSI "1.0"/"18875.0") and the margin rates as "0". Checked on contracts of 0, 1, 2, 5 and 7
    decimals, so a rule that holds by chance for one does not pass."""
    rules = decimal_rules(tr_cd)
    assert decimal_rules("o3101")["EcPrc"] == decimal_rules("o3101")["UntPrc"] == 9
    shared = set(decimal_rules("o3105")) & set(decimal_rules("o3125"))
    assert {k: decimal_rules("o3105")[k] for k in shared} == {k: decimal_rules("o3125")[k] for k in shared}
    assert decimal_rules("o3105")["EcPrc"] is None and decimal_rules("o3105")["OpngMgnR"] == 0
    m = sim.ex.market
    roots = {"HSI": 0, "GC": 1, "ES": 2, "AD": 5, "6J": 7}
    contracts = {i.root: i for i in reversed(m.instruments("future"))}  # the front month of each
    assert {r: contracts[r].decimals for r in roots} == roots
    found = []
    for root, places in roots.items():
        inst = contracts[root]
        if tr_cd == "o3101":
            status, _, answer = await sim.call(tr_cd, {"o3101InBlock": {"gubun": ""}})
            row = next(r for r in answer["o3101OutBlock"] if r["Symbol"] == inst.symbol)
        else:
            body = {"symbol": inst.symbol} if tr_cd == "o3105" else {"mktgb": "F", "symbol": inst.symbol}
            status, _, answer = await sim.call(tr_cd, {f"{tr_cd}InBlock": body})
            row = answer[f"{tr_cd}OutBlock"]
        assert status == 200, answer
        for name, rule in rules.items():
            want = max(places, 1) if rule is None else rule
            value = row[name]
            if not (isinstance(value, str) and NUMBER_TEXT.fullmatch(value) and _places(value) == want):
                found.append((tr_cd, inst.symbol, name, f"{want} decimals", value))
    assert not found, "\n".join(map(repr, found))


# ---- echoed in-blocks ----

def blank_echoes() -> dict[str, set[str]]:
    """{TR: fields} the doc example's request sends blank (" ") and its OutBlock1 echoes as ""."""
    out: dict[str, set[str]] = {}
    for tr_cd, tr in spec()["rest"]["trs"].items():
        request, answer = tr["example_request"], tr["example_response"]
        if request.get("constructed") or answer.get("constructed"):
            continue
        sent = (request.get("body") or {}).get(f"{tr_cd}InBlock1")
        echoed = (answer.get("body") or {}).get(f"{tr_cd}OutBlock1")
        if isinstance(sent, dict) and isinstance(echoed, dict):
            names = {k for k, v in sent.items() if isinstance(v, str) and v and not v.strip() and echoed.get(k) == ""}
            if names:
                out[tr_cd] = names
    return out


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("tr_cd", sorted(blank_echoes()))
async def test_echoed_in_blocks_trim_blank_values(account, tr_cd):
    """LS's OutBlock1 repeats the request, but a blank value comes back empty (CIDBQ01500
    FcmAcntNo " " -> "", CIDBT00100 ExchCode and CrcyCode " " -> "", ...), in every doc example
    that sends one; the exchange echoed the blanks."""
    assert {"CIDBQ01500", "CIDBT00100", "CIDBT01000"} <= set(blank_echoes())
    _, answer = await doc_call(account, tr_cd)
    echoed = answer[f"{tr_cd}OutBlock1"]
    assert {k: echoed.get(k) for k in blank_echoes()[tr_cd]} == dict.fromkeys(blank_echoes()[tr_cd], "")


# ---- the stock master's row ----

def master_constants() -> dict[str, str]:
    """g3190 fields that hold one value in every row of the doc example (rows of three different
    stocks, so a master-wide value), but the day the answer was made (bymd)."""
    rows = spec()["rest"]["trs"]["g3190"]["example_response"]["body"]["g3190OutBlock1"]
    return {k: v for k, v in rows[0].items() if k != "bymd" and all(r.get(k) == v for r in rows[1:])}


@pytest.mark.asyncio
async def test_stock_master_rows_hold_ls_constants(sim):
    """Every g3190 row has the values LS's rows share: seccode is the keysymbol ('82AACB'),
    parcurr and the VCM/CAS/POS flags are blank, point (fractional trading, one character) is
    'N' (the exchange sent the price decimals, '4'), and the rest as LS's example."""
    constants = master_constants()
    assert {"parcurr": "", "vcmf": "", "casf": "", "posf": "", "point": "N", "expire_date": "00000000"}.items() \
        <= constants.items()
    doc_rows = spec()["rest"]["trs"]["g3190"]["example_response"]["body"]["g3190OutBlock1"]
    assert all(r["seccode"] == r["keysymbol"] for r in doc_rows)
    status, _, answer = await sim.call("g3190", {"g3190InBlock": {
        "delaygb": "R", "natcode": "US", "exgubun": "2", "readcnt": 500, "cts_value": ""}})
    assert status == 200 and answer["g3190OutBlock1"], answer
    found = []
    for row in answer["g3190OutBlock1"]:
        found += [(row["symbol"], k, v, row.get(k)) for k, v in constants.items() if row.get(k) != v]
        if row["seccode"] != row["keysymbol"]:
            found.append((row["symbol"], "seccode", row["keysymbol"], row["seccode"]))
    assert not found, found[:12]


# ---- stock chart headers ----

STOCK_CHARTS = ("g3202", "g3203", "g3204")


def chart_request(tr_cd: str, symbol: str, exchcd: str) -> dict:
    """The doc example's request (programgarden's wire body) for another stock."""
    body = json.loads(json.dumps(spec()["rest"]["trs"][tr_cd]["example_request"]["library_wire_body"]))
    block = body[f"{tr_cd}InBlock"]
    block.update(keysymbol=exchcd + symbol, exchcd=exchcd, symbol=symbol, sdate="", edate="")
    return body


@pytest.mark.asyncio
async def test_stock_chart_session_times_are_ls_ones(sim):
    """g3202/g3203/g3204 give s_time 200000 and e_time 180000 in all three doc examples (read as
    LS's trading day in New York time: its day session from 20:00 the evening before to the end
    of its after-market); the exchange gave the regular session's 093000 and 160000."""
    heads = [spec()["rest"]["trs"][tr]["example_response"]["body"][f"{tr}OutBlock"] for tr in STOCK_CHARTS]
    times = {(h["s_time"], h["e_time"]) for h in heads}
    assert len(times) == 1
    (want,) = times
    found = []
    for tr_cd in STOCK_CHARTS:
        for symbol, exchcd in (("TSLA", "82"), ("JPM", "81")):
            status, _, answer = await sim.call(tr_cd, chart_request(tr_cd, symbol, exchcd))
            assert status == 200, answer
            head = answer[f"{tr_cd}OutBlock"]
            if (head["s_time"], head["e_time"]) != want:
                found.append((tr_cd, symbol, head["s_time"], head["e_time"]))
    assert not found, (want, found)


# ---- book time of the stock snapshot ----

@pytest.mark.asyncio
async def test_stock_book_time_is_korean(sim):
    """g3106 hotime is Korean time: LS's example reads '144734', six minutes after the g3102
    example's last trade of the same session (kortime '144101', loctime '014101' in New York),
    while the futures book's o3106 hotime is the exchange's own ('000533', o3116's last trade
    time). The exchange gave New York time."""

    def seconds(hhmmss: str) -> int:
        return int(hhmmss[:2]) * 3600 + int(hhmmss[2:4]) * 60 + int(hhmmss[4:6])

    trs = spec()["rest"]["trs"]
    hotime = trs["g3106"]["example_response"]["body"]["g3106OutBlock"]["hotime"]
    tick = trs["g3102"]["example_response"]["body"]["g3102OutBlock1"][0]
    assert 0 < seconds(hotime) - seconds(tick["kortime"]) < 3600 < abs(seconds(hotime) - seconds(tick["loctime"]))
    fut_time = trs["o3106"]["example_response"]["body"]["o3106OutBlock"]["hotime"]
    assert fut_time == trs["o3116"]["example_response"]["body"]["o3116OutBlock1"][0]["ovstime"]
    hours = set()
    for zone in ("Asia/Seoul", "America/New_York"):
        hours.add((zone, sim.ex.clock.now().astimezone(ZoneInfo(zone)).hour))
    status, _, answer = await sim.call("g3106", {"g3106InBlock": {
        "delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}})
    assert status == 200, answer
    for zone in ("Asia/Seoul", "America/New_York"):
        hours.add((zone, sim.ex.clock.now().astimezone(ZoneInfo(zone)).hour))
    sent = int(answer["g3106OutBlock"]["hotime"][:2])
    assert sent in {h for z, h in hours if z == "Asia/Seoul"}, (answer["g3106OutBlock"]["hotime"], hours)


# ---- the tick list's cursor ----

@pytest.mark.asyncio
async def test_stock_tick_cursor_is_a_local_time_stamp(sim):
    """g3102's cts_seq is LS's 17-digit stamp of the page's oldest trade: its local date and
    time and its place within that second (20250428014018000 in the doc example, whose rows are
    from 2025-04-28 01:41 New York time); the exchange sent its own tick number. Pages read with
    the cursor join without a gap or an overlap, and an old tick-number cursor still reads."""
    doc = spec()["rest"]["trs"]["g3102"]["example_response"]["body"]
    cursor, first = str(doc["g3102OutBlock"]["cts_seq"]), doc["g3102OutBlock1"][0]
    assert len(cursor) == 17 and cursor[:8] == first["locdate"] and cursor[8:14] <= first["loctime"]
    await sim.ex.market.stop()  # no trade comes between the calls
    block = {"delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}
    status, _, whole = await sim.call("g3102", {"g3102InBlock": {**block, "readcnt": 60, "cts_seq": 0}})
    assert status == 200, whole
    status, headers, first_page = await sim.call("g3102", {"g3102InBlock": {**block, "readcnt": 30, "cts_seq": 0}})
    seq = first_page["g3102OutBlock"]["cts_seq"]
    oldest = first_page["g3102OutBlock1"][-1]
    assert isinstance(seq, int) and len(str(seq)) == 17, seq
    assert str(seq)[:14] == oldest["locdate"] + oldest["loctime"] and headers["tr_cont_key"] == str(seq)
    status, _, second_page = await sim.call("g3102", {"g3102InBlock": {**block, "readcnt": 30, "cts_seq": seq}},
                                            tr_cont="Y", tr_cont_key=str(seq))
    assert status == 200, second_page

    def rows(answer):
        return [(r["locdate"], r["loctime"], r["price"], r["exevol"]) for r in answer["g3102OutBlock1"]]
    assert rows(first_page) + rows(second_page) == rows(whole)
    ticks = sim.ex.market.state("TSLA").history.tick_list()
    status, _, old = await sim.call("g3102", {"g3102InBlock": {**block, "readcnt": 500, "cts_seq": ticks[3].seq}})
    assert status == 200 and len(old["g3102OutBlock1"]) == 3  # ticks 0-2, before the old-style cursor


@pytest.mark.asyncio
async def test_stock_tick_chart_cursor_is_a_local_time_stamp(sim):
    """g3202's cts_seq has g3102's form: LS's 17-digit stamp (20250428014650000 in the doc
    example, a number, on the rows' date and before the oldest 5-tick bar's 01:47:21), here the
    page's oldest trade; the exchange sent its tick number (456). The cursor, in the body or as
    tr_cont_key, reads the next older page with no gap or overlap; an old tick number still reads."""
    doc = spec()["rest"]["trs"]["g3202"]["example_response"]["body"]
    cursor, first = doc["g3202OutBlock"]["cts_seq"], doc["g3202OutBlock1"][0]
    assert isinstance(cursor, int) and len(str(cursor)) == 17
    assert str(cursor)[:8] == first["date"] and str(cursor)[8:14] <= first["loctime"]
    await sim.ex.market.stop()  # no trade comes between the calls
    block = {"delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA", "ncnt": 5,
             "comp_yn": "N", "sdate": "", "edate": ""}
    ticks = sim.ex.market.state("TSLA").history.tick_list()

    async def page(qrycnt, cts_seq=0, **headers):
        status, sent, answer = await sim.call("g3202", {"g3202InBlock": {**block, "qrycnt": qrycnt,
                                                                           "cts_seq": cts_seq}}, **headers)
        assert status == 200, answer
        return sent, answer

    def rows(answer):
        return [(r["date"], r["loctime"], r["open"], r["close"], r["exevol"]) for r in answer["g3202OutBlock1"]]
    _, whole = await page(60)
    headers, newer = await page(30)
    seq = newer["g3202OutBlock"]["cts_seq"]
    bars = -(-len(ticks) // 5)  # 5-tick bars grouped from the oldest trade kept
    oldest = ticks[(bars - 30) * 5]  # the first trade of the 30 newest bars
    stamp = datetime.fromtimestamp(oldest.t, ZoneInfo("America/New_York")).strftime("%Y%m%d%H%M%S")
    assert isinstance(seq, int) and len(str(seq)) == 17 and str(seq)[:14] == stamp, (seq, stamp)
    assert str(seq)[:14] <= "".join(rows(newer)[0][:2]) and headers["tr_cont_key"] == str(seq)
    _, older = await page(30, seq)
    _, by_key = await page(30, 0, tr_cont="Y", tr_cont_key=str(seq))
    assert rows(older) + rows(newer) == rows(whole) and rows(by_key) == rows(older)
    _, old = await page(500, ticks[10].seq)
    assert len(old["g3202OutBlock1"]) == 2  # the bars of ticks 0-4 and 5-9, before the old-style cursor


@pytest.mark.asyncio
async def test_stock_master_rows_carry_listing_dates(sim):
    """g3190 listed_date (상장일자, String 8) is the issue's listing day as YYYYMMDD: each row of
    LS's example has a real date before its business day (bymd), never expire_date's '00000000'
    ('no date'), which the exchange sent. Every row of both exchanges now has one, no later than
    the answer's bymd; TSLA's and AAPL's are their IPO days."""
    field = next(f for f in spec()["rest"]["trs"]["g3190"]["out_blocks"][1]["fields"] if f["name"] == "listed_date")
    assert (field["type"], field["length"]) == ("String", "8")
    doc_rows = spec()["rest"]["trs"]["g3190"]["example_response"]["body"]["g3190OutBlock1"]
    for row in doc_rows:
        assert datetime.strptime(row["listed_date"], "%Y%m%d") and row["listed_date"] < row["bymd"], row
    status, _, answer = await sim.call("g3190", {"g3190InBlock": {
        "delaygb": "R", "natcode": "US", "exgubun": "", "readcnt": 500, "cts_value": ""}})
    assert status == 200, answer
    rows = answer["g3190OutBlock1"]
    assert {r["exchcd"] for r in rows} == {"81", "82"}
    found = []
    for row in rows:
        try:
            day = datetime.strptime(row["listed_date"], "%Y%m%d")
        except ValueError:
            found.append((row["symbol"], row["listed_date"]))
            continue
        if not (len(row["listed_date"]) == 8 and row["listed_date"] <= row["bymd"] and day.weekday() < 5):
            found.append((row["symbol"], row["listed_date"], row["bymd"]))
    assert not found, found
    dates = {r["symbol"]: r["listed_date"] for r in rows}
    assert (dates["TSLA"], dates["AAPL"]) == ("20100629", "19801212")
