"""Is an instrument's market open now: US stocks by the New York regular session, futures/options
by the master's trading hours (Korean time, sessions that cross midnight included). No holidays.
And which clock an instrument's exchange keeps (`exchange_zone`): the zone the trade tape, fills
and chart times are stamped in, for panels that format an instant themselves; and when on that
clock its trading day opens (`session_open`: the evening before, for a futures session that runs
past midnight), where an intraday VWAP starts again. And the instant behind a time LS stamped an
order or an execution with (`ls_stamp`: Korean time, often without a date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

NEW_YORK = ZoneInfo("America/New_York")
SEOUL = ZoneInfo("Asia/Seoul")
US_OPEN, US_CLOSE = time(9, 30), time(16, 0)
# The futures exchanges' own clocks, by the master's exchange code (o3101 ExchCd).
_EXCHANGE_ZONES = {
    "CME": "America/Chicago", "CBOT": "America/Chicago", "NYMEX": "America/Chicago", "COMEX": "America/Chicago",
    "HKEX": "Asia/Hong_Kong", "SGX": "Asia/Singapore", "OSE": "Asia/Tokyo", "EUREX": "Europe/Berlin",
    "ICE": "Europe/London", "ICE-EU": "Europe/London", "ICE-US": "America/New_York",
}
_ZONES: dict[str, ZoneInfo] = {}


@dataclass(frozen=True)
class Hours:
    """The session an instrument trades in: local start/end times in `zone` (end may be past midnight)."""

    start: time
    end: time
    zone: ZoneInfo

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def label(self) -> str:
        city = "New York" if self.zone is NEW_YORK else "KST"
        return f"{self.start:%H:%M}–{self.end:%H:%M} {city}"


def _zone(name: str) -> ZoneInfo:
    zone = _ZONES.get(name)
    if zone is None:
        zone = _ZONES[name] = ZoneInfo(name)
    return zone


def exchange_zone(instrument, market: str = "stock") -> ZoneInfo:
    """The clock an instrument's exchange keeps: New York for US stocks, the exchange's own for
    futures and options. An instrument not in the master is taken by its `market`; a futures
    exchange we have no zone for gets Korean time, the clock LS gives futures hours in."""
    if instrument is not None:
        market = instrument.market
    if market == "stock":
        return NEW_YORK
    name = _EXCHANGE_ZONES.get((instrument.exchange if instrument is not None else "").strip().upper())
    return _zone(name) if name else SEOUL


def _hhmmss(text: str) -> time | None:
    t = (text or "").strip()
    if len(t) < 4 or not t[:4].isdigit():
        return None
    try:
        return time(int(t[0:2]) % 24, int(t[2:4]), int(t[4:6]) if len(t) >= 6 and t[4:6].isdigit() else 0)
    except ValueError:
        return None


def hours_of(instrument) -> Hours | None:
    """The trading session of an `Instrument` (None when the master does not say)."""
    if instrument is None:
        return None
    if instrument.market == "stock":
        return Hours(US_OPEN, US_CLOSE, NEW_YORK)
    start, end = _hhmmss(instrument.session_start), _hhmmss(instrument.session_end)
    if start is None or end is None or start == end:
        return None  # LS left the hours blank, or a 24-hour contract: we cannot say it is closed
    return Hours(start, end, SEOUL)


def session_open(instrument, now: datetime | None = None) -> int:
    """Seconds after midnight, on the exchange's clock (see `exchange_zone`), at which the
    instrument's trading day opens the evening before: a CME future whose session LS lists as
    07:00-06:00 Korean time trades 17:00-16:00 Chicago time, so 61200 (its bars from 17:00 on
    belong to the next trade date). 0 (the calendar day) for stocks, a session within one day
    and unknown hours. LS gives the hours in Korean time, which moves against the exchange's
    with daylight saving: they are read at `now` (today: the master is a day's)."""
    hours = hours_of(instrument)
    if hours is None or instrument.market == "stock":
        return 0
    zone = exchange_zone(instrument)
    day = (now or datetime.now(hours.zone)).astimezone(hours.zone).date()
    start = datetime.combine(day, hours.start, hours.zone).astimezone(zone)
    end = datetime.combine(day, hours.end, hours.zone).astimezone(zone)
    if end.time() > start.time():
        return 0
    return start.hour * 3600 + start.minute * 60 + start.second


def is_open(hours: Hours | None, now: datetime | None = None) -> bool | None:
    """True/False for a known session, None when the hours are unknown.

    A session belongs to the weekday it starts on (Monday to Friday): a CME session that opens
    at 07:00 KST on Friday runs until 06:00 on Saturday and does not open again until Monday.
    """
    if hours is None:
        return None
    local = (now or datetime.now(hours.zone)).astimezone(hours.zone)
    t, day = local.time(), local.date()
    if not hours.crosses_midnight:
        return local.weekday() < 5 and hours.start <= t < hours.end
    if t >= hours.start:  # in the part before midnight: the session started today
        return local.weekday() < 5
    if t < hours.end:  # after midnight: the session started yesterday
        return (day - timedelta(days=1)).weekday() < 5
    return False


def market_open(instrument, now: datetime | None = None) -> bool | None:
    """Shortcut: is this instrument's market open at `now` (None: unknown hours)."""
    return is_open(hours_of(instrument), now)


def ls_stamp(text: str, now: datetime | None = None) -> float:
    """The instant (epoch seconds) LS stamped as `text`, on its own clock, Korean time, whatever the
    exchange: 'HHMMSS' with optional milliseconds (an order push carries no date: the latest such
    instant not more than a minute after `now`, the moment the push arrived) or 'YYYYMMDDHHMMSS…'
    (a query's execution date and time). 0.0 when `text` is no such time. (Korean time: LS's
    COSAQ00102 example stamps US orders at 21:18-22:40 and an execution at 22:38: no US trading
    happens at those hours in New York time, while in Korean time they are the US pre-market.)"""
    digits = (text or "").strip()
    if not digits.isdigit() or len(digits) < 6:
        return 0.0
    try:
        if len(digits) >= 14:
            at = datetime(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]), int(digits[8:10]),
                          int(digits[10:12]), int(digits[12:14]), tzinfo=SEOUL)
            return at.timestamp()
        clock = time(int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return 0.0
    seen = (now or datetime.now(SEOUL)).astimezone(SEOUL)
    at = datetime.combine(seen.date(), clock, SEOUL)
    if at > seen + timedelta(minutes=1):  # stamped before midnight, here after it
        at -= timedelta(days=1)
    return at.timestamp()
