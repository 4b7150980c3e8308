"""Trading hours: the US regular session in New York time, futures sessions in Korean time across midnight."""

from __future__ import annotations

from datetime import datetime

from app.trading.instruments import Instrument
from app.trading.trading_hours import NEW_YORK, SEOUL, exchange_zone, hours_of, ls_stamp, market_open

AAPL = Instrument("AAPL", "애플", "Apple Inc", "stock", "NASDAQ", "USD", "82AAPL", "82")
ES = Instrument("ESZ26", "E-mini S&P500", "E-mini S&P500", "futures", "CME", "USD",
                session_start="070000", session_end="060000")
HSI = Instrument("HSIZ26", "항셍지수", "항셍지수", "futures", "HKEX", "HKD",
                 session_start="101500", session_end="173000")
BLANK = Instrument("XX", "x", "x", "futures", "CME", "USD")


def ny(y, m, d, hh, mm):
    return datetime(y, m, d, hh, mm, tzinfo=NEW_YORK)


def kst(y, m, d, hh, mm):
    return datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def test_us_regular_session_in_new_york_time():
    # 2026-11-30 is a Monday
    assert market_open(AAPL, ny(2026, 11, 30, 9, 29)) is False
    assert market_open(AAPL, ny(2026, 11, 30, 9, 30)) is True
    assert market_open(AAPL, ny(2026, 11, 30, 15, 59)) is True
    assert market_open(AAPL, ny(2026, 11, 30, 16, 0)) is False
    assert market_open(AAPL, ny(2026, 11, 28, 11, 0)) is False  # Saturday
    # the same instant seen from Seoul: 23:30 KST Monday is 09:30 New York Monday
    assert market_open(AAPL, kst(2026, 11, 30, 23, 30)) is True
    assert market_open(AAPL, kst(2026, 11, 30, 23, 29)) is False


def test_futures_session_crossing_midnight_korean_time():
    assert market_open(ES, kst(2026, 11, 30, 6, 30)) is False  # Monday before the first open
    assert market_open(ES, kst(2026, 11, 30, 7, 0)) is True
    assert market_open(ES, kst(2026, 11, 30, 23, 59)) is True
    assert market_open(ES, kst(2026, 12, 1, 5, 59)) is True  # Tuesday morning: Monday's session
    assert market_open(ES, kst(2026, 12, 1, 6, 30)) is False  # the daily break
    assert market_open(ES, kst(2026, 12, 5, 5, 0)) is True  # Saturday morning: Friday's session
    assert market_open(ES, kst(2026, 12, 5, 8, 0)) is False  # Saturday
    assert market_open(ES, kst(2026, 12, 7, 3, 0)) is False  # Monday 03:00: Sunday never opened


def test_day_session_and_unknown_hours():
    assert market_open(HSI, kst(2026, 11, 30, 10, 14)) is False
    assert market_open(HSI, kst(2026, 11, 30, 12, 0)) is True
    assert market_open(HSI, kst(2026, 11, 30, 17, 30)) is False
    assert market_open(BLANK, kst(2026, 11, 30, 12, 0)) is None
    assert hours_of(None) is None
    assert hours_of(ES).label() == "07:00–06:00 KST"
    assert hours_of(AAPL).label() == "09:30–16:00 New York"


def test_exchange_zone_is_the_clock_the_exchange_keeps():
    """What the orders panel formats its times in (the tape, fills and chart show exchange time)."""
    assert exchange_zone(AAPL) is NEW_YORK
    assert exchange_zone(ES).key == "America/Chicago"
    assert exchange_zone(HSI).key == "Asia/Hong_Kong"
    assert exchange_zone(None, "stock") is NEW_YORK  # not in the master (yet): by the order's market
    assert exchange_zone(None, "futures") is SEOUL  # LS's own clock for futures
    odd = Instrument("ZZZ26", "z", "z", "futures", "NOWHERE", "USD")
    assert exchange_zone(odd) is SEOUL


def test_ls_stamps_are_korean_time_dated_by_when_they_arrive():
    # 10:16 in New York is 00:16 the next day in Seoul: a fill LS stamps 001630 happened just now,
    # not ten hours ago on New York's calendar day
    now = datetime(2026, 12, 1, 10, 16, 40, tzinfo=NEW_YORK)
    at = datetime.fromtimestamp(ls_stamp("001630", now), NEW_YORK)
    assert at == datetime(2026, 12, 1, 10, 16, 30, tzinfo=NEW_YORK)
    # milliseconds are dropped; a stamp a few seconds ahead of our clock is still today's
    assert ls_stamp("001630123", now) == at.timestamp()
    assert ls_stamp("001700", now) - at.timestamp() == 30
    # a stamp later than now (by more than a minute) was made before Seoul's midnight
    late = datetime.fromtimestamp(ls_stamp("235950", now), SEOUL)
    assert (late.year, late.month, late.day, late.hour) == (2026, 12, 1, 23)
    # a query's date and time (CIDBQ02400 ExecDttm) needs no guess
    assert ls_stamp("20230609150904559") == datetime(2023, 6, 9, 15, 9, 4, tzinfo=SEOUL).timestamp()
    for bad in ("", "  ", "12", "ab1234", "256199", "20231309150904"):
        assert ls_stamp(bad, now) == 0.0, bad
