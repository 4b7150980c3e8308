"""The orders panel: working orders (modify price/quantity in place or with keys, cancel one, all,
all buys, all sells), the day's order history and its fills — filterable, exported to CSV, and
updated live from the order manager."""

from __future__ import annotations

import csv
import logging
import time
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QStyle, QTableView, QTabWidget, QVBoxLayout, QWidget)

from app.trading.order_reserved import Reservation
from app.trading.order_state import PENDING_NEW
from app.trading.order_validation import as_int, as_price
from app.trading.orders import OrderRejected
from app.ui import later, ticket_keys
from app.ui.order_actions import request_modify
from app.ui.panels.base import Panel
from app.ui.panels.orders_panel_model import RowsModel, order_decimals, order_models, order_zone, reserved_model
from app.ui.panels.registry import register
from app.ui.tasks import spawn

log = logging.getLogger(__name__)

# A new order's row waits this long for the answer, then shows "Sending": answered sooner (the
# demo exchange answers in ~5 ms, LS in 30-100 ms), it appears once, already accepted (or not at
# all among the working orders when refused). Inserting a row repaints the whole table (~5-8 ms
# of Qt painting), and the "Sending" one did so while the answer waited to be read.
NEW_ROW_GRACE_MS = 30


class Proxy(QSortFilterProxyModel):
    """Filter on every column's text (case-insensitive), sort on the column's sort key."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        # Re-sorting on every state change costs a full pass per order event (thousands of data()
        # calls a second with many orders); rows come newest first and a header click sorts.
        self.setDynamicSortFilter(False)


@register
class OrdersPanel(Panel):
    kind = "orders"
    title_en = "Orders"
    title_ko = "주문내역"
    default_area = "bottom"

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setObjectName("OrdersPanel")
        self.working_model, self.history_model, self.fills_model = order_models(self)
        self.reserved_model = reserved_model(self)
        self.working_model.on_edit = self._edited
        for m in (self.working_model, self.history_model):  # times on the exchange clock of the order's symbol
            m.zone_of = lambda o: order_zone(o, self.context.instruments)
        for m in self._models():  # prices to the digits of the symbol's tick
            m.decimals_of = lambda o: order_decimals(o, self.context.instruments)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("OrdersTabs")
        self.views: list[QTableView] = []
        self.proxies: list[Proxy] = []
        for model in self._models():
            proxy = Proxy(self)
            proxy.setSourceModel(model)
            view = QTableView(self)
            view.setModel(proxy)
            view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            view.setSortingEnabled(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setAlternatingRowColors(True)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(22)
            view.horizontalHeader().setDefaultSectionSize(66)
            view.horizontalHeader().setMinimumSectionSize(36)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
            self.views.append(view)
            self.proxies.append(proxy)
            self.tabs.addTab(view, "")
        self.views[0].setObjectName("WorkingOrders")
        self.tabs.currentChanged.connect(self._update_empty)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("OrdersFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(140)
        self.filter_edit.textChanged.connect(lambda text: [p.setFilterFixedString(text) for p in self.proxies])
        self.buttons = {k: QPushButton(self) for k in ("cancel", "cancel_all", "cancel_buys", "cancel_sells", "export")}
        for b in self.buttons.values():
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons["cancel"].clicked.connect(self.cancel_selected)
        self.buttons["cancel_all"].clicked.connect(lambda: self._cancel_all(None))
        self.buttons["cancel_buys"].clicked.connect(lambda: self._cancel_all("buy"))
        self.buttons["cancel_sells"].clicked.connect(lambda: self._cancel_all("sell"))
        self.buttons["export"].clicked.connect(self.ask_export)
        self.message = QLabel(self)
        self.message.setObjectName("OrdersMessage")
        self.empty = QLabel(self)
        self.empty.setObjectName("OrdersEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.filter_edit, 1)
        for k in ("cancel", "cancel_all", "cancel_buys", "cancel_sells", "export"):
            top.addWidget(self.buttons[k])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.message)
        self._unlisten: Any = None
        self._held: dict[int, tuple[Any, float]] = {}  # key → (new order waiting for its answer, due)
        # one timer for every held row (see `later`): a Python-made single-shot timer per order
        # crashed the terminal under a steady order flow
        self._hold_timer = later.Timer(self, self._unhold_due)
        ticket_keys.attach(self, "orders")
        context.orders_changed.connect(self._manager)
        context.language_changed.connect(lambda _l: self.retranslate())
        context.settings_changed.connect(self._recolor)
        context.instruments_loaded.connect(self._zones_known)
        for m in self._models():
            m.rowsInserted.connect(self._update_empty)
            m.rowsRemoved.connect(self._update_empty)
            m.modelReset.connect(self._update_empty)
        self.retranslate()
        self._manager(context.orders)

    def _models(self) -> tuple[RowsModel, ...]:
        return self.working_model, self.history_model, self.fills_model, self.reserved_model

    # ---- manager -----------------------------------------------------------------------------
    def _manager(self, mgr: Any) -> None:
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        self._held.clear()
        orders = mgr.orders() if mgr is not None else []
        fills = mgr.fills() if mgr is not None else []
        self.working_model.reset(orders)
        self.history_model.reset(orders)
        self.fills_model.reset(fills)
        self.reserved_model.reset(list(reversed(mgr.reservations)) if mgr is not None else [])
        if mgr is not None:
            self._unlisten = mgr.add_listener(self._event)
        self._update_empty()  # (an empty model reset to empty says nothing: "not connected" stayed)

    def _event(self, kind: str, item: Any) -> None:
        mgr = self.context.orders
        if kind == "order":
            if mgr is not None and item.key not in mgr.book.by_key:  # merged into another record
                self._held.pop(item.key, None)
                self.working_model.remove(item.key)
                self.history_model.remove(item.key)
                return
            if item.state == PENDING_NEW and item.key not in self.history_model.index_of:
                if item.key not in self._held:
                    self._held[item.key] = (item, time.monotonic() + NEW_ROW_GRACE_MS / 1000)
                    self._hold_timer.due(NEW_ROW_GRACE_MS)
                return
            self._held.pop(item.key, None)
            self.working_model.upsert(item)
            self.history_model.upsert(item)
            if mgr is not None and len(mgr.book.fills) == len(self.fills_model.items) and any(
                    a is not b for a, b in zip(mgr.book.fills, self.fills_model.items)):
                self.fills_model.reset(mgr.fills())  # a reconciled stand-in became the real fill
        elif kind == "fill":
            self.fills_model.upsert(item)
        elif kind == "reserved":
            self.reserved_model.upsert(item)
        elif kind == "reservations":
            self.reserved_model.reset(list(reversed(item)))

    def _unhold_due(self) -> None:
        """No answer yet after NEW_ROW_GRACE_MS: the new order's row shows "Sending" now."""
        now = time.monotonic()
        for key, (item, due) in list(self._held.items()):
            if due <= now + 0.001:
                del self._held[key]
                self.working_model.upsert(item)
                self.history_model.upsert(item)
        if self._held:
            self._hold_timer.due(1000 * (min(due for _i, due in self._held.values()) - now))

    # ---- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        for i, name in enumerate((self.tr("Working"), self.tr("Orders today"), self.tr("Fills"), self.tr("Reserved"))):
            self.tabs.setTabText(i, name)
        self.filter_edit.setPlaceholderText(self.tr("Filter (symbol, side, state…)"))
        self.buttons["cancel"].setText(self.tr("Cancel"))
        self.buttons["cancel_all"].setText(self.tr("Cancel all"))
        self.buttons["cancel_buys"].setText(self.tr("Cancel buys"))
        self.buttons["cancel_sells"].setText(self.tr("Cancel sells"))
        self.buttons["export"].setText(self.tr("CSV…"))
        for m in self._models():
            m.retranslate()
        self.fit_columns()
        self._update_empty()

    def fit_columns(self) -> None:
        """Each column as wide as its header and the widest text its cells hold in the current
        language (QA: "Partly filled" and the Avg column were clipped at a flat 66 px); the last
        column takes the rest."""
        for view, model in zip(self.views, self._models()):
            head = view.horizontalHeader()
            view.ensurePolished()
            head.ensurePolished()
            plain, numbers = view.fontMetrics(), QFontMetrics(model.font)
            # the delegate's text margins (Qt: focus-frame margin + 1 on each side) and the grid line
            margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 2
            for c, col in enumerate(model.columns[:-1]):
                metrics = numbers if col.numeric else plain
                need = max((metrics.horizontalAdvance(t) for t in col.samples()), default=0) + margin
                head.resizeSection(c, max(need, head.sectionSizeHint(c)))

    def _zones_known(self, *_a: Any) -> None:
        """The master arrived: rows written before it may show a fallback clock (see `order_zone`)
        and prices to a guessed number of digits (see `order_decimals`)."""
        for m in self._models():
            m.rewrite()

    def _recolor(self) -> None:
        for m in self._models():
            m.colors.refresh(getattr(self.context.prefs, "color_convention", None))
            m.refresh_colors()

    def _update_empty(self, *_a: Any) -> None:
        if self.context.orders is None:
            self.empty.setText(self.tr("Not connected: orders appear after the login."))
        else:
            self.empty.setText(self.tr("No working orders. Send one from the order ticket (F4)."))
        self.empty.setVisible(self.tabs.currentIndex() == 0 and (self.context.orders is None
                                                                  or not self.working_model.items))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def tell_order_problem(self, text: str) -> None:
        """A modify from this panel refused (app/ui/order_actions.py): said here, beside the order,
        not in the window's status bar (QA: an off-grid price typed in the Price cell was told
        down there, and the panel still showed an older message)."""
        self._say(text)

    # ---- actions -----------------------------------------------------------------------------
    def current_view(self) -> QTableView:
        return self.views[self.tabs.currentIndex()]

    def selected_orders(self) -> list[Any]:
        view = self.current_view()
        proxy = view.model()
        model: RowsModel = proxy.sourceModel()
        rows = {proxy.mapToSource(i).row() for i in view.selectionModel().selectedRows()}
        if not rows and view.currentIndex().isValid():
            rows = {proxy.mapToSource(view.currentIndex()).row()}
        return [model.item_at(r) for r in sorted(rows) if hasattr(model.item_at(r), "working")]

    def cancel_selected(self) -> None:
        self._say("")  # each action's message replaces the last one's, or none stays
        mgr = self.context.orders
        for order in self.selected_orders():
            if mgr is not None and order.working:
                if isinstance(order, Reservation):  # a reserved order LS has not sent yet
                    spawn(self._guard(mgr.cancel_reserved(order.rsv_no)), "cancel reserved order")
                else:
                    spawn(self._guard(mgr.cancel(order)), "cancel order")

    async def _guard(self, coro: Any) -> None:
        try:
            await coro
        except OrderRejected as exc:
            self._say("\n".join(exc.messages))

    def _cancel_all(self, side: str | None) -> None:
        self._say("")
        if self.context.orders is not None:
            spawn(self.context.orders.cancel_all(side=side), "cancel all")

    def _step(self, ticks: int) -> None:
        self._say("")
        for order in self.selected_orders()[:1]:
            inst = self.context.instruments.get(order.symbol)
            if order.price is None or inst is None or not order.working:
                continue
            tick = inst.tick_at(order.price)
            spawn(request_modify(self.context, self, order.id, price=order.price + tick * ticks), "modify order")

    def price_up(self) -> None:
        self._step(1)

    def price_down(self) -> None:
        self._step(-1)

    def edit_selected(self) -> None:
        view = self.views[0]
        self.tabs.setCurrentIndex(0)
        idx = view.currentIndex()
        if not idx.isValid() and view.model().rowCount():
            idx = view.model().index(0, 0)
        col = next(i for i, c in enumerate(self.working_model.columns) if c.id == "price")
        view.edit(view.model().index(idx.row(), col))

    def _edited(self, order: Any, column: str, text: str) -> None:
        """A typed price or quantity: validated, confirmed by the rules, then modified."""
        self._say("")
        if column == "price":
            price = as_price(text)
            if price is None or price <= 0:
                self._say(self.tr("Price: enter a number greater than zero."))
                return
            spawn(request_modify(self.context, self, order.id, price=price), "modify order")
        elif column == "qty":
            qty = as_int(text.replace(",", ""))
            if qty is None or qty <= 0:
                self._say(self.tr("Quantity: enter a whole number greater than zero."))
                return
            spawn(request_modify(self.context, self, order.id, qty=qty), "modify order")

    # ---- CSV ---------------------------------------------------------------------------------
    def ask_export(self) -> None:
        dlg = QFileDialog(self, self.tr("Export orders and fills"), "", self.tr("CSV files (*.csv)"))
        dlg.setObjectName("OrdersExport")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setDefaultSuffix("csv")
        dlg.fileSelected.connect(self.export_csv)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()

    def export_csv(self, path: str) -> int:
        """The rows of the current tab as shown (filter and sort applied); returns the row count."""
        view = self.current_view()
        proxy = view.model()
        model: RowsModel = proxy.sourceModel()
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow([c.id for c in model.columns])
            for r in range(proxy.rowCount()):
                item = model.item_at(proxy.mapToSource(proxy.index(r, 0)).row())
                w.writerow([_stamp(item, model.zone_of(item)) if c.zoned
                            else _raw(c.id, item) if hasattr(item, c.id) or c.id in _RAW else c.text(item)
                            for c in model.columns])
        self._say(self.tr("Exported {0} rows to {1}").format(proxy.rowCount(), path))
        return proxy.rowCount()

    # ---- workspace ---------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return {"tab": self.tabs.currentIndex(), "filter": self.filter_edit.text()}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        if isinstance(settings.get("tab"), int) and 0 <= settings["tab"] < self.tabs.count():
            self.tabs.setCurrentIndex(settings["tab"])
        if isinstance(settings.get("filter"), str):
            self.filter_edit.setText(settings["filter"])

    def shutdown(self) -> None:
        ticket_keys.detach(self, "orders")
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None


_RAW = {"avg", "left", "order", "exec"}


def _stamp(item: Any, zone: Any) -> str:
    """An order's (or a fill's) time for CSV: ISO 8601 on its exchange's clock, with the UTC offset."""
    t = getattr(item, "updated", None) if hasattr(item, "updated") else getattr(item, "at", None)
    return datetime.fromtimestamp(t, zone).isoformat(timespec="seconds") if t else ""


def _raw(column: str, item: Any) -> str:
    """Machine-readable values for CSV (no thousands separators, full precision)."""
    value = {"avg": lambda: item.avg_fill_price, "left": lambda: item.remaining,
             "order": lambda: item.order_id, "exec": lambda: item.exec_id}.get(column, lambda: getattr(item, column))()
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if column == "updated" or column == "time" and isinstance(value, float):
        return str(value)
    return str(value)
