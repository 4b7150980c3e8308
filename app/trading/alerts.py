"""Price alerts ("last ≥ price" / "last ≤ price"): fire exactly once, kept in a JSON file across restarts.

Qt-free. The book watches its symbols through the market-data hub itself (its own watcher and a
trade listener per symbol), so an alert fires whether or not any panel shows the symbol. A
damaged file is moved aside (never overwritten) and the reason kept in `problem` for the UI.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = 1
OPS = (">=", "<=")


class AlertError(ValueError):
    """A refused alert. `kind`: unknown | bad_price | bad_op."""

    def __init__(self, kind: str, symbol: str = "", detail: str = ""):
        self.kind, self.symbol, self.detail = kind, symbol, detail
        super().__init__(f"{kind}: {symbol} {detail}".strip())


@dataclass
class Alert:
    id: str
    symbol: str
    op: str  # ">=" | "<="
    price: float
    created: float  # epoch seconds
    triggered: bool = False
    triggered_at: float | None = None  # epoch seconds
    triggered_price: float | None = None

    def hit(self, last: float) -> bool:
        return last >= self.price if self.op == ">=" else last <= self.price


class AlertBook:
    def __init__(self, path: Path | None, clock: Callable[[], float] = time.time):
        self.path = Path(path) if path is not None else None
        self.clock = clock
        self.alerts: list[Alert] = []
        self.problem: str | None = None  # a damaged file was moved here (for the UI to say)
        self.fired_listeners: list[Callable[[Alert], None]] = []
        self.changed_listeners: list[Callable[[], None]] = []
        self.hub: Any = None
        self._watcher: Any = None
        self._removers: dict[str, Callable[[], None]] = {}
        self.load()

    # ---- persistence -------------------------------------------------------------------------
    def load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not an lsterm alerts file")
            names = {f.name for f in fields(Alert)}
            items = []
            for raw in data["alerts"]:
                a = Alert(**{k: v for k, v in raw.items() if k in names})
                if a.op not in OPS or not isinstance(a.price, int | float) or not a.symbol:
                    raise ValueError(f"bad alert {raw!r}")
                items.append(a)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            aside = self.path.with_name(f"{self.path.stem}.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json")
            try:
                os.replace(self.path, aside)
            except OSError:
                aside = self.path
            self.problem = str(aside)
            log.warning("alerts file %s is damaged (%s); kept as %s, starting with no alerts",
                        self.path.name, exc, aside.name)
            return
        self.alerts = items

    def save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"format": FORMAT, "alerts": [asdict(a) for a in self.alerts]},
                                      ensure_ascii=False, indent=1), "utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.error("alerts not saved: %s", exc)

    # ---- editing -----------------------------------------------------------------------------
    def active(self) -> list[Alert]:
        return [a for a in self.alerts if not a.triggered]

    def add(self, symbol: str, op: str, price: float) -> Alert:
        symbol = (symbol or "").strip().upper()
        if op not in OPS:
            raise AlertError("bad_op", symbol, op)
        try:
            price = float(price)
        except (TypeError, ValueError):
            raise AlertError("bad_price", symbol, str(price)) from None
        if not math.isfinite(price) or price <= 0:
            raise AlertError("bad_price", symbol, str(price))
        if not symbol or (self.hub is not None and self.hub.known(symbol) is False):
            raise AlertError("unknown", symbol)
        alert = Alert(uuid.uuid4().hex[:12], symbol, op, price, self.clock())
        self.alerts.append(alert)
        self.save()
        self._follow(symbol)
        log.info("alert set: %s last %s %s", symbol, op, f"{price:g}")
        self._changed()
        return alert

    def remove(self, alert_id: str) -> bool:
        for i, a in enumerate(self.alerts):
            if a.id == alert_id:
                del self.alerts[i]
                self.save()
                self._unfollow_if_idle(a.symbol)
                self._changed()
                return True
        return False

    def clear_triggered(self) -> None:
        self.alerts = self.active()
        self.save()
        self._changed()

    # ---- watching ----------------------------------------------------------------------------
    def attach(self, hub: Any) -> None:
        """Watch the symbols of the active alerts on `hub` (a new session's hub replaces the old)."""
        self.detach()
        self.hub = hub
        if hub is None:
            return
        self._watcher = hub.watcher("alerts")
        for symbol in {a.symbol for a in self.active()}:
            self._follow(symbol)

    def detach(self) -> None:
        for remove in self._removers.values():
            remove()
        self._removers.clear()
        if self._watcher is not None:
            self._watcher.close()
        self._watcher, self.hub = None, None

    def _follow(self, symbol: str) -> None:
        if self.hub is None or symbol in self._removers:
            return
        if not self._watcher.watch(symbol):
            log.warning("alert on %s: not a listed instrument on this server; it cannot fire", symbol)
            return
        self._removers[symbol] = self.hub.add_trade_listener(symbol, self._on_trade)

    def _unfollow_if_idle(self, symbol: str) -> None:
        if any(a.symbol == symbol for a in self.active()):
            return
        remove = self._removers.pop(symbol, None)
        if remove is None:
            return

        def drop() -> None:
            remove()
            if self._watcher is not None:
                self._watcher.unwatch(symbol)
        try:  # not while the hub is iterating this symbol's listeners
            asyncio.get_running_loop().call_soon(drop)
        except RuntimeError:
            drop()

    def _on_trade(self, symbol: str, trade: Any) -> None:
        self.check(symbol, trade.price)

    def check(self, symbol: str, last: float) -> list[Alert]:
        """Fire every active alert of `symbol` that `last` reaches (each exactly once)."""
        fired = []
        for a in self.alerts:
            if a.symbol == symbol and not a.triggered and last and a.hit(last):
                a.triggered, a.triggered_at, a.triggered_price = True, self.clock(), float(last)
                fired.append(a)
        if not fired:
            return fired
        self.save()
        for a in fired:
            log.warning("ALERT %s: last %s reached %s %s", a.symbol, f"{last:g}", a.op, f"{a.price:g}")
            for cb in list(self.fired_listeners):
                try:
                    cb(a)
                except Exception:
                    log.exception("alert listener failed")
        self._unfollow_if_idle(symbol)
        self._changed()
        return fired

    def _changed(self) -> None:
        for cb in list(self.changed_listeners):
            try:
                cb()
            except Exception:
                log.exception("alert change listener failed")
