"""Bursts through one client with the default per-TR limits: refused calls, failed calls, throughput.

Two bursts against the embedded exchange on 127.0.0.1, every call fired at once (``gather``)
through one ``LS`` client whose limiter runs in "wait" mode with the spec's default limits:

* 1,000 mixed calls: stock and futures quotes (g3101, g3104, g3106, o3105, o3125) and new
  orders (COSAT00301 stock buys well below the market; 10 CIDBT00100 futures orders that rest), the
  other TRs sharing the calls in proportion to their limits so all finish together;
* 100 concurrent stock orders (COSAT00301).

The gateway is strict by default (``--gateway strict``): it counts each call when it *arrives*
and refuses (IGW00201) any call that would make more than N arrivals within T seconds — the
harshest reading of LS's limits, independent of how tolerant the exchange's own throttle is.
``--gateway exchange`` uses the exchange's own throttle instead, ``exchange-strict`` that
throttle in its strict mode. ``--pace`` picks how the
client's limiter frees a slot (app/ls/ratelimit.py): a window after the call's answer (default),
a window plus a margin measured from recent round trips after the grant, or a window after the
grant (the old way).

Figures: ``igw00201`` (refusals the gateway answered, retried or not), ``failed_calls`` (calls
that reached the caller as an error) — targets 0 and 0 — and ``throughput_share``: the time the
limits make the burst take at best (each TR: its calls in full windows) over the time it took
(target >= 0.9).

    python bench/burst.py [--calls 1000] [--orders 100] [--gateway strict|exchange|exchange-strict]
                          [--pace answer|margin|grant]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import Counter, deque
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.ls import LS, Endpoints, LSBusinessError, LSError, MemoryRateLimiter  # noqa: E402
from app.ls.client import tr_module  # noqa: E402
from app.ls.models.catalog import REST  # noqa: E402
from app.sim.exchange import start_exchange  # noqa: E402

KEY, SECRET = "BURST-APPKEY-00000000000000000000000", "BURST-SECRET-0000000000000000000000"
STOCKS = ("TSLA", "AAPL", "MSFT", "NVDA", "AMZN")
QUERY_TRS = ("g3101", "g3104", "g3106", "o3105", "o3125")
ORDER_TRS = ("COSAT00301",)
FUTURES_ORDERS = 10  # CIDBT00100 in the mix: each resting order holds margin of a 100k USD account


class StrictArrivalGateway:
    """Counts each call when it arrives; refuses one that makes more than N arrivals in T s."""

    def __init__(self) -> None:
        self.enabled = True
        self.scale = 1.0
        self.refused = 0
        self._calls: dict[tuple[str, str], deque[float]] = {}

    def allow(self, token: str, tr_cd: str, now: float, limit: tuple[int, float] | None = None) -> bool:
        now = time.monotonic()  # the arrival, not the exchange's (shiftable) wall clock
        if limit is None:
            info = REST.get(tr_cd)
            if info is None:
                return True
            limit = (info.rate_calls, info.rate_seconds)
        calls, window = limit
        q = self._calls.setdefault((token, tr_cd), deque())
        while q and now - q[0] >= window:
            q.popleft()
        if len(q) >= calls:
            self.refused += 1
            return False
        q.append(now)
        return True

    def reset(self) -> None:
        self._calls.clear()


class RefusalCounter:
    """Counts IGW00201 answers the exchange sent, whichever throttle refused them."""

    def __init__(self, limiter) -> None:
        self.inner = limiter
        self.refused = 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def allow(self, *args, **kwargs) -> bool:
        ok = self.inner.allow(*args, **kwargs)
        if not ok:
            self.refused += 1
        return ok


def split(total: int, trs: tuple[str, ...], fixed: dict[str, int]) -> dict[str, int]:
    """``total`` calls: ``fixed`` ones, the rest shared among ``trs`` in proportion to their limits."""
    rest = total - sum(fixed.values())
    rates = {tr: REST[tr].rate_calls / REST[tr].rate_seconds for tr in trs}
    whole = sum(rates.values())
    counts = {tr: int(rest * rate / whole) for tr, rate in rates.items()}
    for tr in sorted(trs, key=lambda t: -rates[t])[: rest - sum(counts.values())]:
        counts[tr] += 1
    return {**counts, **fixed}


def best_seconds(counts: dict[str, int]) -> float:
    """The least time the limits allow: each TR sends ``count`` calls per window, in full windows."""
    return max(((n - 1) // REST[tr].rate_calls) * REST[tr].rate_seconds for tr, n in counts.items() if n)


async def requests_for(ls: LS, counts: dict[str, int]) -> list[tuple[str, object]]:
    stock, fut = ls.overseas_stock(), ls.overseas_futureoption()
    master = await fut.market().o3101(body={"o3101InBlock": {"gubun": "1"}}).req_async()
    future = master.block[0].Symbol
    prices = {}
    for sym in STOCKS:
        q = await stock.market().g3101(body={"g3101InBlock": {"keysymbol": f"82{sym}", "exchcd": "82",
                                                               "symbol": sym}}).req_async()
        prices[sym] = q.block.price
    fq = await fut.market().o3105(body={"o3105InBlock": {"symbol": future}}).req_async()
    fprice = Decimal(str(fq.block.TrdP))
    await asyncio.sleep(1.0)  # the warm-up's slots leave the windows

    def body(tr: str, i: int) -> dict:
        sym = STOCKS[i % len(STOCKS)]
        if tr in ("g3101", "g3104", "g3106"):
            return {f"{tr}InBlock": {"delaygb": "R", "keysymbol": f"82{sym}", "exchcd": "82", "symbol": sym}}
        if tr == "o3105":
            return {"o3105InBlock": {"symbol": future}}
        if tr == "o3125":
            return {"o3125InBlock": {"mktgb": "F", "symbol": future}}
        if tr == "COSAT00301":
            price = (prices[sym] * Decimal("0.5")).quantize(Decimal("0.01"))  # rests, far below
            return {"COSAT00301InBlock1": {"RecCnt": 1, "OrdPtnCode": "02", "OrdMktCode": "82", "IsuNo": sym,
                                           "OrdQty": 1, "OvrsOrdPrc": price, "OrdprcPtnCode": "00"}}
        if tr == "CIDBT00100":  # buys well below and sells well above: they rest, and hold little margin
            side, factor = ("2", Decimal("0.8")) if i % 2 else ("1", Decimal("1.2"))
            price = float((fprice * factor).quantize(Decimal("0.01")))
            return {"CIDBT00100InBlock1": {"RecCnt": 1, "OrdDt": time.strftime("%Y%m%d"), "IsuCodeVal": future,
                                           "FutsOrdTpCode": "1", "BnsTpCode": side, "AbrdFutsOrdPtnCode": "2",
                                           "OvrsDrvtOrdPrc": price, "CndiOrdPrc": 0, "OrdQty": 1}}
        raise KeyError(tr)

    out = []
    for tr, n in counts.items():
        module = tr_module(tr)
        out += [(tr, module.Request.model_validate(body(tr, i))) for i in range(n)]
    return out


async def burst(ls: LS, calls: list[tuple[str, object]], gateway) -> dict:
    callers = {"stock": ls.overseas_stock().caller, "futureoption": ls.overseas_futureoption().caller}
    errors: Counter[str] = Counter()
    before = gateway.refused

    async def one(tr: str, request) -> None:
        try:
            resp = await callers[REST[tr].product].call(tr, request)
            if resp.rsp_cd.startswith("IGW"):
                errors[resp.rsp_cd] += 1
        except LSBusinessError as exc:
            errors[exc.rsp_cd] += 1
        except LSError as exc:
            errors[type(exc).__name__] += 1

    counts = Counter(tr for tr, _ in calls)
    started = time.monotonic()
    await asyncio.gather(*(one(tr, req) for tr, req in calls))
    took = time.monotonic() - started
    best = best_seconds(counts)
    return {"calls": len(calls), "seconds": round(took, 2), "best_seconds": round(best, 2),
            "igw00201": gateway.refused - before, "failed_calls": sum(errors.values()),
            "errors": dict(errors), "throughput_share": round(min(1.0, best / took) if took else 1.0, 3)}


async def main(total: int, orders: int, gateway_kind: str, pace: str) -> dict:
    db = Path(tempfile.mkdtemp(prefix="lsterm-burst-")) / "burst.sqlite"
    ex = await start_exchange(seed=5, db_path=db, port=0, rate_limits=True)
    if gateway_kind == "exchange-strict":
        if not hasattr(ex.limiter, "mode"):
            raise SystemExit("this exchange's throttle has no strict mode: use --gateway strict")
        ex.limiter.mode = "strict"
    gateway = StrictArrivalGateway() if gateway_kind == "strict" else RefusalCounter(ex.limiter)
    ex.limiter = gateway
    ls = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"), rate_limiter=MemoryRateLimiter(pace=pace))
    try:
        assert await ls.async_login(KEY, SECRET), ls.last_error
        mixed = await burst(ls, await requests_for(ls, split(total, QUERY_TRS + ORDER_TRS, {"CIDBT00100": FUTURES_ORDERS})), gateway)
        print(f"{total} mixed calls: {mixed}")
        await asyncio.sleep(1.0)
        order_calls = await requests_for(ls, {"COSAT00301": orders})
        await asyncio.sleep(1.0)
        burst_orders = await burst(ls, order_calls, gateway)
        print(f"{orders} concurrent orders: {burst_orders}")
    finally:
        await ls.aclose()
        await ex.stop()
    share = min(mixed["throughput_share"], burst_orders["throughput_share"])
    ok = (mixed["igw00201"] == mixed["failed_calls"] == burst_orders["igw00201"]
          == burst_orders["failed_calls"] == 0 and share >= 0.9)
    print(f"targets: igw00201 0, failed_calls 0, throughput_share >= 0.9 -> {'OK' if ok else 'MISSED'}")
    return {"gateway": gateway_kind, "pace": pace,
            "mixed": {k: mixed[k] for k in ("calls", "igw00201", "failed_calls", "throughput_share")},
            "orders": {k: burst_orders[k] for k in ("calls", "igw00201", "failed_calls", "throughput_share")},
            "igw00201": mixed["igw00201"] + burst_orders["igw00201"],
            "failed_calls": mixed["failed_calls"] + burst_orders["failed_calls"],
            "throughput_share": share}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--gateway", choices=("strict", "exchange", "exchange-strict"), default="strict")
    parser.add_argument("--pace", choices=MemoryRateLimiter.PACES, default="answer")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.calls, args.orders, args.gateway, args.pace))))
