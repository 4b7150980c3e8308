"""The embedded broker: accepts, matches, modifies and cancels orders, books fills, pushes events.

Every operation runs synchronously on the event loop: state changes and the SQLite write happen
before the order TR answers, and the account pushes they cause are queued and sent right after,
in the order a broker sends them (accept before fill, modify/cancel accept before confirm).
"""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.sim.broker import accounts as acc
from app.sim.broker.accounts import Account
from app.sim.broker.matching import match_trade, priority, take_liquidity
from app.sim.broker.market import MarketAdapter
from app.sim.broker.orders import (
    CANCELLED, DONE, E_CLOSED, E_FUNDS, E_MARGIN, E_MARKET, E_NO_QUOTE, E_NOT_WORKING, E_ORIG, E_PRICE,
    E_PRICE_TYPE, E_QTY, E_SELLABLE, E_SYMBOL, E_TICK, LIMIT, LIMIT_LIKE, MARKET, MARKET_LIKE,
    PRICE_BAND, REJECT_HALTED, REJECT_PRICE_BAND, REPLACED, WORKING, Fill, Order, fail,
)
from app.sim.broker.notify import Notifier
from app.sim.broker.pushes import Pushes
from app.sim.broker.recovery import open_or_replace
from app.sim.broker.reserved import ReservedBook
from app.sim.broker.routing import Routing
from app.sim.broker.settlement import settle_expired
from app.sim.broker.store import Store, StoreError, readable
from app.sim.broker.valuation import Valuation
from app.sim.registry import Instrument

log = logging.getLogger(__name__)
MAX_PRICE = Decimal("1e9")  # no listed instrument trades near it; 1e308 is a caller's mistake
KST = timezone(timedelta(hours=9))


def now_kst() -> datetime:
    return datetime.now(KST)


class Broker(Notifier, Valuation, Routing):
    """The broker half of the embedded exchange (one per Exchange)."""

    def __init__(self, exchange: Any, store_path: str | Path | None = None, *, clock=None,
                 keep_damaged: bool = False):
        """``keep_damaged`` (the demo): a database that cannot be used is kept aside and the broker
        starts with fresh accounts (broker.recovery; ``db_notice`` says so), instead of StoreError."""
        self.exchange = exchange
        self.market = MarketAdapter(exchange.market)
        ex_clock = getattr(exchange, "clock", None)
        if clock is None and ex_clock is not None and hasattr(ex_clock, "now"):
            clock = lambda: ex_clock.now().astimezone(KST)  # noqa: E731  (tests shift it)
        self.clock = clock or now_kst
        self.pushes = Pushes(exchange)
        self.orders: dict[tuple[str, int], Order] = {}
        self.working: dict[str, list[Order]] = defaultdict(list)  # symbol -> working orders
        path = str(store_path or ":memory:")
        self.db_notice: dict | None = None
        if keep_damaged:
            self.store, self.db_notice = open_or_replace(self._open, path)
        else:
            self.store = self._open(path)
        self._push_seq = itertools.count(1)
        self.market.add_trade_listener(self.on_trade)

    def _open(self, path: str) -> Store:
        """The broker's state loaded from ``path`` (StoreError when it cannot be used, closed)."""
        self.store = Store(path)
        self.orders.clear()
        self.working.clear()
        try:
            with readable(path):
                self._load()
        except StoreError:
            self.store.close()
            raise
        self.store.loaded()
        return self.store

    def _load(self) -> None:
        self.accounts: dict[str, Account] = self.store.load_accounts()
        for order in self.store.load_orders():
            self.orders[(order.product, order.ord_no)] = order
            if order.status == WORKING and order.remaining:
                self.working[order.symbol].append(order)
        self.fills: list[Fill] = self.store.load_fills()
        counters = self.store.counters()
        self._counters = {name: counters.get(name, 0) for name in ("stock", "future", "exec", "rsv")}
        self._seq = itertools.count(max((o.seq for o in self.orders.values()), default=0) + 1)
        self.reserved = ReservedBook(self)

    # --- accounts ---------------------------------------------------------------------------

    def account(self, app_key: str) -> Account:
        """The demo account of ``app_key``, opened with the starting balances on first use."""
        acct = self.accounts.get(app_key)
        if acct is None:
            acct = self.accounts[app_key] = Account.new(app_key)
            with self.store.tx():
                self.store.save_account(acct)
        return acct

    def reset(self, app_key: str) -> Account:
        """Back to the starting balances: positions, orders and fills of ``app_key`` are gone."""
        for sym, lst in self.working.items():
            lst[:] = [o for o in lst if o.app_key != app_key]
        self.orders = {k: o for k, o in self.orders.items() if o.app_key != app_key}
        self.fills = [f for f in self.fills if f.app_key != app_key]
        self.reserved.forget(app_key)
        with self.store.tx():
            self.store.delete_account(app_key)
        self.accounts.pop(app_key, None)
        return self.account(app_key)

    def reset_all(self) -> None:
        """Every demo account back to the starting balances (CLI / tests)."""
        for app_key in list(self.accounts):
            self.reset(app_key)

    def orders_of(self, app_key: str, product: str) -> list[Order]:
        return [o for o in self.orders.values() if o.app_key == app_key and o.product == product]

    def fills_of(self, app_key: str, product: str) -> list[Fill]:
        return [f for f in self.fills if f.app_key == app_key and f.product == product]

    def working_of(self, app_key: str) -> list[Order]:
        return [o for lst in self.working.values() for o in lst if o.app_key == app_key]

    # --- hooks the Exchange calls ----------------------------------------------------------

    def ensure_account(self, app_key: str) -> None:
        self.account(app_key)

    def start(self) -> None:
        self._cancel_expired()
        settle_expired(self)
        for app_key in list(self.accounts):
            self.reserved.release_due(app_key)

    def _cancel_expired(self) -> None:
        """Working orders on contracts no longer listed (expired since the last run) are dead:
        nothing trades them and no request can name them, so they are cancelled."""
        dead = [o for lst in self.working.values() for o in lst if self.market.instrument(o.symbol) is None]
        if not dead:
            return
        with self.store.tx():
            for order in dead:
                order.cancelled += order.remaining
                order.status = CANCELLED
                self._unwork(order)
                self.store.save_order(order)

    async def stop(self) -> None:
        self.flush_routing()
        await self.pushes.flush()
        self.market_detach()
        self.store.close()

    def market_detach(self) -> None:
        remove = getattr(self.market.market, "remove_trade_listener", None)
        if remove is not None:
            remove(self.on_trade)

    def instrument(self, symbol: str, product: str) -> Instrument:
        inst = self.market.instrument(symbol)
        if inst is None or (inst.product == "stock") != (product == "stock"):
            raise fail(E_SYMBOL)
        return inst

    # --- orders -----------------------------------------------------------------------------

    def _next(self, counter: str) -> int:
        self._counters[counter] += 1
        self.store.save_counter(counter, self._counters[counter])
        return self._counters[counter]

    def _stamp(self) -> tuple[str, str]:
        now = self.clock()
        return now.strftime("%Y%m%d"), now.strftime("%H%M%S") + f"{now.microsecond // 1000:03d}"

    def _check_price(self, inst: Instrument, price: Decimal, price_type: str) -> Decimal:
        if price_type in MARKET_LIKE:
            return Decimal(0)
        if price_type not in LIMIT_LIKE:
            raise fail(E_PRICE_TYPE)
        if price is None or not price.is_finite() or price <= 0 or price > MAX_PRICE:
            raise fail(E_PRICE)
        tick = self.market.tick_size(inst, price)
        if tick and price % tick != 0:
            raise fail(E_TICK)
        return price

    def _new_order(self, app_key: str, inst: Instrument, side: str, qty: int, price: Decimal,
                   price_type: str, kind: str = "new", org: int = 0, market_code: str = "") -> Order:
        product = "stock" if inst.product == "stock" else "future"
        date, time = self._stamp()
        order = Order(
            ord_no=self._next(product), app_key=app_key, product=product, symbol=inst.symbol,
            side=side, qty=qty, price=price, price_type=price_type, kind=kind, org_ord_no=org,
            market_code=market_code or (inst.exchange if product == "stock" else ""),
            ord_date=date, ord_time=time, seq=next(self._seq))
        self.orders[(product, order.ord_no)] = order
        return order

    def place(self, app_key: str, product: str, symbol: str, side: str, qty: Any,
              price: Decimal, price_type: str, market_code: str = "", loan_dt: str = "") -> Order:
        """Check and accept a new order, then match what it can take at once (``loan_dt``: a
        stock sale repaying that loan, checked by the caller)."""
        acct = self.account(app_key)
        inst = self.instrument(symbol, product)
        if product == "stock" and market_code and market_code != inst.exchange:
            raise fail(E_MARKET)
        if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
            raise fail(E_QTY)
        price = self._check_price(inst, Decimal(price or 0), price_type)
        open_now = self.market.is_open(inst.symbol)
        if price_type == MARKET and not open_now:
            raise fail(E_CLOSED)
        levels = self.market.levels(inst.symbol, side)
        if price_type in MARKET_LIKE and not levels:
            raise fail(E_NO_QUOTE)
        working = self.working_of(app_key)
        if product == "stock":
            self._check_stock(acct, inst, side, qty, price, price_type, levels, working, loan_dt)
        else:
            if not self.futures_order_fits(acct, working, inst.symbol, side, qty, price):
                raise fail(E_MARGIN)
        took = False
        with self.store.tx():
            order = self._new_order(app_key, inst, side, qty, price, price_type,
                                    market_code=market_code)
            order.loan_dt = loan_dt
            self.working[inst.symbol].append(order)
            self._accepted(acct, inst, order)
            verdict = self.exchange_verdict(inst, order)
            if verdict is not None:  # the exchange refuses it: AS4 / TC2 HO03 after the answer
                self._unwork(order)
                self.route_reject(acct, inst, order, verdict)
            else:
                self._confirmed(acct, inst, order)
                if open_now:  # a closed market's book has nobody behind it: rest until it trades
                    took = self._take(acct, inst, order)
            self.store.save_order(order)
        if took:
            self.market.book_changed(inst.symbol)
        return order

    def _check_stock(self, acct: Account, inst: Instrument, side: str, qty: int, price: Decimal,
                     price_type: str, levels: list, working: list[Order], loan_dt: str = "") -> None:
        if side == "1":
            if qty > acc.stock_sellable(acct, inst.symbol, working, loan_dt):
                raise fail(E_SELLABLE)
            return
        if price_type in MARKET_LIKE:
            probe = Order(0, acct.app_key, "stock", inst.symbol, "2", qty, Decimal(0), price_type)
            cost = sum((p * q for q, p in take_liquidity(probe, levels)), Decimal(0))
        else:
            cost = price * qty
        if cost > acc.stock_orderable(acct, working):
            raise fail(E_FUNDS)

    def modify(self, app_key: str, product: str, org_ord_no: int, price: Decimal, qty: int = 0,
               symbol: str = "", price_type: str = LIMIT) -> Order:
        """Replace the working quantity of an order with a new limit price (a new order number)."""
        acct = self.account(app_key)
        orig = self._original(app_key, product, org_ord_no, symbol)
        inst = self.instrument(orig.symbol, product)
        if price_type not in LIMIT_LIKE:
            raise fail(E_PRICE_TYPE)
        price = self._check_price(inst, Decimal(price or 0), price_type)
        if not isinstance(qty, int) or qty < 0:
            raise fail(E_QTY)
        last = self.market.last(inst.symbol)
        if last and abs(price - last) > last * PRICE_BAND:  # the original keeps working
            raise fail(REJECT_PRICE_BAND)
        if self.is_halted(inst.symbol):
            raise fail(REJECT_HALTED)
        new_qty = qty if 0 < qty < orig.remaining else orig.remaining
        working = [o for o in self.working_of(app_key) if o is not orig]
        if product == "stock" and orig.side == "2":
            if price * new_qty > acc.stock_orderable(acct, working):
                raise fail(E_FUNDS)
        took = False
        with self.store.tx():
            order = self._new_order(app_key, inst, orig.side, new_qty, price, price_type, "modify",
                                    orig.ord_no, orig.market_code)
            order.loan_dt = orig.loan_dt
            moved = orig.remaining
            orig.replaced += moved
            orig.status = REPLACED
            self._unwork(orig)
            self._modified(acct, inst, orig, order)
            self.working[inst.symbol].append(order)
            if self.market.is_open(inst.symbol):
                took = self._take(acct, inst, order)
            self.store.save_order(orig)
            self.store.save_order(order)
        if took:
            self.market.book_changed(inst.symbol)
        return order

    def cancel(self, app_key: str, product: str, org_ord_no: int, qty: int = 0,
               symbol: str = "") -> Order:
        """Cancel the remaining quantity (or ``qty`` of it) of a working order."""
        acct = self.account(app_key)
        orig = self._original(app_key, product, org_ord_no, symbol)
        inst = self.instrument(orig.symbol, product)
        if not isinstance(qty, int) or qty < 0:
            raise fail(E_QTY)
        take = qty if 0 < qty < orig.remaining else orig.remaining
        with self.store.tx():
            order = self._new_order(app_key, inst, orig.side, take, orig.price, orig.price_type,
                                    "cancel", orig.ord_no, orig.market_code)
            orig.cancelled += take
            if not orig.remaining:
                orig.status = CANCELLED
                self._unwork(orig)
            order.status = DONE
            self._cancelled(acct, inst, orig, order)
            self.store.save_order(orig)
            self.store.save_order(order)
        return order

    def _original(self, app_key: str, product: str, ord_no: Any, symbol: str) -> Order:
        try:
            key = (product, int(ord_no))
        except (TypeError, ValueError):
            raise fail(E_ORIG) from None
        orig = self.orders.get(key)
        if orig is None or orig.app_key != app_key or orig.kind == "cancel":
            raise fail(E_ORIG)
        if symbol and symbol.strip():
            inst = self.market.instrument(symbol)
            if inst is None or inst.symbol != orig.symbol:
                raise fail(E_ORIG)
        if orig.status != WORKING or not orig.remaining:
            raise fail(E_NOT_WORKING)
        return orig

    def _unwork(self, order: Order) -> None:
        lst = self.working.get(order.symbol)
        if lst and order in lst:
            lst.remove(order)

    # --- fills ------------------------------------------------------------------------------

    def _take(self, acct: Account, inst: Instrument, order: Order) -> bool:
        """``order`` takes the opposite levels of the book it reaches, as on a real exchange: the
        levels it empties leave the market's book, so what rests of it is not at or through the
        new touch. True when it took anything."""
        fills = take_liquidity(order, self.market.levels(inst.symbol, order.side))
        for qty, price in fills:
            self.market.consume(inst.symbol, order.side, price, qty)
            self._fill(acct, inst, order, qty, price)
        return bool(fills)

    def on_trade(self, symbol: str, price: Any, qty: Any, ts: Any = None) -> None:
        """The market printed a trade: fill the resting orders it reaches, then let the resting
        limits the new book reaches take it (the trade rebuilt the book around its price)."""
        working = self.working.get(symbol)
        if not working:
            return
        price = price if isinstance(price, Decimal) else Decimal(str(price))
        fills = match_trade(working, price, int(qty))
        inst = self.market.instrument(symbol)
        if inst is None:
            return
        with self.store.tx():
            for order, fill_qty, fill_price in fills:
                self._fill(self.account(order.app_key), inst, order, fill_qty, fill_price)
                self.store.save_order(order)
            self._sweep(inst)

    def _sweep(self, inst: Instrument) -> None:
        """Resting limit orders that the book's opposite touch has reached (the ask fell to or
        under a buy, the bid rose to or over a sell) take it now, best order first, each at the
        levels' prices up to its limit, as a marketable order would on arrival. Afterwards no
        resting order is at or through the touch the exchange publishes."""
        if not self.market.is_open(inst.symbol):
            return
        for side in ("2", "1"):
            resting = [o for o in self.working.get(inst.symbol, ()) if o.side == side and o.remaining
                       and not o.is_market]
            for order in sorted(resting, key=priority):
                levels = self.market.levels(inst.symbol, side)
                if not levels or not order.crosses(levels[0][0]):
                    break  # by priority: no later order reaches the touch either
                if self._take(self.account(order.app_key), inst, order):
                    self.store.save_order(order)

    force_trade = on_trade  # test hook: make the market "print" a trade at a chosen price

    def _fill(self, acct: Account, inst: Instrument, order: Order, qty: int, price: Decimal) -> None:
        date, time = self._stamp()
        fill = Fill(exec_no=self._next("exec"), ord_no=order.ord_no, app_key=acct.app_key,
                    product=order.product, symbol=order.symbol, side=order.side, qty=qty,
                    price=price, exec_date=date, exec_time=time)
        order.add_fill(qty, price)
        if order.product == "stock":
            pos = acc.apply_stock_fill(acct, fill, order.loan_dt)
        else:
            pos = acc.apply_future_fill(acct, fill, inst, self.market.usd_per(inst.currency))
        if order.status != WORKING:
            self._unwork(order)
        self.fills.append(fill)
        self.store.save_fill(fill)
        self.store.save_position(acct.app_key, order.product, pos)
        if order.loan_dt and (order.symbol, order.loan_dt) in acct.loans:
            self.store.save_loan(acct.app_key, acct.loans[(order.symbol, order.loan_dt)])
        self.store.save_account(acct)
        self._filled(acct, inst, order, fill, pos)
