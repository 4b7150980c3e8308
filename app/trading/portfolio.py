"""The portfolio: positions and balances of the stock and futures accounts, kept live from fills and marked to the hub.

Data path. At start the account queries (see `portfolio_load`) give positions and money; account
pushes (AS1 stock fills, TC3 futures fills) then move them at once, and every push schedules a
debounced re-query so the server stays the truth. A re-query after every realtime reconnect
catches what the pushes missed while the socket was down.

Never counted twice. A fill is booked once by its id (order and execution numbers) in the day's
`FillLedger`, which also keeps its realised P&L across restarts. Positions take the size and
average the push reports *after* the fill (absolute, so a replayed push changes nothing), and only
from a push newer than the last one applied to that symbol (an older push arriving late is already
part of the newer state). A query answer that was asked for before a fill of a symbol arrived does
not overwrite that symbol: the fill's own re-query follows.

Unrealised P&L is `(last - average) x quantity x point value` with the hub's last price (the
server's price of the last query until the hub has one); totals are kept per account and
currency and converted to KRW at the rate LS reports (COSOQ00201/COSOQ02701 `BaseXchrat`,
CIDBQ05300 `Xchrat`). No Qt: listeners are plain callables.

The day's futures P&L. After the first futures query of a day, CIDEQ00800 of the previous business
day (the weekday before today's Korean date) gives each contract's opening position: quantity and
side, the price it was valued at (OvrsDrvtNowPrc) and its open P&L there (FcurrEvalPnlAmt). A
contract's day P&L is its open P&L now plus today's realised less that opening P&L — what it made
since the previous close; the futures balance adds contracts closed today.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.trading.portfolio_apply import FillApplier
from app.trading.portfolio_money import BalanceBook
from app.trading.portfolio_fills import FillEvent, FillLedger, futures_fill, stock_fill
from app.trading.portfolio_load import Snapshot, load_futures, load_openings, load_stock, previous_business_day
from app.trading.portfolio_model import Balance, Opening, Position, dec
from app.trading.reconcile import today

log = logging.getLogger(__name__)

ACCOUNTS = ("stock", "futures")
STOCK_PUSHES = ("AS0", "AS1", "AS2", "AS3", "AS4")
FUTURES_PUSHES = ("TC1", "TC2", "TC3")
Listener = Callable[[], None]

__all__ = ["Balance", "PortfolioService", "Position"]


class PortfolioService(FillApplier, BalanceBook):
    """`positions()`, `position(symbol)`, `balances()`, `add_listener(cb)`, `version`."""

    def __init__(self, client: Any, hub: Any = None, instruments: Any = None, *, orders: Any = None,
                 ledger_dir: Path | None = None, ledger_tag: str = "", debounce: float = 0.5,
                 retry_delay: float = 5.0, accounts: tuple[str, ...] = ACCOUNTS):
        self.client = client
        self.hub = hub
        self.instruments = instruments if instruments is not None else getattr(hub, "instruments", None)
        self.orders = orders
        self.ledger_dir = Path(ledger_dir) if ledger_dir is not None else None
        self.ledger_tag = ledger_tag
        self.debounce = debounce
        self.retry_delay = retry_delay
        self.accounts = tuple(a for a in accounts if a in ACCOUNTS)
        self.version = 0
        self.loaded: set[str] = set()  # accounts whose first query answered
        self.errors: dict[str, str] = {}  # account -> why its last query failed ('' when fine)
        self.problems: list[str] = []  # data the server sent that could not be used (newest last)
        self.queries = 0  # rounds of account queries made (tests, status)
        self.ledger = FillLedger()
        self._pos: dict[str, Position] = {}
        self._bal: dict[tuple[str, str], Balance] = {}  # (account, currency) -> balance
        self._server_pnl: dict[tuple[str, str], Decimal] = {}  # futures open P&L at the last query
        self._openings: dict[str, Opening] | None = None  # futures at the previous close (CIDEQ00800)
        self._openings_day = ""  # the day they are of
        self._openings_tries = 0
        self._openings_task: asyncio.Task | None = None
        self._rates: dict[str, Decimal] = {}  # currency -> KRW
        self._seq: dict[str, int] = {}  # symbol -> execution number of the last push applied
        self._acct_seq: dict[str, int] = {}  # account -> execution number of the last cash update
        self._gen = 0  # counts applied fills
        self._touched: dict[str, int] = {}  # symbol or account -> generation of its last fill
        self._listeners: list[Listener] = []
        self._handles: list[Any] = []
        self._removers: list[Callable[[], Any]] = []
        self._watcher = hub.watcher("portfolio") if hub is not None else None
        self._want: set[str] = set()
        self._refresher: asyncio.Task | None = None
        self._sleeping = False  # the refresher is still waiting out its delay (it may be cut short)
        self._due = 0.0
        self._tasks: set[asyncio.Task] = set()
        self._pending: list[tuple[str, Any]] | None = []  # pushes that arrived before the first load
        self._links: dict[str, str] = {}
        self._account_no: dict[str, str] = {}
        self._last_avg: dict[str, Decimal] = {}  # symbol -> its average while last held
        self._reconcile = "stock" in self.accounts  # look for sales whose pushes were missed
        self._failures: dict[str, int] = {}
        self._closed = False

    # ---- reading ---------------------------------------------------------------------------
    def positions(self) -> list[Position]:
        """Open positions (stocks first, then futures/options, by symbol), marked to the hub."""
        out = sorted(self._pos.values(), key=lambda p: (p.account != "stock", p.symbol))
        for p in out:
            self._mark(p)
        return out

    def position(self, symbol: str) -> Position | None:
        p = self._pos.get(symbol.strip().upper())
        if p is not None:
            self._mark(p)
        return p

    def symbols(self) -> list[str]:
        return sorted(self._pos)

    def _mark(self, p: Position) -> None:
        q = self.hub.quote(p.symbol) if self.hub is not None else None
        last = getattr(q, "last", None)
        p.last = dec(last) if last is not None else p.server_last
        p.krw_rate = self._rates.get(p.currency)
        if p.account == "futures" and self._openings is not None:
            p.opening = self._openings.get(p.symbol) or Opening(self._openings_day, currency=p.currency)

    def realized(self, account: str | None = None) -> Decimal:
        return sum((v for a, _s, v in self.ledger.realized.values() if account in (None, a)), Decimal(0))

    @property
    def idle(self) -> bool:
        """No re-query is waiting or running (tests, status)."""
        return not self._want and (self._refresher is None or self._refresher.done())

    @property
    def error(self) -> str:
        return "; ".join(f"{a}: {e}" for a, e in self.errors.items() if e)

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call `listener()` after every change of positions, balances or errors; returns a remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self) -> None:
        self.version += 1
        self._sync_watch()
        for cb in list(self._listeners):
            try:
                cb()
            except Exception:
                log.exception("portfolio listener failed")

    def _sync_watch(self) -> None:
        if self._watcher is None or self._watcher.closed:
            return
        want = set(self._pos)
        for sym in set(self._watcher.symbols) - want:
            self._watcher.unwatch(sym)
        for sym in want - set(self._watcher.symbols):
            self._watcher.watch(sym)

    def _problem(self, text: str) -> None:
        log.warning("portfolio: %s", text)
        self.problems = (self.problems + [text])[-50:]

    # ---- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Listen to the account pushes, then load both accounts (errors are kept in `errors`)."""
        for account in self.accounts:
            await self._listen(account)
        if self.orders is not None and hasattr(self.orders, "add_listener"):
            remover = self.orders.add_listener(self._on_order_event)
            if callable(remover):
                self._removers.append(remover)
        if self.orders is not None and hasattr(self.orders, "holdings"):
            self.orders.holdings = self.position  # a sale of a loan holding repays it (COSMT00300)
            self.orders.krw_rate = self._rates.get  # the fat-finger value limit is in dollars
            self._removers.append(self._unlink_holdings)
        await self._load(set(self.accounts))
        self._open_ledger()
        pending, self._pending = self._pending or [], None
        for account, resp in pending:
            self._on_push(account, resp)
        if self._reconcile and "stock" in self.loaded:
            await self._reconcile_sales()

    def _unlink_holdings(self) -> None:
        if getattr(self.orders, "holdings", None) == self.position:
            self.orders.holdings = None
            self.orders.krw_rate = None

    async def _listen(self, account: str) -> None:
        facade = self.client.overseas_stock() if account == "stock" else self.client.overseas_futureoption()
        real = facade.real()
        for tr in STOCK_PUSHES if account == "stock" else FUTURES_PUSHES:
            self._handles.append(real.add_listener(tr, lambda resp, a=account: self._on_push(a, resp)))
        self._removers.append(real.add_state_listener(lambda s, a=account: self._on_link(a, s)))
        self._links[account] = str(getattr(real.state, "value", real.state))
        try:
            await real.connect()  # idempotent: the session may have opened it already
            await real.session.register_account("AS0" if account == "stock" else "TC1")
        except Exception as exc:
            self._problem(f"{account} account pushes not registered ({exc}); positions follow the queries")

    def _open_ledger(self) -> None:
        if self.ledger_dir is None:
            return
        from app.trading.instruments import exchange_day

        numbers = "-".join(n for n in (self._account_no.get(a, "") for a in ACCOUNTS) if n) or "account"
        tag = f"{self.ledger_tag}-" if self.ledger_tag else ""
        path = self.ledger_dir / f"fills-{tag}{numbers}-{exchange_day()}.jsonl"
        booked = self.ledger.realized
        self.ledger = FillLedger(path)
        self.ledger.realized.update({k: v for k, v in booked.items() if k not in self.ledger.realized})
        self._reprice_realized()
        self._changed()

    async def close(self) -> None:
        self._closed = True
        for h in self._handles:
            h.remove()
        for r in self._removers:
            try:
                r()
            except Exception:
                pass
        self._handles, self._removers = [], []
        tasks = list(self._tasks)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._watcher is not None:
            self._watcher.close()

    def _spawn(self, coro: Any, what: str) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("portfolio: %s failed: %s", what, t.exception())
        task.add_done_callback(done)
        return task

    # ---- queries ---------------------------------------------------------------------------
    def refresh_soon(self, account: str | None = None, delay: float | None = None) -> None:
        """Re-query `account` (both when None) once, after `delay` (the debounce by default)."""
        if self._closed:
            return
        self._want |= {account} if account else set(self.accounts)
        self._want &= set(self.accounts)
        delay = self.debounce if delay is None else delay
        due = asyncio.get_running_loop().time() + delay
        if self._refresher is not None and not self._refresher.done():
            if not self._sleeping or due >= self._due:
                return  # the pending round will ask (a running one loops again for what came in)
            self._refresher.cancel()  # sooner than planned (a reconnect): start over now
        self._due, self._sleeping = due, True
        self._refresher = self._spawn(self._refresh_loop(delay), "re-query")

    async def refresh(self, account: str | None = None) -> None:
        """Re-query now and wait for the answer."""
        await self._load({account} if account else set(self.accounts))

    async def _refresh_loop(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._sleeping = False
        while self._want and not self._closed:
            want, self._want = self._want, set()
            await self._load(want)
            if self._want:
                await asyncio.sleep(self.debounce)

    async def _load(self, accounts: set[str]) -> None:
        # side by side: their TRs have limits of their own, and one after the other the stock
        # account (asked second) came 2 s after the futures one at start
        results = await asyncio.gather(*(self._load_one(a) for a in sorted(accounts)), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result

    async def _load_one(self, account: str) -> None:
        gen = self._gen
        self.queries += 1
        try:
            if account == "stock":
                snap = await load_stock(self.client, self.instruments)
            else:
                snap = await load_futures(self.client, self.instruments)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            reason = getattr(exc, "rsp_msg", None) or str(exc) or type(exc).__name__
            self.errors[account] = str(reason)
            log.warning("portfolio: %s account query failed: %s", account, reason)
            n = self._failures[account] = self._failures.get(account, 0) + 1
            self._changed()
            if not self._closed:  # try again, more slowly each time, until it answers
                self._spawn(self._retry(account, min(60.0, self.retry_delay * n)), "retry")
            return
        self._failures.pop(account, None)
        self.errors.pop(account, None)
        self._apply(account, snap, gen)
        if account == "futures" and (self._openings_task is None or self._openings_task.done()):
            self._openings_task = self._spawn(self._load_openings(), "opening positions")  # off the start path
        if account == "stock" and self._reconcile and self._pending is None:
            await self._reconcile_sales()

    async def _load_openings(self) -> None:
        """The previous business day's futures positions (CIDEQ00800), once a day (three tries)."""
        day = previous_business_day(today())
        if day == self._openings_day or self._openings_tries >= 3 and self._openings_day == f"-{day}":
            return
        try:
            openings, problems = await load_openings(self.client, day)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._openings_tries = self._openings_tries + 1 if self._openings_day == f"-{day}" else 1
            self._openings_day = f"-{day}"  # not loaded: asked again with the next futures query
            self._problem(f"futures positions of {day} (CIDEQ00800) not loaded: "
                          f"{getattr(exc, 'rsp_msg', None) or exc}; no day P&L")
            return
        for text in problems:
            self._problem(text)
        self._openings, self._openings_day, self._openings_tries = openings, day, 0
        self._changed()

    async def _retry(self, account: str, delay: float) -> None:
        await asyncio.sleep(delay)
        self.refresh_soon(account, 0)

    def _apply(self, account: str, snap: Snapshot, gen: int) -> None:
        for text in snap.problems:
            self._problem(text)
        if snap.account_no:
            self._account_no[account] = snap.account_no
        old = {s: p for s, p in self._pos.items() if p.account == account}
        keep = {s for s in set(old) | set(snap.positions) if self._touched.get(s, -1) > gen}
        keep |= snap.unreadable
        new: dict[str, Position] = {}
        for sym, p in snap.positions.items():
            if sym not in keep:
                new[sym] = p
        for sym in keep:
            if sym in old:
                new[sym] = old[sym]
        for sym in old:
            self._pos.pop(sym, None)
        self._pos.update(new)
        self._last_avg.update({s: p.avg_price for s, p in new.items()})
        self._rates.update(snap.krw_rates)
        touched = self._touched.get(account, -1) > gen
        for (a, ccy) in [k for k in self._bal if k[0] == account]:
            if ccy not in snap.balances:
                del self._bal[(a, ccy)]
        for ccy, b in snap.balances.items():
            prev = self._bal.get((account, ccy))
            if touched and prev is not None and account == "stock":
                b.cash, b.buying_power = prev.cash, prev.buying_power  # a fill's figures are newer
            self._bal[(account, ccy)] = b
            if account == "futures":
                self._server_pnl[(account, ccy)] = snap.server_pnl.get(ccy, b.unrealized or Decimal(0))
        self._reprice_realized()
        self.loaded.add(account)
        self._changed()

    def _reprice_realized(self) -> None:
        for account in ACCOUNTS:
            for sym, value in self.ledger.realized_by_symbol(account).items():
                p = self._pos.get(sym)
                if p is not None and p.account == account:
                    p.realized = value

    # ---- pushes ----------------------------------------------------------------------------
    def _on_link(self, account: str, state: Any) -> None:
        name = str(getattr(state, "value", state))
        before, self._links[account] = self._links.get(account), name
        if name == "connected" and before not in (None, "connected", "connecting"):
            log.info("portfolio: %s realtime is back; re-querying the account", account)
            self._reconcile = self._reconcile or account == "stock"
            self.refresh_soon(account, 0)

    def _on_order_event(self, kind: Any, item: Any = None) -> None:
        """The order manager's events: a fill it reconciled is re-queried (never applied twice)."""
        if kind == "fill" and item is not None:
            symbol = str(getattr(item, "symbol", "")).upper()
            inst = self.instruments.get(symbol) if self.instruments is not None and symbol else None
            self.refresh_soon(None if inst is None else ("stock" if inst.market == "stock" else "futures"))

    def handle_push(self, resp: Any) -> None:
        """Apply one account push (what the realtime listeners call; tests replay through it)."""
        tr = str(getattr(resp.header, "tr_cd", "") or "")
        self._on_push("stock" if tr.startswith("AS") else "futures", resp)

    def _on_push(self, account: str, resp: Any) -> None:
        if self._closed:
            return
        if self._pending is not None:
            self._pending.append((account, resp))
            return
        body, tr = resp.body, str(getattr(resp.header, "tr_cd", "") or "")
        if body is None:
            self._problem(f"{tr} push without a body skipped")
            return
        fill: FillEvent | str | None = None
        if tr == "AS1" and (body.sOrdxctPtnCode or "").strip() == "11":
            fill = stock_fill(body)
        elif tr == "TC3" and (body.svc_id or "").strip() in ("CH01", ""):
            fill = futures_fill(body)
        if isinstance(fill, str):
            self._problem(fill + "; the account is re-queried")
        elif fill is not None:
            self._apply_fill(fill, body)
        self.refresh_soon(account)
