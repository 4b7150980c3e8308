"""Every REST TR of programgarden-finance, sync then async, its paging walks, an order of each kind
and each realtime feed, twice in a row, against an LS-compatible host.

Executed with the compatibility venv's Python, never imported by the suite:
``python programgarden_full_probe.py REST_BASE WS_URL SPEC_JSON FUTURE OPTION [LANES]`` prints one JSON
line: every call made (TR, how, HTTP status, rsp_cd, error) and the pushes received. The client
keeps its own per-TR limits (the numbers LS publishes) and waits a second between pages, so a host
that answers IGW00201 to it refuses a well-paced client.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import json
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from programgarden_probe import point_at

APPKEY, SECRET = "COMPAT-FULL-APPKEY-0000000000000000", "COMPAT-FULL-SECRET-0000000000000000"
PAGES = 2  # continuation pages walked per paging TR (the exchange has hundreds)
LANES = 4  # TRs driven side by side
# TRs that move money or orders: driven by the order scenario below, not by the generic sweep
ORDER_TRS = {"COSAT00301", "COSAT00311", "COSMT00300", "COSAT00400", "CIDBT00100", "CIDBT00900", "CIDBT01000"}
PAGING = {"g3102", "g3190", "g3202", "g3203", "g3204", "COSAQ00102", "COSOQ00201", "o3116", "o3123",
          "o3128", "o3136", "o3137", "o3103", "o3108", "o3117", "o3139", "CIDBQ01500", "CIDBQ01800",
          "CIDBQ02400"}


def korea_today() -> dt.date:
    """LS dates orders in Korean time (a Korean user's local date): after 15:00 UTC this machine's
    date is a day behind, and a reservation "from tomorrow" would start today and go out at once."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).date()


class StopWalk(Exception):
    pass


class Probe:
    def __init__(self, ls: Any, spec: dict, future: str, option: str):
        self.ls, self.spec, self.future, self.option = ls, spec, future, option
        self.calls: list[dict] = []
        self.today = korea_today().strftime("%Y%m%d")

    # ---- building requests ----

    def body(self, tr: str) -> dict:
        """The exact body programgarden sent for the LS doc example, pointed at listed symbols."""
        text = json.dumps(self.spec["rest"]["trs"][tr]["example_request"]["library_wire_body"])
        for old in ("ADM23", "CUSN23", "HSIM23"):
            text = text.replace(old, self.future)
        body = json.loads(text)
        for block in body.values():
            for row in block if isinstance(block, list) else [block]:
                for k, v in list(row.items()):
                    if isinstance(v, str) and v.strip() == self.future:
                        row[k] = self.future.ljust(len(v)) if k in ("symbol",) else self.future
                    if k in ("OrdDt", "TrdDt", "QryDt", "QryEndDt", "RsvOrdInptDt", "EndDt", "BaseDt") and v:
                        row[k] = self.today
                if row.get("sdate") and row.get("edate"):
                    # a chart window of the doc's (o3108, o3128: May-June 2023), as long, moved to
                    # end a week ago: inside the listed contract's history (from its listing on)
                    start, end = (dt.datetime.strptime(row[k], "%Y%m%d").date() for k in ("sdate", "edate"))
                    new_end = dt.datetime.strptime(self.today, "%Y%m%d").date() - dt.timedelta(days=7)
                    row["sdate"] = (new_end - (end - start)).strftime("%Y%m%d")
                    row["edate"] = new_end.strftime("%Y%m%d")
        return body

    def trobj(self, tr: str, body: dict | None = None) -> Any:
        info = self.spec["rest"]["trs"][tr]
        product = "stock" if info["path"].startswith("/overseas-stock") else "futureoption"
        group = {"market-data": "market", "chart": "chart", "accno": "accno", "order": "order"}[info["path"].split("/")[-1]]
        if tr in ("o3123", "o3128", "o3137"):
            group = "market"
        api = self.ls.overseas_stock() if product == "stock" else self.ls.overseas_futureoption()
        grp = getattr(api, group)()
        fn = getattr(grp, tr, None) or getattr(grp, tr.lower())
        mod = importlib.import_module(f"programgarden_finance.ls.overseas_{product}.{group}.{tr}.blocks")
        body = body or self.body(tr)
        blocks = {}
        for name, value in body.items():
            cls_name = name[0].upper() + name[1:]
            cls = getattr(mod, cls_name)
            blocks[name] = [cls(**v) for v in value] if isinstance(value, list) else cls(**value)
        if tr == "o3127":
            return fn(blocks["o3127InBlock"], blocks["o3127InBlock1"])
        (only,) = blocks.values()
        return fn(only)

    # ---- calling ----

    def record(self, tr: str, how: str, resp: Any) -> Any:
        self.calls.append({"tr": tr, "how": how, "status": getattr(resp, "status_code", None),
                           "rsp_cd": getattr(resp, "rsp_cd", ""), "error": getattr(resp, "error_msg", None)})
        return resp

    async def sync(self, tr: str, body: dict | None = None) -> Any:
        obj = self.trobj(tr, body)
        return self.record(tr, "sync", await asyncio.to_thread(obj.req))

    async def aio(self, tr: str, body: dict | None = None) -> Any:
        obj = self.trobj(tr, body)
        return self.record(tr, "async", await obj.req_async())

    async def walk(self, tr: str) -> None:
        pages = 0

        def on_page(resp: Any, status: Any) -> None:
            nonlocal pages
            if resp is not None and "RESPONSE" in str(status):
                pages += 1
                self.record(tr, "page", resp)
            elif resp is not None and "FAIL" in str(status):
                # the client's generic walk stops on error_msg == "" (its builders' "no error"), so
                # a page answered well can arrive as FAIL: it still counts as a page
                pages += 0 if resp.error_msg else 1
                self.record(tr, "page", resp)
            if "OCCURS_REQUEST" in str(status) and pages >= PAGES:
                raise StopWalk

        try:
            await self.trobj(tr).occurs_req_async(callback=on_page)
        except StopWalk:
            pass
        self.calls.append({"tr": tr, "how": "walk", "pages": pages})

    # ---- scenarios ----

    async def sweep(self, tr: str) -> None:
        """The pattern third-party scripts use: a sync call, then the same TR async, then its pages."""
        await self.sync(tr)
        await self.aio(tr)
        if tr in PAGING:
            await self.walk(tr)

    async def stock_orders(self) -> None:
        quote = await self.aio("g3101")
        price = float(quote.block.price)
        o = self.body("COSAT00301")["COSAT00301InBlock1"]
        buy = {**o, "IsuNo": "TSLA", "OrdQty": 2, "OvrsOrdPrc": round(price * 1.02, 2)}
        await self.sync("COSAT00301", {"COSAT00301InBlock1": buy})                # marketable buy
        rest = await self.aio("COSAT00301", {"COSAT00301InBlock1": {**buy, "OvrsOrdPrc": round(price * 0.95, 2)}})
        ordno = int(rest.block2.OrdNo)
        m = self.body("COSAT00311")["COSAT00311InBlock1"]
        mod = await self.aio("COSAT00311", {"COSAT00311InBlock1": {**m, "OrgOrdNo": ordno, "IsuNo": "TSLA",
                                                                   "OrdQty": 1, "OvrsOrdPrc": round(price * 0.96, 2)}})
        cancel = {**buy, "OrdPtnCode": "08", "OrgOrdNo": int(mod.block2.OrdNo), "OvrsOrdPrc": 0}
        await self.sync("COSAT00301", {"COSAT00301InBlock1": cancel})
        sell = {**buy, "OrdPtnCode": "01", "OrdprcPtnCode": "03", "OvrsOrdPrc": 0, "OrdQty": 1}
        await self.aio("COSAT00301", {"COSAT00301InBlock1": sell})                 # market sell
        mt = self.body("COSMT00300")["COSMT00300InBlock1"]
        await self.sync("COSMT00300", {"COSMT00300InBlock1": {**mt, "IsuNo": "TSLA", "OrdQty": 1,
                                                              "OvrsOrdPrc": round(price * 1.5, 2)}})
        rv = self.body("COSAT00400")["COSAT00400InBlock1"]
        start = korea_today() + dt.timedelta(days=1)
        reg = {**rv, "TrxTpCode": "1", "IsuNo": "TSLA", "RsvOrdInptDt": self.today, "BnsTpCode": "2",
               "OvrsOrdPrc": round(price * 0.9, 2), "RsvOrdSrtDt": start.strftime("%Y%m%d"),
               "RsvOrdEndDt": (start + dt.timedelta(days=7)).strftime("%Y%m%d")}
        first = await self.sync("COSAT00400", {"COSAT00400InBlock1": reg})         # register (sync) ...
        rsv_no = int(first.block2.RsvOrdNo) if first.block2 else 0
        await self.aio("COSAT00400", {"COSAT00400InBlock1": {**reg, "TrxTpCode": "2", "RsvOrdNo": rsv_no}})

    async def future_orders(self) -> None:
        master = await self.aio("o3105", {"o3105InBlock": {"symbol": self.future}})
        price = float(master.block.TrdP)
        tick = float(master.block.UntPrc or 0.25) or 0.25

        def at(p: float) -> float:
            return round(round(p / tick) * tick, 6)

        o = self.body("CIDBT00100")["CIDBT00100InBlock1"]
        buy = {**o, "IsuCodeVal": self.future, "BnsTpCode": "2", "AbrdFutsOrdPtnCode": "2",
               "OvrsDrvtOrdPrc": at(price * 1.01), "CndiOrdPrc": 0, "OrdQty": 1}
        await self.sync("CIDBT00100", {"CIDBT00100InBlock1": buy})
        rest = await self.aio("CIDBT00100", {"CIDBT00100InBlock1": {**buy, "OvrsDrvtOrdPrc": at(price * 0.97)}})
        ordno = rest.block2.OvrsFutsOrdNo
        m = self.body("CIDBT00900")["CIDBT00900InBlock1"]
        mod = await self.sync("CIDBT00900", {"CIDBT00900InBlock1": {
            **m, "OvrsFutsOrgOrdNo": ordno, "IsuCodeVal": self.future, "BnsTpCode": "2",
            "OvrsDrvtOrdPrc": at(price * 0.98), "CndiOrdPrc": 0}})
        c = self.body("CIDBT01000")["CIDBT01000InBlock1"]
        await self.aio("CIDBT01000", {"CIDBT01000InBlock1": {**c, "IsuCodeVal": self.future,
                                                             "OvrsFutsOrgOrdNo": mod.block2.OvrsFutsOrdNo}})
        sell = {**buy, "BnsTpCode": "1", "AbrdFutsOrdPtnCode": "1", "OvrsDrvtOrdPrc": 0}
        await self.sync("CIDBT00100", {"CIDBT00100InBlock1": sell})                # market sell: flat again

    async def one_round(self, lanes: int) -> None:
        trs = [tr for tr in self.spec["rest"]["trs"] if tr not in ORDER_TRS]
        # a few TRs run side by side (each against its own limit), as a script with a handful of
        # tasks would; within a TR, calls follow each other
        gate = asyncio.Semaphore(lanes)

        async def lane(job: Any) -> None:
            async with gate:
                await job

        await asyncio.gather(*(lane(job) for job in [self.stock_orders(), self.future_orders(),
                                                      *(self.sweep(tr) for tr in trs)]))


async def realtime(ls: Any, future: str, option: str, wait_for_orders: Any) -> dict:
    got: dict[str, int] = {}

    def count(name: str):
        return lambda resp: got.__setitem__(name, got.get(name, 0) + 1) if getattr(resp, "body", None) else None

    stock, fo = ls.overseas_stock().real(), ls.overseas_futureoption().real()
    await stock.connect()
    await fo.connect()
    for name in ("AS0", "AS1", "AS2", "AS3", "AS4"):
        getattr(getattr(stock, name)(), f"on_{name.lower()}_message")(count(name))
    for name in ("TC1", "TC2", "TC3"):
        getattr(getattr(fo, name)(), f"on_{name.lower()}_message")(count(name))
    await wait_for_orders()
    # quote feeds last: thousands of frames parsed in this loop would delay the REST calls above
    for real, name, symbol in ((stock, "GSC", "82TSLA"), (stock, "GSH", "82TSLA"), (fo, "OVC", future),
                               (fo, "OVH", future), (fo, "WOC", option), (fo, "WOH", option)):
        feed = getattr(real, name)()
        getattr(feed, f"add_{name.lower()}_symbols")(symbols=[symbol])
        getattr(feed, f"on_{name.lower()}_message")(count(name))
    for _ in range(100):
        if all(got.get(n) for n in ("GSC", "GSH", "OVC", "OVH", "WOC", "WOH")):
            break
        await asyncio.sleep(0.1)
    await stock.close()
    await fo.close()
    return got


async def probe(rest: str, ws: str, spec_path: str, future: str, option: str, lanes: int) -> dict:
    point_at(rest, ws)
    from programgarden_finance import LS

    # sync calls run in worker threads and block there while the client waits for its rate slot;
    # the client's async path also hops to a thread for every limit check. Enough workers keep
    # those checks from queueing behind blocked sync calls (which would delay sends by 0.5 s).
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=32))
    with open(spec_path, encoding="utf-8") as fh:
        spec = json.load(fh)
    ls = LS()
    if not await ls.async_login(appkey=APPKEY, appsecretkey=SECRET):
        return {"error": "login failed"}
    p = Probe(ls, spec, future, option)
    rounds_done = asyncio.Event()

    async def rounds() -> None:
        for _ in range(2):
            await p.one_round(lanes)
        rounds_done.set()

    pushes, _ = await asyncio.gather(realtime(ls, future, option, rounds_done.wait), rounds())
    return {"calls": p.calls, "pushes": pushes, "paging_trs": sorted(PAGING)}


def main() -> int:
    rest, ws, spec_path, future, option = sys.argv[1:6]
    lanes = int(sys.argv[6]) if len(sys.argv) > 6 else LANES
    try:
        results = asyncio.run(probe(rest, ws, spec_path, future, option, lanes))
    except Exception:
        print(json.dumps({"error": traceback.format_exc()}))
        return 2
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
