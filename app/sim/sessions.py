"""Real trading hours per exchange, for when the market is not always open (``--sessions``).

Simplified: regular US stock hours; CME Globex Sunday 17:00 to Friday 16:00 Chicago time with
a daily 16:00-17:00 break; HKEX and SGX day sessions. Holidays are not modelled.

And the hours the futures master reports (``MASTER_HOURS``, exchange-local) with the trading day
they make (``day_open``): a session that opens in the evening (CME Globex at 17:00 Chicago time)
trades for the next date, so its day bars and day quote start there, not at midnight.
"""

from __future__ import annotations

from datetime import datetime, time, timezone

from app.sim.clock import zone_of

_US = (time(9, 30), time(16, 0))
_DAY = {"HKEX": (time(9, 15), time(16, 30)), "SGX": (time(7, 45), time(14, 30))}
_GLOBEX = {"CME", "CBOT", "NYMEX", "COMEX"}
MASTER_HOURS = {"HKEX": ("091500", "163000"), "SGX": ("074500", "055000")}  # exchange-local
DEFAULT_MASTER_HOURS = ("170000", "160000")  # CME Globex, Chicago time


def _seconds(hhmmss: str) -> int:
    return int(hhmmss[0:2]) * 3600 + int(hhmmss[2:4]) * 60 + int(hhmmss[4:6])


def day_open(exchange: str, product: str) -> int:
    """Seconds after local midnight at which a trading day opens on the evening before: the
    master's session start when the session runs past midnight (futures and options), else 0
    (the calendar day, as for stocks)."""
    if product == "stock":
        return 0
    start, end = (_seconds(t) for t in MASTER_HOURS.get(exchange, DEFAULT_MASTER_HOURS))
    return start if end <= start else 0


def is_open(exchange: str, t: float) -> bool:
    local = datetime.fromtimestamp(t, timezone.utc).astimezone(zone_of(exchange))
    wd, now = local.weekday(), local.time()
    if exchange in ("81", "82"):
        return wd < 5 and _US[0] <= now < _US[1]
    if exchange in _GLOBEX:
        if wd == 5 or (wd == 4 and now >= time(16, 0)) or (wd == 6 and now < time(17, 0)):
            return False
        return not (time(16, 0) <= now < time(17, 0))
    start, end = _DAY.get(exchange, _US)
    return wd < 5 and start <= now < end
