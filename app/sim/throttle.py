"""Server-side per-token, per-TR call limits (LS answers IGW00201 when a client calls too fast)."""

from __future__ import annotations

from collections import deque

from app.ls.models.catalog import REST


class CallLimiter:
    def __init__(self, enabled: bool = True, scale: float = 1.0):
        self.enabled = enabled
        self.scale = scale  # > 1 allows more calls (tests of other layers), < 1 throttles harder
        self._calls: dict[tuple[str, str], deque[float]] = {}

    def allow(self, token: str, tr_cd: str, now: float, limit: tuple[int, float] | None = None) -> bool:
        if not self.enabled:
            return True
        if limit is None:
            info = REST.get(tr_cd)
            if info is None:
                return True
            limit = (info.rate_calls, info.rate_seconds)
        calls = max(1, int(limit[0] * self.scale))
        window = limit[1]
        q = self._calls.setdefault((token, tr_cd), deque())
        while q and now - q[0] >= window:
            q.popleft()
        if len(q) >= calls:
            return False
        q.append(now)
        return True

    def reset(self) -> None:
        self._calls.clear()
