"""The chart panel: candles (or OHLC bars, or a line) with volume, indicators and trading layers,
fed by the bar service (history from LS's chart TRs, the local cache, live trades)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QMenu, QSizePolicy, QToolButton,
                               QVBoxLayout, QWidget)

from app.trading.bar_series import TIMEFRAMES, Timeframe
from app.trading.bars import BarService
from app.trading.trading_hours import exchange_zone
from app.ui.book_common import SymbolEntry, ensure_actions, is_unknown, track
from app.ui.chart.indicator_menu import fill_menu, set_params
from app.ui.chart.notice import NoticeBar
from app.ui.chart.studies import Studies
from app.ui.chart.toolbar_text import StatusLabel, _t, bar_count, tf_title  # noqa: F401 - bar_count: the tests' import
from app.ui.chart.trading import TradingLayers
from app.ui.chart.view import ChartView
from app.ui.panels.base import Panel
from app.ui.panels.registry import register
from app.ui.quotestyle import QuoteColors, number_font
from app.ui.theme import current

log = logging.getLogger(__name__)
STYLES = ("candle", "ohlc", "line")
ACTIONS = [
    ("chart.symbol", "Chart: type a symbol", "차트: 종목 입력", (), "focus_symbol"),
    ("chart.tf.next", "Chart: next timeframe", "차트: 다음 주기", ("]",), "next_timeframe"),
    ("chart.tf.prev", "Chart: previous timeframe", "차트: 이전 주기", ("[",), "prev_timeframe"),
    ("chart.pan.left", "Chart: scroll back", "차트: 과거로 이동", ("Left",), "pan_left"),
    ("chart.pan.right", "Chart: scroll forward", "차트: 최근으로 이동", ("Right",), "pan_right"),
    ("chart.zoom.in", "Chart: zoom in", "차트: 확대", ("+", "="), "zoom_in"),
    ("chart.zoom.out", "Chart: zoom out", "차트: 축소", ("-",), "zoom_out"),
    ("chart.end", "Chart: go to the newest bar and follow it", "차트: 최신 봉으로 (따라가기)", ("End",), "go_end"),
    ("chart.all", "Chart: show all history", "차트: 전체 보기", ("Home",), "show_all"),
    ("chart.style", "Chart: candles, OHLC bars or line", "차트: 캔들/OHLC/라인 전환", ("S",), "cycle_style"),
]


@register
class ChartPanel(Panel):
    kind = "chart"
    title_en = "Chart"
    title_ko = "차트"
    default_area = "top"
    uses_symbol = True

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.timeframe = "5m"
        self.style = "candle"
        self.feed: Any = None
        self.series: Any = None
        self._service: BarService | None = None
        self._seen = (-1, -1, -1, -1)
        self._closed = False
        self.colors = QuoteColors(getattr(context.prefs, "color_convention", "korean"))

        self.entry = SymbolEntry(context, self)
        self.entry.setMinimumWidth(self.entry.fontMetrics().horizontalAdvance("M" * 7) + 24)
        self.tf_box = QComboBox(self)
        for tf in TIMEFRAMES:
            self.tf_box.addItem(tf, tf)
        self.tf_box.setCurrentIndex(self.tf_box.findData(self.timeframe))
        self.style_box = QComboBox(self)
        for st in STYLES:
            self.style_box.addItem(st, st)
        for box in (self.tf_box, self.style_box):  # as wide as the longest item in the current language,
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # never squeezed below it
            box.setSizePolicy(QSizePolicy.Policy.Fixed, box.sizePolicy().verticalPolicy())
        self.ind_button = QToolButton(self)
        self.ind_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.ind_menu = QMenu(self)
        self.ind_button.setMenu(self.ind_menu)
        self.ind_menu.aboutToShow.connect(self._fill_menu)
        self.status = StatusLabel(self)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("✕")
        keep = self.cancel_button.sizePolicy()  # its room is kept while hidden: showing it while
        keep.setRetainSizeWhenHidden(True)       # loading must not widen the panel either
        self.cancel_button.setSizePolicy(keep)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.end_button = QToolButton(self)
        self.end_button.setText("⇥")
        self.end_button.clicked.connect(self.go_end)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        for w in (self.entry, self.tf_box, self.style_box, self.ind_button):
            top.addWidget(w)
        top.addSpacing(8)
        top.addWidget(self.status, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.end_button)
        self.view = ChartView(self)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.set_readout_font(number_font(self.font()))
        self.view.follow_changed.connect(lambda on: self.end_button.setEnabled(not on))
        self.view.x_range_moved.connect(self._on_x_moved)
        self.studies = Studies(self.view)
        self.trading = TradingLayers(self.view, context, self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        self.notice = NoticeBar(self)
        lay.addWidget(self.notice)
        lay.addWidget(self.view, 1)

        self.entry.entered.connect(self._entered)
        self.tf_box.activated.connect(lambda i: self.set_timeframe(self.tf_box.itemData(i)))
        self.style_box.activated.connect(lambda i: self.set_style(self.style_box.itemData(i)))
        context.frame_tick.connect(self.drain)
        context.market_changed.connect(self._on_market)
        context.instruments_loaded.connect(self._on_master)
        context.settings_changed.connect(self.apply_colors)
        track(self)
        ensure_actions(self, ACTIONS)
        for action_id, *_rest in ACTIONS:  # keys act in the focused chart only
            context.actions.qaction(action_id).setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.apply_colors()
        self.retranslate()
        self._open()

    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    # ---- text and colours ----
    def retranslate(self) -> None:
        for i in range(self.tf_box.count()):
            self.tf_box.setItemText(i, tf_title(self.tf_box.itemData(i)))
        names = {"candle": _t("Candles"), "ohlc": _t("OHLC bars"), "line": _t("Line")}
        for i in range(self.style_box.count()):
            self.style_box.setItemText(i, names[self.style_box.itemData(i)])
        self.ind_button.setText(_t("Indicators"))
        self.cancel_button.setToolTip(_t("Stop loading history"))
        self.end_button.setToolTip(_t("Go to the newest bar and follow it"))
        self.entry.setPlaceholderText(_t("Symbol"))
        self.notice.retranslate()
        self.trading.retranslate()
        self._show_state()

    def apply_colors(self) -> None:
        self.colors.refresh(getattr(self.context.prefs, "color_convention", None))
        th = current()
        self.view.set_colors(self.colors.up, self.colors.down, QColor(th.base), QColor(th.dim), QColor(th.text))
        self.trading.set_colors(self.colors.buy, self.colors.sell)
        self.notice.set_color(th.amber)
        if self.studies.items:  # band and level colours are mixed with the background
            self.studies.apply(self.studies.settings())

    # ---- symbol and timeframe ----
    def _entered(self, code: str) -> None:
        if is_unknown(self.context, code):
            self._release()
            self.symbol = code
            self.series = None
            self.view.set_series(None)
            self.studies.recompute()  # (their curves of the bars shown before)
            self.status.setText("")
            self.cancel_button.hide()
            self._show_message(_t("Unknown symbol: {0}").format(code))
            return
        self.symbol_chosen.emit(code)

    def set_symbol(self, symbol: str) -> None:
        symbol = symbol.strip().upper()
        if symbol == self.symbol and self.feed is not None:
            return
        self.symbol = symbol
        self.entry.show_symbol(symbol)
        self._open()

    def set_timeframe(self, tf: str) -> None:
        Timeframe.parse(tf)
        if tf == self.timeframe and self.feed is not None:
            return
        self.timeframe = tf
        self.tf_box.setCurrentIndex(max(0, self.tf_box.findData(tf)))
        self._open()

    def next_timeframe(self, step: int = 1) -> None:
        i = TIMEFRAMES.index(self.timeframe) if self.timeframe in TIMEFRAMES else 0
        self.set_timeframe(TIMEFRAMES[(i + step) % len(TIMEFRAMES)])

    def prev_timeframe(self) -> None:
        self.next_timeframe(-1)

    def set_style(self, style: str) -> None:
        self.style = style if style in STYLES else "candle"
        self.style_box.setCurrentIndex(max(0, self.style_box.findData(self.style)))
        self.view.price_item.set_style(self.style)
        self.view.live_item.update()

    def cycle_style(self) -> None:
        self.set_style(STYLES[(STYLES.index(self.style) + 1) % len(STYLES)])

    def focus_symbol(self) -> None:
        self.entry.setFocus()
        self.entry.selectAll()

    # ---- the bar feed ----
    def service(self) -> BarService | None:
        """The session's bar service (`context.bars`), or one of our own over the hub (tests, early)."""
        bars = getattr(self.context, "bars", None)
        if bars is not None:
            return bars
        hub, session = self.context.market, self.context.session
        if hub is None or session is None or session.client is None:
            return None
        if self._service is None or self._service.hub is not hub:
            self._service = BarService(session.client, self.context.instruments, hub)
        return self._service

    def _release(self) -> None:
        if self.feed is not None:
            self.feed.listeners[:] = [cb for cb in self.feed.listeners if getattr(cb, "__self__", None) is not self]
            self.feed.release()
            self.feed = None

    def _open(self) -> None:
        self._release()
        self.series = None
        self.view.set_series(None)
        svc = self.service() if self.symbol else None
        if svc is not None:
            self.feed = svc.open(self.symbol, self.timeframe)
            self.feed.listeners.append(self._on_feed)
            self.series = self.feed.series
            inst = self.context.instruments.get(self.symbol)
            dec = inst.price_decimals(self.feed.series.c[-1] if len(self.feed.series) else None) if inst else 2
            self.view.set_series(self.series, dec, inst.tick_at if inst else None)
            self.trading.set_symbol(self.symbol, dec, inst.tick_at() if inst else self.trading.tick,
                                    exchange_zone(inst))
        self.view.price_item.set_style(self.style)
        self._seen = (-1, -1, -1, -1)
        self.drain()
        self._show_state()

    def show_series(self, series: Any, decimals: int = 2) -> None:
        """Show bars that come from elsewhere (benchmarks, replays): no feed, no symbol."""
        self._release()
        self.series = series
        self.view.set_series(series, decimals)
        self._show_message("")
        self._seen = (-1, -1, -1, -1)
        self.drain()

    def _on_feed(self, feed: Any, what: str) -> None:
        if what in ("state", "progress", "history"):
            self._show_state()

    def _on_x_moved(self, x0: float, x1: float) -> None:
        """Scrolled to (or past) the oldest bar: load older history through the bar service."""
        if self.feed is not None and x0 <= max(2.0, (x1 - x0) * 0.02):
            self.feed.load_older()

    def _on_market(self, _hub: Any) -> None:
        self._service = None
        self._open()

    def _on_master(self, _count: int) -> None:
        if self.symbol and (self.feed is None or self.feed.state == "error"):
            self._open()

    def cancel_loading(self) -> None:
        if self.feed is not None:
            self.feed.cancel()

    # ---- drawing (the shared frame clock) ----
    def drain(self) -> None:
        """Bring the view up to date with the series: a reset, new bars, or just the newest bar."""
        if self._closed:
            return
        s = self.series
        if s is not None:
            resets, appended, version = s.resets, s.appended, s.version
            seen_resets, seen_appended, seen_version, _ = self._seen
            # the indicators first: the view fits each indicator pane's y range to their values
            if resets != seen_resets:
                self.studies.recompute()
                self.view.on_reset()
            elif appended != seen_appended:
                count = appended - seen_appended
                with self.view.appending():
                    self.studies.tail(len(s) - 1 - count)
                    self.view.on_append(count)
                self._count_changed()
            elif version != seen_version:
                self.studies.tail(len(s) - 1)
                self.view.on_update()
            self._seen = (resets, appended, version, 0)
        self.trading.refresh()

    # ---- states ----
    def _show_state(self) -> None:
        feed = self.feed
        self.cancel_button.setVisible(bool(feed is not None and (feed.loading or feed.loading_older)))
        if not self.symbol:
            self.status.setText("")
            self._show_message(_t("Type a symbol or press Ctrl+K"))
            return
        if feed is None:
            self.status.setText("")
            self._show_message(_t("Log in to load charts") if self.context.market is None else "")
            return
        if feed.loading:
            self.status.setText(_t("Loading history… {pages} pages, {bars} bars").format(
                pages=feed.pages, bars=f"{feed.bars_loaded:,}"))
        elif feed.loading_older:
            self.status.setText(_t("Loading older history… {pages} pages, {bars} bars").format(
                pages=feed.older_pages, bars=f"{feed.older_bars:,}"))
        elif feed.state == "cancelled":
            self.status.setText(_t("Loading stopped: {bars} bars").format(bars=f"{len(feed.series):,}"))
        else:
            self.status.setText(bar_count(len(feed.series)) if len(feed.series) else "")
        if len(feed.series):
            self._show_message("")
        elif feed.loading:
            self._show_message(_t("Loading {0}…").format(self.symbol))
        elif feed.state == "error":
            msg = _t("Unknown symbol: {0}").format(self.symbol) if feed.message == "unknown symbol" else \
                _t("No chart for {0}: {1}").format(self.symbol, feed.message)
            self._show_message(msg)
        else:
            self._show_message(_t("No data for {0} ({1})").format(self.symbol, tf_title(self.timeframe)))

    def _count_changed(self) -> None:
        """New bars from live trades: the bar count in the status (and a "No data" message gone
        with the first bar)."""
        feed = self.feed
        if feed is None:
            return
        if feed.state == "ready" and not feed.loading_older and not self.view.message.isVisible():
            self.status.setText(bar_count(len(feed.series)))
        else:
            self._show_state()

    def _show_message(self, text: str) -> None:
        self.view.show_message(text)

    # ---- indicators ----
    def add_indicator(self, kind: str, params: dict | None = None) -> None:
        self.studies.add(kind, params)
        self.view.on_reset()

    def remove_indicator(self, kind: str) -> None:
        study = self.studies.find(kind)
        if study is not None:
            self.studies.remove(study)
            self.view.on_reset()

    def _fill_menu(self) -> None:
        fill_menu(self)

    def set_params(self, kind: str, text: str) -> bool:
        return set_params(self, kind, text)

    # ---- navigation ----
    def pan_left(self) -> None:
        self.view.pan(-0.2)

    def pan_right(self) -> None:
        self.view.pan(0.2)

    def zoom_in(self) -> None:
        self.view.zoom(0.8)

    def zoom_out(self) -> None:
        self.view.zoom(1.25)

    def go_end(self) -> None:
        self.view.go_end()

    def show_all(self) -> None:
        self.view.show_all()

    # ---- workspace ----
    def settings(self) -> dict[str, Any]:
        return {"timeframe": self.timeframe, "style": self.style, "indicators": self.studies.settings()}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        style = settings.get("style")
        if style in STYLES:
            self.set_style(style)
        notes = self.studies.apply(settings.get("indicators"))
        if notes:  # a hand-edited or older workspace: what was shown instead, said (the rest still applies)
            log.warning("chart: saved indicators corrected: %s", "; ".join(notes))
            self.notice.say(_t("Saved indicator settings corrected: {0}.").format("; ".join(notes)))
        tf = settings.get("timeframe")
        try:
            if tf:
                self.set_timeframe(str(tf))
        except ValueError:
            pass

    def shutdown(self) -> None:
        self._closed = True
        self._release()
        self.trading.close()
        for signal, slot in ((self.context.frame_tick, self.drain), (self.context.market_changed, self._on_market),
                             (self.context.instruments_loaded, self._on_master),
                             (self.context.settings_changed, self.apply_colors)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
