"""The log panel: every `logging` record of the app, with a level filter, search and copy."""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, QSortFilterProxyModel
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout)

from app.ui.log_model import LogModel
from app.ui.panels.base import Panel
from app.ui.panels.registry import register

LEVELS = (("DEBUG", logging.DEBUG), ("INFO", logging.INFO), ("WARNING", logging.WARNING),
          ("ERROR", logging.ERROR))


class LogFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.min_level = logging.INFO
        self.text = ""

    def set_filter(self, min_level: int, text: str) -> None:
        self.beginFilterChange()
        self.min_level, self.text = min_level, text.lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        _created, levelno, name, msg = model.row_data(row)
        if levelno < self.min_level:
            return False
        return not self.text or self.text in msg.lower() or self.text in name.lower()


@register
class LogPanel(Panel):
    kind = "log"
    title_en = "Log"
    title_ko = "로그"
    default_area = "right"

    def __init__(self, context: Any, parent=None):
        super().__init__(context, parent)
        self.model: LogModel = context.log_model
        self.proxy = LogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.level = QComboBox(self)
        for name, value in LEVELS:
            self.level.addItem(name, value)
        self.level.setCurrentIndex(1)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.copy_btn = QPushButton(self)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(20)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        head = self.view.horizontalHeader()
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 92), (1, 70), (2, 150)):
            self.view.setColumnWidth(col, width)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.level)
        top.addWidget(self.search, 1)
        top.addWidget(self.copy_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self.level.currentIndexChanged.connect(self._refilter)
        self.search.textChanged.connect(self._refilter)
        self.copy_btn.clicked.connect(self.copy)
        self.model.rowsInserted.connect(self._follow)
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(900, 500)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search the log…"))
        self.copy_btn.setText(self.tr("Copy"))
        self.copy_btn.setToolTip(self.tr("Copy the selected lines, or every visible line"))

    def _refilter(self) -> None:
        self.proxy.set_filter(self.level.currentData(), self.search.text())

    def _follow(self) -> None:
        bar = self.view.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2:
            self.view.scrollToBottom()

    def visible_text(self, selected_only: bool = True) -> str:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()}) \
            if selected_only else []
        if not rows:
            rows = list(range(self.proxy.rowCount()))
        lines = []
        for r in rows:
            src = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            created, levelno, name, msg = self.model.row_data(src)
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(created))
            lines.append(f"{stamp} {logging.getLevelName(levelno):7} {name}: {msg}")
        return "\n".join(lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.visible_text())

    def settings(self) -> dict[str, Any]:
        return {"level": self.level.currentText(), "search": self.search.text()}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        idx = self.level.findText(str(settings.get("level", "INFO")))
        if idx >= 0:
            self.level.setCurrentIndex(idx)
        self.search.setText(str(settings.get("search", "")))
