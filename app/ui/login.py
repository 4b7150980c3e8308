"""The login dialog: mode, stock and/or futures keys, remember in the OS keyring, LS's own error text."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget)

from app.trading import keystore
from app.trading.session import Keys, LoginResult, Mode
from app.ui.tasks import spawn
from app.ui.theme import MODE_COLORS

if TYPE_CHECKING:
    from app.ui.shell import Shell


def find_saved_keys(mode: Mode) -> tuple[Keys | None, Keys | None]:
    return keystore.find_keys(mode)


class KeyFields(QGroupBox):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.appkey = QLineEdit(self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout(self)
        self.key_label, self.secret_label = QLabel(self), QLabel(self)
        self.form.addRow(self.key_label, self.appkey)
        self.form.addRow(self.secret_label, self.secret)

    def keys(self) -> Keys | None:
        k = Keys(self.appkey.text().strip(), self.secret.text().strip())
        return k if k.appkey or k.appsecretkey else None

    def fill(self, keys: Keys | None) -> None:
        self.appkey.setText(keys.appkey if keys else "")
        self.secret.setText(keys.appsecretkey if keys else "")


class LoginDialog(QDialog):
    finished_login = Signal(object)  # LoginResult

    def __init__(self, shell: Shell, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self.shell = shell
        self._task: asyncio.Task | None = None
        self.setMinimumWidth(460)
        self.mode = QComboBox(self)
        for m in Mode:
            self.mode.addItem("", m.value)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.stock = KeyFields(self)
        self.futures = KeyFields(self)
        self.remember = QCheckBox(self)
        self.message = QLabel(self)
        self.message.setObjectName("LoginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #e5484d; font-weight: 600;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.mode_label = QLabel(self)
        form.addRow(self.mode_label, self.mode)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.hint)
        lay.addWidget(self.stock)
        lay.addWidget(self.futures)
        lay.addWidget(self.remember)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in"))
        self.mode_label.setText(self.tr("Mode"))
        names = {Mode.DEMO: self.tr("Demo — embedded exchange, no keys (모의거래소)"),
                 Mode.PAPER: self.tr("Paper — LS paper trading (모의투자)"),
                 Mode.LIVE: self.tr("Live — real money (실거래)")}
        for i in range(self.mode.count()):
            self.mode.setItemText(i, names[Mode(self.mode.itemData(i))])
        self.stock.setTitle(self.tr("Overseas stocks"))
        self.futures.setTitle(self.tr("Overseas futures and options (optional)"))
        for box in (self.stock, self.futures):
            box.key_label.setText(self.tr("App key"))
            box.secret_label.setText(self.tr("App secret"))
        self.remember.setText(self.tr("Remember these keys in the system keyring"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self._mode_changed()

    def current_mode(self) -> Mode:
        return Mode(self.mode.currentData())

    def prepare(self, mode: Mode) -> None:
        self.retranslate()  # made once: the interface language may have changed since
        self.mode.setCurrentIndex(self.mode.findData(mode.value))
        self._mode_changed()
        self.message.clear()
        self.remember.setChecked(self.shell.settings.remember_keys)

    def _mode_changed(self) -> None:
        mode = self.current_mode()
        for box in (self.stock, self.futures):
            box.setEnabled(mode.needs_keys)
        self.remember.setEnabled(mode.needs_keys)
        stock, futures = find_saved_keys(mode)
        self.stock.fill(stock)
        self.futures.fill(futures if futures != stock else None)
        if mode is Mode.LIVE:
            bg = MODE_COLORS["live"][0]
            self.hint.setStyleSheet(f"background:{bg}; color:white; padding:6px; font-weight:700;")
            self.hint.setText(self.tr("LIVE: orders use real money. Every order will ask for "
                                      "confirmation."))
        elif mode is Mode.PAPER:
            self.hint.setStyleSheet("")
            self.hint.setText(self.tr("Paper trading needs your LS paper-trading app key."))
        else:
            self.hint.setStyleSheet("")
            self.hint.setText(self.tr("Demo mode runs a simulated exchange on this computer. "
                                      "No keys are needed."))
        self.message.clear()

    def submit(self) -> None:
        mode = self.current_mode()
        stock, futures = (self.stock.keys(), self.futures.keys()) if mode.needs_keys else (None, None)
        if mode.needs_keys:
            for keys in (stock, futures):
                if keys is not None and not keys.complete:
                    self.show_error(self.tr("Enter both the app key and the app secret."))
                    return
            if stock is None and futures is None:
                self.show_error(self.tr("Enter a stock or a futures app key and secret."))
                return
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Connecting…"))
        self._task = spawn(self._connect(mode, stock, futures), "login")

    def reject(self) -> None:
        """Cancel also cancels a login in flight: the mode must not switch after the user gave up."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().reject()

    async def _connect(self, mode: Mode, stock: Keys | None, futures: Keys | None) -> None:
        try:
            result = await self.shell.switch_mode(mode, stock, futures)
        except asyncio.CancelledError:
            self.buttons.setEnabled(True)
            self.message.clear()
            raise
        except Exception as exc:  # keep the dialog usable whatever happened
            result = LoginResult(False, str(exc))
        self.buttons.setEnabled(True)
        if result.ok:
            remember = self.remember.isChecked() and mode.needs_keys
            self.shell.settings.remember_keys = self.remember.isChecked()
            if remember:
                saved = [keystore.save_keys(mode, market, keys)
                         for market, keys in (("stock", stock), ("futures", futures)) if keys is not None]
                if not all(saved):  # logged in all the same; say the keys were not kept
                    from app.ui import dialogs

                    dialogs.inform(self.shell.window, self.tr("Keys not remembered"),
                                   self.tr("No system keyring is available, so the keys were not saved. "
                                           "lsterm never writes them to a file; enter them again next time."),
                                   warning=True)
            elif mode.needs_keys:  # unticked: keys remembered earlier for this mode are dropped
                for market in ("stock", "futures"):
                    keystore.forget_keys(mode, market)
            self.message.clear()
            self.accept()
        else:
            self.show_error(self.tr("Login failed: {0}").format(result.message))
        self.finished_login.emit(result)

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #e5484d; font-weight: 600;")
        self.message.setText(text)
