"""Uncaught exceptions: logged, shown in a dialog with the traceback and a copy button; the app keeps running."""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from app.trading.logfile import redact

log = logging.getLogger("lsterm.crash")


class ErrorDialog(QDialog):
    def __init__(self, summary: str, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ErrorDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.resize(720, 420)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        intro = QLabel(self.tr("Something went wrong. lsterm keeps running; the details below "
                               "are also in the log file."), self)
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        self.details.setFont(QFont("monospace", 9))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_btn = QPushButton(self.tr("Copy details"), self)
        buttons.addButton(self.copy_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_btn.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.summary)
        lay.addWidget(self.details, 1)
        lay.addWidget(buttons)
        self.finished.connect(self.deleteLater)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class CrashReporter(QObject):
    """Installs sys.excepthook and the asyncio loop's exception handler."""

    shown = Signal(object)  # the ErrorDialog

    def __init__(self, parent_widget: QWidget | None = None):
        super().__init__()
        self.parent_widget = parent_widget
        self.dialogs: list[ErrorDialog] = []
        self._previous = sys.excepthook

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        sys.excepthook = self.handle
        if loop is not None:
            loop.set_exception_handler(self._loop_handler)

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def _loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        exc = context.get("exception")
        if exc is None:
            log.error("asyncio: %s", context.get("message"))
            return
        self.handle(type(exc), exc, exc.__traceback__, str(context.get("message") or ""))

    def handle(self, etype: type[BaseException], value: BaseException,
               tb: TracebackType | None, where: str = "") -> None:
        if issubclass(etype, KeyboardInterrupt):
            self._previous(etype, value, tb)
            return
        details = redact("".join(traceback.format_exception(etype, value, tb)))
        summary = redact(f"{where}: {etype.__name__}: {value}" if where
                         else f"{etype.__name__}: {value}")
        log.error("uncaught exception: %s\n%s", summary, details)
        try:
            if len(self.dialogs) >= 3:  # a storm of errors: log them, don't bury the screen
                return
            dlg = ErrorDialog(summary, details, self.parent_widget)
            self.dialogs.append(dlg)
            dlg.finished.connect(lambda *_: self.dialogs.remove(dlg) if dlg in self.dialogs else None)
            dlg.show()
            self.shown.emit(dlg)
        except Exception:  # the dialog itself failed: the log has it
            log.exception("could not show the error dialog")
