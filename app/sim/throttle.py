"""Server-side per-token, per-TR call limits (LS answers IGW00201 when a client calls too fast).

Calls are counted when they reach the exchange. A client paces itself by the moment it *sends*
(and programgarden-finance even rounds its window up to the next 10 ms), so two calls sent a
window apart can arrive a few milliseconds closer than that: the first one waited for a new TCP
connection, the second reused one. A gateway that refused those would refuse well-behaved
clients now and then, depending on timing.

The default ("tolerant") mode is the Generic Cell Rate Algorithm that ATM switches use for the
same problem: a limit of ``n`` calls per ``w`` seconds is a theoretical spacing ``T = w / n`` and
a tolerance ``(n - 1) * T + jitter``. It accepts every sequence that keeps at most ``n`` calls in
any window of ``w`` seconds even when each arrival is up to ``jitter`` seconds early, keeps the
long-run rate at exactly ``n / w``, and still refuses a burst of ``n + 1`` calls. ``jitter`` is
capped at half a spacing so that such a burst is refused whatever the limit. Measured with
programgarden-finance driving four TRs at a time on a loaded 2-core machine, arrivals came up to
~140 ms earlier than the client's own spacing (its event loop and worker threads were busy).

The "strict" mode counts arrivals in a sliding window with no tolerance at all (at most ``n``
arrivals in any ``w`` seconds): what a client pacing by arrivals must survive, for benchmarks.
"""

from __future__ import annotations

from collections import deque
from typing import Literal

from app.ls.models.catalog import REST

Mode = Literal["tolerant", "strict"]
DEFAULT_JITTER = 0.5  # seconds an arrival may be early, at most half a spacing (see the compat tests)


class CallLimiter:
    def __init__(self, enabled: bool = True, scale: float = 1.0, mode: Mode = "tolerant",
                 jitter: float = DEFAULT_JITTER):
        if mode not in ("tolerant", "strict"):
            raise ValueError(f"rate-limit mode must be 'tolerant' or 'strict', not {mode!r}")
        self.enabled = enabled
        self.scale = scale  # > 1 allows more calls (tests of other layers), < 1 throttles harder
        self.mode: Mode = mode
        self.jitter = jitter
        self._due: dict[tuple[str, str], float] = {}  # tolerant: theoretical arrival time per key
        self._calls: dict[tuple[str, str], deque[float]] = {}  # strict: accepted arrivals per key

    def limit_of(self, tr_cd: str, limit: tuple[int, float] | None = None) -> tuple[int, float] | None:
        """(calls, seconds) after scaling, or None when ``tr_cd`` has no limit."""
        if limit is None:
            info = REST.get(tr_cd)
            if info is None:
                return None
            limit = (info.rate_calls, info.rate_seconds)
        return max(1, int(limit[0] * self.scale)), float(limit[1])

    def allow(self, token: str, tr_cd: str, now: float, limit: tuple[int, float] | None = None) -> bool:
        """Count a call that arrived at ``now`` (seconds, monotonic); False means refuse it."""
        if not self.enabled:
            return True
        scaled = self.limit_of(tr_cd, limit)
        if scaled is None:
            return True
        calls, window = scaled
        key = (token, tr_cd)
        if self.mode == "strict":
            return self._allow_strict(key, calls, window, now)
        spacing = window / calls
        tolerance = (calls - 1) * spacing + min(self.jitter, spacing / 2)
        due = self._due.get(key, now)
        if now < due - tolerance:
            return False
        self._due[key] = max(due, now) + spacing
        return True

    def _allow_strict(self, key: tuple[str, str], calls: int, window: float, now: float) -> bool:
        q = self._calls.setdefault(key, deque())
        while q and now - q[0] >= window:
            q.popleft()
        if len(q) >= calls:
            return False
        q.append(now)
        return True

    def reset(self) -> None:
        self._due.clear()
        self._calls.clear()
