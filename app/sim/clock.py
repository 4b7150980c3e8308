"""The embedded exchange's clock and time-zone helpers (exchange-local and Korean time)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

KST = ZoneInfo("Asia/Seoul")
_ZONES = {
    "81": "America/New_York", "82": "America/New_York",
    "CME": "America/Chicago", "CBOT": "America/Chicago", "NYMEX": "America/Chicago",
    "COMEX": "America/Chicago", "HKEX": "Asia/Hong_Kong", "SGX": "Asia/Singapore",
}
# LS reports a per-exchange time difference to Korea in hours (negative: behind Seoul).
_ZONE_CACHE: dict[str, ZoneInfo] = {}


def zone_of(exchange: str) -> ZoneInfo:
    name = _ZONES.get(exchange, "America/New_York")
    zone = _ZONE_CACHE.get(name)
    if zone is None:
        zone = _ZONE_CACHE[name] = ZoneInfo(name)
    return zone


def hours_behind_korea(exchange: str, at: datetime) -> int:
    local = at.astimezone(zone_of(exchange)).utcoffset() or timedelta()
    korea = at.astimezone(KST).utcoffset() or timedelta()
    return int((local - korea).total_seconds() // 3600)


class Clock:
    """Wall-clock time, optionally shifted (tests move it forward to expire tokens)."""

    def __init__(self, offset: float = 0.0):
        self.offset = offset

    def time(self) -> float:
        return time.time() + self.offset

    def monotonic(self) -> float:
        """Seconds for measuring intervals (rate limits): never steps back, shifted like ``time``."""
        return time.monotonic() + self.offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), timezone.utc)

    def advance(self, seconds: float) -> None:
        self.offset += seconds
