"""What the demo exchange did with its accounts file, in the trader's words and language.

The exchange (app/sim/broker/recovery.py, in a process of its own) sends a notice as plain data:
a damaged file kept aside and fresh demo accounts started (``kept``), no fresh file possible so
accounts in memory (``memory``), or a start refused because another lsterm demo has the file open
(``busy``). The shell tells the trader once, as it tells of a damaged settings file.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CTX = "DemoAccounts"

TITLE = QT_TRANSLATE_NOOP("DemoAccounts", "Demo accounts")
KEPT = QT_TRANSLATE_NOOP("DemoAccounts", "The demo account database could not be used ({0}). It was kept as {1}; "
                                         "the demo starts with fresh demo accounts, without the orders, fills and "
                                         "positions of the old file.")
MEMORY = QT_TRANSLATE_NOOP("DemoAccounts", "The demo account database {0} could not be used ({1}), and no fresh one "
                                           "could be made in its place ({2}). This demo runs on temporary accounts "
                                           "that are not saved when lsterm closes.")
MEMORY_NEW = QT_TRANSLATE_NOOP("DemoAccounts", "The demo account database {0} could not be created ({1}). This demo "
                                               "runs on temporary accounts that are not saved when lsterm closes.")
MEMORY_KEPT = QT_TRANSLATE_NOOP("DemoAccounts", "The old file was kept as {0}.")
BUSY = QT_TRANSLATE_NOOP("DemoAccounts", "Another lsterm demo is using the demo accounts in {0}. Close it, "
                                         "then press Retry.")
# why the file could not be used (app/sim/broker/store.py causes)
CAUSES = {
    "not_sqlite": QT_TRANSLATE_NOOP("DemoAccounts", "it is not an SQLite database"),
    "damaged": QT_TRANSLATE_NOOP("DemoAccounts", "the file is cut off or damaged"),
    "rows": QT_TRANSLATE_NOOP("DemoAccounts", "some of its orders, fills or positions cannot be read"),
    "folder": QT_TRANSLATE_NOOP("DemoAccounts", "a folder is in its place"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def title() -> str:
    return _tr(TITLE)


def describe(notice: object) -> str:
    """The notice in words ("" for no notice, or one this version does not know)."""
    if not isinstance(notice, dict):
        return ""
    kind, path = notice.get("kind"), str(notice.get("path") or "")
    cause = notice.get("cause")
    why = _tr(CAUSES[cause]) if cause in CAUSES else str(notice.get("detail") or "")
    if kind == "kept":
        return _tr(KEPT).format(why, notice.get("kept") or "")
    if kind == "memory":
        moved = notice.get("why")  # why it was not replaced ("": there was nothing, and none could be made)
        text = _tr(MEMORY).format(path, why, moved) if moved else _tr(MEMORY_NEW).format(path, why)
        kept = notice.get("kept")
        return f"{text} {_tr(MEMORY_KEPT).format(kept)}" if kept else text
    if kind == "busy":
        return _tr(BUSY).format(path)
    return ""
