"""Run a widely used third-party LS client (programgarden-finance) against an LS-compatible host.

Executed with the compatibility venv's Python (./run setup makes it), never imported by the
suite: ``python programgarden_probe.py REST_BASE WS_URL`` prints one JSON line of results and
exits non-zero when any step failed. Only the client's base URLs are changed.
"""

from __future__ import annotations

import asyncio
import json
import sys
import traceback


def point_at(rest: str, ws: str) -> None:
    from programgarden_finance.ls.config import URLS

    live = URLS.LS_URL
    for name in dir(URLS):
        value = getattr(URLS, name)
        if name.endswith("_URL") and isinstance(value, str) and value.startswith(live):
            setattr(URLS, name, rest + value[len(live):])
    URLS.LS_URL = rest
    URLS.WSS_URL = URLS.WSS_URL_FAKE = ws


async def probe(rest: str, ws: str) -> dict:
    point_at(rest, ws)
    from programgarden_finance import LS, COSAT00301, COSOQ00201, g3101, g3204, o3101

    results: dict = {}
    ls = LS()
    results["login"] = await ls.async_login(appkey="COMPAT-APPKEY-000000000000000000000", 
                                            appsecretkey="COMPAT-SECRET-00000000000000000000")
    stock = ls.overseas_stock()

    quote = await stock.market().현재가조회(
        g3101.G3101InBlock(delaygb="R", keysymbol="82TSLA", exchcd="82", symbol="TSLA")).req_async()
    results["g3101_async"] = bool(quote.block and quote.block.symbol == "TSLA" and not quote.error_msg)

    sync_quote = stock.market().현재가조회(
        g3101.G3101InBlock(delaygb="R", keysymbol="82AAPL", exchcd="82", symbol="AAPL")).req()
    results["g3101_sync"] = bool(sync_quote.block and sync_quote.block.symbol == "AAPL" and not sync_quote.error_msg)

    pages = []
    chart = stock.chart().차트일주월년별조회(g3204.G3204InBlock(
        sujung="Y", delaygb="R", keysymbol="82TSLA", exchcd="82", symbol="TSLA", gubun="2", qrycnt=500,
        comp_yn="N", sdate="20250101", edate=""))
    await chart.occurs_req_async(callback=lambda resp, status: pages.append(len(resp.block1) if resp and resp.block1 else 0))
    results["g3204_pages"] = sum(pages)

    master = await ls.overseas_futureoption().market().해외선물마스터조회(body=o3101.O3101InBlock(gubun="1")).req_async()
    results["o3101_rows"] = len(master.block or [])

    client = stock.real()
    await client.connect()
    trades, accepted = [], []
    gsc = client.GSC()
    gsc.add_gsc_symbols(symbols=["82TSLA"])
    gsc.on_gsc_message(lambda resp: trades.append(resp) if resp.body else None)
    client.AS0().on_as0_message(lambda resp: accepted.append(resp) if resp.body else None)
    await asyncio.sleep(1.0)

    marketable = round(float(quote.block.price) * 1.02, 2)  # LS takes market orders for sells only
    order = await stock.order().cosat00301(COSAT00301.COSAT00301InBlock1(
        RecCnt=1, OrdPtnCode="02", OrdMktCode="82", IsuNo="TSLA", OrdQty=1, OvrsOrdPrc=marketable,
        OrdprcPtnCode="00", BrkTpCode="")).req_async()
    results["order_no"] = int(order.block2.OrdNo) if order.block2 else None
    for _ in range(50):
        if trades and accepted:
            break
        await asyncio.sleep(0.1)
    results["gsc_pushes"] = len(trades)
    results["as0_pushes"] = len(accepted)

    balance = await stock.accno().cosoq00201(COSOQ00201.COSOQ00201InBlock1(
        RecCnt=1, BaseDt="", CrcyCode="ALL", AstkBalTpCode="00")).req_async()
    results["cosoq00201"] = not balance.error_msg
    await client.close()
    return results


def main() -> int:
    rest, ws = sys.argv[1], sys.argv[2]
    try:
        results = asyncio.run(probe(rest, ws))
    except Exception:
        print(json.dumps({"error": traceback.format_exc()}))
        return 2
    print(json.dumps(results))
    ok = (results["login"] and results["g3101_async"] and results["g3101_sync"] and results["g3204_pages"] > 0
          and results["o3101_rows"] > 0 and results["order_no"] and results["gsc_pushes"] > 0
          and results["as0_pushes"] > 0 and results["cosoq00201"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
