"""The chart's time axis labels round times: minutes on multiples of 5, 10, 15 or 30, hours, the date
where the day changes, then weeks, months and years as the view zooms out, each on the first bar at
or after its round time when nights and weekends have no bars; two labels never crowd each other.
A bar's label does not depend on where the view starts, so a new bar that moves the cached layer
on paints what a full redraw paints, across a night too. Real bars from the embedded exchange and
trading sessions with nights and weekends."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest

from app.trading.bar_series import DAY, BarSeries, Timeframe, local_seconds
from app.ui.chart.layers import Layer
from app.ui.chart.time_labels import MONTH, WEEK, YEAR, Step, TimeLabels, candidates
from app.ui.context import AppContext
from app.ui.panels.chart import ChartPanel
from tests.ui.test_chart import close_all, open_chart
from tests.ui.test_chart_paint import group_width, painted_and_redrawn


def sessions(days: int, minutes: int = 1, first: str = "20261102", length: int = 390) -> np.ndarray:
    """Bar times of a US stock's regular sessions (09:30-16:00 New York, weekdays; `length` minutes
    long) on `minutes` bars."""
    out, d0, day = [], local_seconds(first), 0
    while len(out) < days * (length // minutes):
        t = d0 + day * DAY
        day += 1
        if (t // DAY + 3) % 7 < 5:
            out.extend(t + 9 * 3600 + 1800 + m * 60 for m in range(0, length, minutes))
    return np.array(out, np.int64)


def bars(t: np.ndarray, tf: str) -> BarSeries:
    rng = np.random.default_rng(len(t))
    c = 100.0 * np.exp(np.cumsum(rng.normal(0, 0.001, len(t))))
    o = np.concatenate(([100.0], c[:-1]))
    s = BarSeries(Timeframe.parse(tf))
    s.replace({"t": t, "o": o, "h": np.maximum(o, c) * 1.0005, "l": np.minimum(o, c) * 0.9995, "c": c,
               "v": rng.integers(1, 500, len(t)).astype(np.float64)})
    return s


def when(t) -> datetime:
    return datetime.fromtimestamp(int(t), timezone.utc)


@pytest.fixture
def chart(qtbot):
    panel = ChartPanel(AppContext("en"))
    qtbot.addWidget(panel)
    panel.resize(1000, 640)
    panel.show()
    yield panel
    panel.shutdown()


def labels(panel, first: float, last: float) -> dict[int, str]:
    """The time axis' labels with bars [first, last] in view, by bar."""
    axis = panel.view.volume_plot.getAxis("bottom")  # (the lowest pane shows the time axis)
    values, strings = axis.ticks(first, last, axis.rect().width() or 900)
    return {int(v): text for v, text in zip(values, strings)}


def check_round(s: BarSeries, shown: dict[int, str], minutes: int) -> None:
    """Each label is a time on a multiple of `minutes` (its bar the first at or after it) or the date
    where the day changed; each day change in view is labelled."""
    for i, text in shown.items():
        t = int(s.t[i])
        if "/" in text:
            assert text == when(t).strftime("%m/%d") and (i == 0 or s.t[i - 1] // DAY != t // DAY), (i, text)
            continue
        assert text == when(t).strftime("%H:%M"), (i, text)
        assert (t // 60) % minutes == 0 or (s.t[i - 1] // (60 * minutes) != t // (60 * minutes)), (i, text)


def test_minute_charts_label_round_times_and_each_new_day(chart):
    s = bars(sessions(12), "1m")
    chart.show_series(s)
    n = len(s)
    for count, minutes in ((60, 5), (100, 5), (200, 10), (400, 30), (1000, 60)):
        shown = labels(chart, n - count, n - 0.5)
        assert len(shown) >= 4, count
        check_round(s, shown, minutes)
        assert all(int(s.t[i]) % (60 * minutes) == 0 for i, text in shown.items() if ":" in text), \
            (count, sorted(shown.values()))
        new_days = [i for i in range(n - count + 1, n) if s.t[i] // DAY != s.t[i - 1] // DAY]
        assert all(i in shown and "/" in shown[i] for i in new_days), count  # every day change dated
    s3 = bars(sessions(12, 3), "3m")  # 10:06, 10:21 before
    chart.show_series(s3)
    shown = labels(chart, len(s3) - 100, len(s3) - 0.5)
    assert {text for text in shown.values() if ":" in text} <= {f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 15, 30, 45)}
    check_round(s3, shown, 15)


def test_tick_bars_are_labelled_with_the_round_time_they_passed(chart):
    """A tick bar is stamped by its last trade (18:16:10): labelled by that stamp, a 15-minute axis
    read 18:16, 18:31, 18:46. It tells the round time the bar passed (18:15, 18:30, 18:45), on
    the first bar at or after it."""
    rng = np.random.default_rng(3)
    t = local_seconds("20261201", "170000") + np.cumsum(rng.integers(20, 140, 400)).astype(np.int64)
    s = bars(t, "30t")
    chart.show_series(s)
    for count in (60, 150, 300):
        shown = labels(chart, len(s) - count, len(s) - 0.5)
        times = {i: text for i, text in shown.items() if ":" in text}
        assert len(times) >= 3, count
        for i, text in times.items():
            hh, mm = map(int, text.split(":"))
            at = int(s.t[i]) // DAY * DAY + hh * 3600 + mm * 60
            assert mm % 5 == 0 and s.t[i - 1] < at <= s.t[i], (count, i, text, when(s.t[i - 1]), when(s.t[i]))


def test_zoomed_out_days_weeks_months_and_years(chart):
    s = bars(sessions(60), "1m")
    chart.show_series(s)
    shown = labels(chart, 0, len(s) - 0.5)  # 60 sessions: weeks (Mondays) and the month's first day
    for i, text in shown.items():
        d = when(s.t[i])
        if i == 0:  # the history's first bar: its year
            assert text == str(d.year)
            continue
        before = when(s.t[i - 1])
        if d.month != before.month:
            assert text == (str(d.year) if d.year != before.year else d.strftime("%b")), (i, text)
        else:
            assert text == d.strftime("%m/%d") and (d.weekday() < before.weekday() or (d - before).days >= 7)
    days = bars(np.array([t for t in local_seconds("20180102") + np.arange(3000) * DAY if (t // DAY + 3) % 7 < 5]), "D")
    chart.show_series(days)
    n = len(days)
    for count, unit in ((40, "week"), (250, "month"), (600, "quarter"), (2000, "half")):
        shown = labels(chart, n - count, n - 0.5)
        assert len(shown) >= 4, count
        for i, text in shown.items():
            d, before = when(days.t[i]), when(days.t[i - 1])
            if d.year != before.year:
                assert text == str(d.year), (count, i, text)
            elif unit == "week":
                assert text == (d.strftime("%b") if d.month != before.month else d.strftime("%m/%d"))
                assert d.month != before.month or d.weekday() < before.weekday()  # a week's first day
            else:
                assert d.month != before.month and text == d.strftime("%b")
                assert (d.month - 1) % {"month": 1, "quarter": 3, "half": 6}[unit] == 0, (count, text)


def test_the_first_bars_year_gives_way_to_a_new_year_close_after_it(chart):
    """A futures contract listed in December: its monthly chart's first bar is labelled with its
    year only when no new year's bar comes close after it; else the month labels after it would
    read as that year's."""
    months = np.array([local_seconds(f"{y}{m:02d}01") for y, m in [(2025, 12)] + [(2026, k) for k in range(1, 13)]])
    s = bars(months, "M")
    chart.show_series(s)
    shown = labels(chart, -0.5, 29.5)  # (a short history: room for 30 bars, as the chart shows it)
    assert shown.get(1) == "2026" and 0 not in shown, shown
    later = {i: text for i, text in shown.items() if i > 1}
    assert later and all(text == when(s.t[i]).strftime("%b") for i, text in later.items()), shown  # 2026's
    late = bars(months[1:], "M")  # from January on: the first bar is the new year's, labelled so
    chart.show_series(late)
    assert labels(chart, -0.5, 29.5).get(0) == "2026"
    early = bars(np.array([local_seconds(f"2025{m:02d}01") for m in range(5, 13)]
                          + [local_seconds(f"2026{m:02d}01") for m in range(1, 13)]), "M")
    chart.show_series(early)  # from May: its year at the first bar, the next one's at January
    shown = labels(chart, -0.5, 29.5)
    assert shown.get(0) == "2025" and shown.get(8) == "2026", shown


def test_labels_keep_apart_and_do_not_depend_on_the_view_start(chart):
    s = bars(sessions(30), "1m")
    chart.show_series(s)
    axis = chart.view.volume_plot.getAxis("bottom")
    width = axis.rect().width()
    for count in (150, 700, 2500, 9000):
        px = width / count
        seen: dict[int, str] = {}
        for shift in range(0, 3 * count // 4, max(1, count // 9)):  # the same zoom, further back
            last = len(s) - 1 - shift
            shown = labels(chart, last - count, last + 0.5)
            xs = sorted(shown)
            assert all((b - a) * px >= axis.gap_px(axis.labels.step) - 1 for a, b in zip(xs, xs[1:])), count
            inner = {i: text for i, text in shown.items() if last - count + 60 / px < i < last - 60 / px}
            for i, text in inner.items():
                assert seen.setdefault(i, text) == text, (count, i)
            for i in seen:  # and none came or went
                if last - count + 60 / px < i < last - 60 / px:
                    assert i in shown, (count, i)


@pytest.mark.parametrize("zoom", ["newest", "all"])
def test_new_bars_across_nights_paint_what_a_full_redraw_paints(chart, qtbot, zoom, monkeypatch):
    monkeypatch.setattr(Layer, "ROOM", 0.1)
    t = sessions(9, length=404)  # to 16:14: the next day's date takes the place of the 16:10 label
    cut = len(t) - 404 - 10  # the last but one session 10 bars from its close: new bars cross the night
    s = bars(t[:cut], "1m")
    chart.show_series(s)
    view = chart.view
    view.layer.tape = None
    if zoom == "all":
        chart.show_all()
    qtbot.wait(10)
    layer = view.layer
    shifts = layer.shifts
    rng = np.random.default_rng(3)
    for k in range(cut, cut + 60):
        p = float(s.c[-1])
        c = p * (1 + rng.choice([-1, 1]) * 0.0008)
        s.append(int(t[k]), p, max(p, c) * 1.0003, min(p, c) * 0.9997, c, float(rng.integers(50, 400)))
        chart.drain()
        qtbot.wait(1)
        now, again = painted_and_redrawn(view)
        diff = np.argwhere(now != again)
        edge = view.price_plot.vb.sceneBoundingRect().left() + 2 * group_width(view)
        assert len(diff[diff[:, 1] < edge]) <= 3
        diff = diff[diff[:, 1] >= edge]
        assert not len(diff), f"bar {k}: {len(diff)} pixels differ from a redraw, first at (y, x) {diff[0]}"
        axis = view.volume_plot.getAxis("bottom")  # the labels kept from bar to bar: as found afresh
        (x0, x1), _ = view.price_plot.vb.viewRange()
        width = axis.rect().width()
        assert axis.ticks(x0, x1, width) == TimeLabels().ticks(s, x0, x1, width, axis.gap_px), k
    assert layer.shifts - shifts >= 40


@pytest.mark.asyncio
async def test_the_exchange_bars_on_a_one_minute_and_a_day_chart(live, qtbot):
    panel = await open_chart(live, "AAPL", tf="1m", size=(1200, 700))
    (x0, x1), _ = panel.view.price_plot.vb.viewRange()
    shown = labels(panel, x0, x1)
    assert len(shown) >= 5
    check_round(panel.series, shown, 5)
    panel.set_timeframe("D")
    await live.until(lambda: panel.series.tf.id == "D" and len(panel.series) > 300)
    panel.drain()
    (x0, x1), _ = panel.view.price_plot.vb.viewRange()
    shown = labels(panel, x0, x1)
    s = panel.series
    assert len(shown) >= 3
    for i, text in shown.items():  # each on a week's or a month's first trading day
        d, before = when(s.t[i]), when(s.t[i - 1])
        assert (d.month != before.month and text in (d.strftime("%b"), str(d.year))) or \
            (text == d.strftime("%m/%d") and d.weekday() < before.weekday()), (i, text)
    await close_all(live)


@pytest.mark.parametrize("step", [Step("s", 1, 60), Step("s", 1, 900), Step("s", 1, 3600), Step("s", 1, 43200),
                                  Step("day", 1, DAY), Step("week", 1, WEEK), Step("month", 1, MONTH),
                                  Step("month", 3, 3 * MONTH), Step("year", 1, YEAR), Step("year", 5, 5 * YEAR)],
                         ids=lambda s: f"{s.unit}-{s.count}-{int(s.seconds)}")
def test_a_bar_is_a_candidate_where_its_bucket_changes(step):
    """`Step.bucket` tells a candidate (the time axis asks it of new bars instead of reading the
    labels again): the bars `candidates` finds, over any span, are those whose bucket differs
    from the bar's before them."""
    rng = np.random.default_rng(3)
    gaps = rng.choice([60, 60, 60, 120, 900, 3600, 17 * 3600, 3 * DAY, 40 * DAY, 400 * DAY], size=3000)
    t = (1_500_000_000 + np.cumsum(gaps)).astype(np.int64)
    bucket = [step.bucket(int(x)) for x in t]
    for lo, hi in ((0, len(t) - 1), (100, 160), (1000, 2900), (2990, 2999)):
        idx, _ranks = candidates(t, step, lo, hi)
        want = [i for i in range(max(lo, 1), hi + 1) if bucket[i] != bucket[i - 1]]
        assert [i for i in idx if i > 0] == want, (lo, hi)
