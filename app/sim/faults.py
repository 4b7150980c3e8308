"""Fault injection for the embedded exchange: switch on from tests (``exchange.faults``) or the CLI.

* ``rest_delay`` seconds added before every REST answer; ``rest_fail_rate`` (0..1) of REST calls
  answered HTTP 500 with an LS gateway error; ``fail_next(n)`` fails exactly the next n calls.
* ``drop_websockets()`` closes every open WebSocket now; ``ws_drop_after`` closes each connection
  after that many pushes. ``kill_ws_writers()`` makes the writer task of every open WebSocket die
  at once (raise, or ``cancel=True``) with its socket still open, as a bug would: the hub then
  closes the socket (1011). ``freeze_websockets()`` leaves every open socket silent (nothing sent,
  nothing read, so pings go unanswered, no close), as a peer whose host vanished.
* ``malformed_rate`` (0..1) of pushes (quotes and account events alike) replaced by a malformed
  frame (truncated JSON).
* ``expire_tokens()`` expires every issued token now; ``token_lifetime`` is the CLI's knob.
* Exchange-side rejects of orders the broker accepted (AS4 / TC2 HO03 after the order number):
  ``reject_next(n)`` rejects the next n new orders, ``reject_rate`` (0..1) a share of them;
  ``halt(symbol)`` / ``resume(symbol)`` halt trading in a symbol (no trades, orders rejected);
  ``route_delay`` seconds between the order's answer and the exchange's verdict.
* ``throttle``: scale of the per-TR call limits (0.5 halves them); ``rate_limits`` on/off;
  ``rate_limit_mode``: "tolerant" (default: an arrival up to half a call spacing, at most 0.5 s,
  early is forgiven, as a gateway that allows for network jitter does) or "strict" (at most n arrivals in any window, no slack).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Faults:
    rest_delay: float = 0.0
    rest_fail_rate: float = 0.0
    malformed_rate: float = 0.0
    ws_drop_after: int = 0
    reject_rate: float = 0.0
    route_delay: float = 0.05
    _fail_next: int = 0
    _reject_next: int = 0
    _exchange: Any = field(default=None, repr=False)
    _rng: random.Random = field(default_factory=lambda: random.Random(7), repr=False)

    def fail_next(self, n: int = 1) -> None:
        self._fail_next += n

    def should_fail_rest(self) -> bool:
        if self._fail_next > 0:
            self._fail_next -= 1
            return True
        return self.rest_fail_rate > 0 and self._rng.random() < self.rest_fail_rate

    def reject_next(self, n: int = 1) -> None:
        self._reject_next += n

    def take_exchange_reject(self) -> bool:
        """Whether the exchange rejects the order being routed now (used by the broker)."""
        if self._reject_next > 0:
            self._reject_next -= 1
            return True
        return self.reject_rate > 0 and self._rng.random() < self.reject_rate

    def halt(self, symbol: str) -> str:
        return self._exchange.market.halt(symbol)

    def resume(self, symbol: str) -> None:
        self._exchange.market.resume(symbol)

    def should_malform(self) -> bool:
        return self.malformed_rate > 0 and self._rng.random() < self.malformed_rate

    def drop_websockets(self) -> None:
        if self._exchange is not None:
            self._exchange.hub.drop_all()

    def kill_ws_writers(self, cancel: bool = False) -> int:
        """Kill the writer of every open WebSocket; returns how many."""
        conns = list(self._exchange.hub.conns) if self._exchange is not None else []
        for conn in conns:
            if cancel and conn.writer_task is not None:
                conn.writer_task.cancel()
            else:
                conn.fault = RuntimeError("writer killed by fault injection")
                conn.wakeup.set()
        return len(conns)

    def freeze_websockets(self) -> int:
        """Make every open WebSocket go silent with its socket open; returns how many."""
        conns = list(self._exchange.hub.conns) if self._exchange is not None else []
        for conn in conns:
            conn.freeze()
        return len(conns)

    def expire_tokens(self) -> None:
        if self._exchange is not None:
            self._exchange.tokens.expire_all()

    @property
    def throttle(self) -> float:
        return self._exchange.limiter.scale if self._exchange is not None else 1.0

    @throttle.setter
    def throttle(self, scale: float) -> None:
        self._exchange.limiter.scale = scale

    @property
    def rate_limits(self) -> bool:
        return self._exchange.limiter.enabled

    @rate_limits.setter
    def rate_limits(self, on: bool) -> None:
        self._exchange.limiter.enabled = on

    @property
    def rate_limit_mode(self) -> str:
        return self._exchange.limiter.mode

    @rate_limit_mode.setter
    def rate_limit_mode(self, mode: str) -> None:
        if mode not in ("tolerant", "strict"):
            raise ValueError(f"rate-limit mode must be 'tolerant' or 'strict', not {mode!r}")
        self._exchange.limiter.mode = mode
        self._exchange.limiter.reset()

    def clear(self) -> None:
        self.rest_delay = self.rest_fail_rate = self.malformed_rate = self.reject_rate = 0.0
        self.ws_drop_after = self._fail_next = self._reject_next = 0
        self.route_delay = 0.05
        if self._exchange is not None:
            self._exchange.limiter.scale = 1.0
            self._exchange.market.halted.clear()
