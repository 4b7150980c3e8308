"""The chart's interface strings, declared for lupdate (the code translates them through `_t`)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MESSAGES = (
    QT_TRANSLATE_NOOP("Chart", "BUY"),
    QT_TRANSLATE_NOOP("Chart", "SELL"),
    QT_TRANSLATE_NOOP("Chart", "AVG"),
    QT_TRANSLATE_NOOP("Chart", "Bollinger bands"),
    QT_TRANSLATE_NOOP("Chart", "Candles"),
    QT_TRANSLATE_NOOP("Chart", "Day"),
    QT_TRANSLATE_NOOP("Chart", "Exponential average (EMA)"),
    QT_TRANSLATE_NOOP("Chart", "Go to the newest bar and follow it"),
    QT_TRANSLATE_NOOP("Chart", "Indicators"),
    QT_TRANSLATE_NOOP("Chart", "Line"),
    QT_TRANSLATE_NOOP("Chart", "Loading history… {pages} pages, {bars} bars"),
    QT_TRANSLATE_NOOP("Chart", "Loading older history… {pages} pages, {bars} bars"),
    QT_TRANSLATE_NOOP("Chart", "Loading stopped: {bars} bars"),
    QT_TRANSLATE_NOOP("Chart", "Loading {0}…"),
    QT_TRANSLATE_NOOP("Chart", "Log in to load charts"),
    QT_TRANSLATE_NOOP("Chart", "MACD"),
    QT_TRANSLATE_NOOP("Chart", "Month"),
    QT_TRANSLATE_NOOP("Chart", "Moving average (SMA)"),
    QT_TRANSLATE_NOOP("Chart", "No chart for {0}: {1}"),
    QT_TRANSLATE_NOOP("Chart", "No data for {0} ({1})"),
    QT_TRANSLATE_NOOP("Chart", "OHLC bars"),
    QT_TRANSLATE_NOOP("Chart", "Parameters of {0}…"),
    QT_TRANSLATE_NOOP("Chart", "RSI"),
    QT_TRANSLATE_NOOP("Chart", "Stop loading history"),
    QT_TRANSLATE_NOOP("Chart", "Symbol"),
    QT_TRANSLATE_NOOP("Chart", "Type a symbol or press Ctrl+K"),
    QT_TRANSLATE_NOOP("Chart", "Unknown symbol: {0}"),
    QT_TRANSLATE_NOOP("Chart", "VWAP"),
    QT_TRANSLATE_NOOP("Chart", "Week"),
    QT_TRANSLATE_NOOP("Chart", "bar"),
    QT_TRANSLATE_NOOP("Chart", "bars"),
    QT_TRANSLATE_NOOP("Chart", "{n} min"),
    QT_TRANSLATE_NOOP("Chart", "{n} tick"),
)
