"""`logging` records as a table model: a handler feeds it from any thread, flushed in batches."""

from __future__ import annotations

import logging
import time
from collections import deque

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QColor

from app.ui.activity_text import render

COLUMNS = (QT_TRANSLATE_NOOP("LogModel", "Time"), QT_TRANSLATE_NOOP("LogModel", "Level"),
           QT_TRANSLATE_NOOP("LogModel", "Source"), QT_TRANSLATE_NOOP("LogModel", "Message"))
LEVEL_COLORS = {logging.WARNING: "#f5a524", logging.ERROR: "#e5484d", logging.CRITICAL: "#e5484d"}


class LogBridge(QObject):
    """Carries records from the logging thread to the GUI thread (queued signal)."""

    record = Signal(object)


class QtLogHandler(logging.Handler):
    def __init__(self, bridge: LogBridge, level: int = logging.DEBUG):
        super().__init__(level)
        self.bridge = bridge

    def emit(self, record: logging.LogRecord) -> None:
        try:
            msg = render(record) or self.format(record)  # an order story in the interface language
            row = (record.created, record.levelno, record.name, msg)
            self.bridge.record.emit(row)
        except Exception:  # never let logging raise
            self.handleError(record)


class LogModel(QAbstractTableModel):
    """The last `capacity` records: (created, levelno, logger name, message)."""

    def __init__(self, capacity: int = 5000, parent: QObject | None = None):
        super().__init__(parent)
        self.capacity = capacity
        self._rows: deque[tuple[float, int, str, str]] = deque()
        self._pending: list[tuple[float, int, str, str]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def add(self, row: tuple[float, int, str, str]) -> None:
        self._pending.append(row)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        if not self._pending:
            return
        new, self._pending = self._pending[-self.capacity:], []
        overflow = len(self._rows) + len(new) - self.capacity
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            for _ in range(overflow):
                self._rows.popleft()
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()

    def row_data(self, row: int) -> tuple[float, int, str, str]:
        return self._rows[row]

    # ---- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        created, levelno, name, msg = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return time.strftime("%H:%M:%S", time.localtime(created)) + f".{int(created % 1 * 1000):03d}"
            if col == 1:
                return logging.getLevelName(levelno)
            if col == 2:
                return name
            if col == 3:
                return msg.splitlines()[0] if msg else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == 3:
            return msg
        if role == Qt.ItemDataRole.ForegroundRole and levelno in LEVEL_COLORS and col in (1, 3):
            return QColor(LEVEL_COLORS[levelno])
        if role == Qt.ItemDataRole.UserRole:
            return levelno
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("LogModel", COLUMNS[section])
        return None
