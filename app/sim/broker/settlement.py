"""Positions in futures that expired while the exchange was down are settled when it starts.

The expired contract is gone from the master, so its final price is taken from the nearest
listed contract of the same root (same contract size, tick value and currency) — what a
trader would see as the roll price. Without such a contract the position closes at its own
average price (no P&L). Settlement is booked like a fill (order number 0, no fee) so every
account TR shows it.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import Any

from app.sim.broker import accounts as acc
from app.sim.broker.orders import Fill

log = logging.getLogger(__name__)

_MONTH_CODE = re.compile(r"^(?P<root>.+?)[FGHJKMNQUVXZ]\d{2}$")


def root_of(symbol: str) -> str:
    match = _MONTH_CODE.match(symbol)
    return match.group("root") if match else symbol


def settle_expired(broker: Any) -> int:
    """Close every open futures position whose contract is no longer listed; returns how many."""
    settled = 0
    for acct in list(broker.accounts.values()):
        for symbol, pos in list(acct.futures.items()):
            if pos.qty == 0 or broker.market.instrument(symbol) is not None:
                continue
            proxy = _nearest_listed(broker, root_of(symbol))
            price = broker.market.last(proxy.symbol) if proxy is not None else pos.avg_price
            side = "1" if pos.qty > 0 else "2"  # sell a long, buy back a short
            date, time = broker._stamp()
            fill = Fill(exec_no=broker._next("exec"), ord_no=0, app_key=acct.app_key, product="future",
                        symbol=symbol, side=side, qty=abs(pos.qty), price=Decimal(price),
                        exec_date=date, exec_time=time)
            with broker.store.tx():
                if proxy is not None:
                    acc.apply_future_fill(acct, fill, proxy, broker.market.usd_per(proxy.currency))
                    acct.fut_fees -= fill.fee  # settlement carries no commission
                    acct.fut_deposit += fill.fee
                    fill.fee = Decimal(0)
                else:
                    pos.qty, pos.cost = 0, Decimal(0)
                broker.fills.append(fill)
                broker.store.save_fill(fill)
                broker.store.save_position(acct.app_key, "future", pos)
                broker.store.save_account(acct)
            log.info("settled expired %s x%d at %s (realised %s USD)", symbol, fill.qty, fill.price, fill.realised)
            settled += 1
    return settled


def _nearest_listed(broker: Any, root: str) -> Any:
    listed = [i for i in broker.market.market.instruments("future") if i.root == root]
    return min(listed, key=lambda i: i.expiry) if listed else None
