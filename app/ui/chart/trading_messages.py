"""The strings of trading on the chart and of indicator parameters (edges.py, indicator_params.py,
indicator_menu.py, studies.py, notice.py, the panel's notice), declared for lupdate (the code translates
them through `_t`)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MESSAGES = (
    QT_TRANSLATE_NOOP("Chart", "({0}/{1} filled)"),
    QT_TRANSLATE_NOOP("Chart", "Filled {time}: {side} {qty} @ {price}\nOrder {order}"),
    QT_TRANSLATE_NOOP("Chart", "+{0} more"),
    QT_TRANSLATE_NOOP("Chart", "Click to bring this price into view"),
    QT_TRANSLATE_NOOP("Chart", "Parameters of {0}"),
    QT_TRANSLATE_NOOP("Chart", "Saved indicator settings corrected: {0}."),
    QT_TRANSLATE_NOOP("Chart", "The fast period ({0}) must be shorter than the slow period ({1})."),
    QT_TRANSLATE_NOOP("Chart", "a number from {0} to {1}"),
    QT_TRANSLATE_NOOP("Chart", "a whole number from {0} to {1}"),
    QT_TRANSLATE_NOOP("Chart", "an indicator entry that is not one ({0}) was skipped"),
    QT_TRANSLATE_NOOP("Chart", "the indicator list was unreadable ({0}); none is shown"),
    QT_TRANSLATE_NOOP("Chart", "unknown indicator “{0}” was skipped"),
    QT_TRANSLATE_NOOP("Chart", "{0} could not be shown: {1}"),
    QT_TRANSLATE_NOOP("Chart", "{0} must be {1}; “{2}” is not."),
    QT_TRANSLATE_NOOP("Chart", "{0} takes {1} value(s) separated by commas ({2}); got {3}."),
    QT_TRANSLATE_NOOP("Chart", "{0} was listed twice; the second was skipped"),
    QT_TRANSLATE_NOOP("Chart", "{0} {1} {2} is out of range ({3}); {4} is used"),
    QT_TRANSLATE_NOOP("Chart", "{0} {1} “{2}” is not a number; {3} is used"),
    QT_TRANSLATE_NOOP("Chart", "{0}: its parameters were unreadable; the defaults are used"),
    QT_TRANSLATE_NOOP("Chart", "{0}: the fast period ({1}) was not shorter than the slow period ({2}); the defaults are used"),
    QT_TRANSLATE_NOOP("Chart", "{0}: type {1}."),
)
