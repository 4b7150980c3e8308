"""A dock that holds one panel: a title bar with the link-group colour, float and close buttons."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QIcon, QPainter, QPixmap, QScreen
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QMenu, QStyle, QToolButton,
                               QWidget)

from app.ui.linking import BY_ID, GROUPS
from app.ui.panels.base import Panel

FLOAT_OFFSET = 40  # px a floated panel moves down and right from where it was docked
FLOAT_MIN = QSize(480, 320)
GRAB = QSize(120, 24)  # px of a floating panel's top edge that must be on a screen to grab it by


def on_screen(rect: QRect, fallback: QScreen | None = None) -> QRect:
    """``rect`` as it is when the top of it can be grabbed on some screen and it is not larger
    than that screen (unless it spans to another); else moved (and shrunk to fit) into the screen
    it overlaps most, or ``fallback`` (the primary screen) when it overlaps none: a floating
    panel saved on a monitor that has since been unplugged, or a hand-edited rectangle."""
    screens = QGuiApplication.screens()
    best, best_area = None, 0
    for screen in screens:
        avail = screen.availableGeometry()
        top = avail.intersected(QRect(rect.topLeft(), QSize(rect.width(), GRAB.height())))
        grabbed = top.width() >= min(GRAB.width(), rect.width()) and top.height() >= GRAB.height()
        fits = (rect.width() <= avail.width() and rect.height() <= avail.height()) or any(
            s.availableGeometry().contains(rect.bottomRight()) for s in screens)
        if grabbed and fits:
            return QRect(rect)
        seen = avail.intersected(rect)
        if not seen.isEmpty() and seen.width() * seen.height() > best_area:
            best, best_area = screen, seen.width() * seen.height()
    screen = best or fallback or QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(rect)
    avail = screen.availableGeometry()
    out = QRect(rect.topLeft(), rect.size().boundedTo(avail.size()))
    out.moveLeft(min(max(out.left(), avail.left()), avail.right() - out.width() + 1))
    out.moveTop(min(max(out.top(), avail.top()), avail.bottom() - out.height() + 1))
    return out


def dot_icon(color: str | None, size: int = 12) -> QIcon:
    """A filled circle in the group's colour; a hollow ring for 'not linked'."""
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if color:
        p.setBrush(QColor(color))
        p.setPen(Qt.PenStyle.NoPen)
    else:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QColor("#8b9099"))
    p.drawEllipse(2, 2, size - 4, size - 4)
    p.end()
    return QIcon(pm)


class DockTitle(QWidget):
    def __init__(self, dock: PanelDock):
        super().__init__(dock)
        self.setObjectName("DockTitle")
        self.dock = dock
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 1, 2, 1)
        lay.setSpacing(2)
        self.link = QToolButton(self)
        self.link.setObjectName("DockButton")
        self.link.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.link.setIconSize(QSize(12, 12))
        self.label = QLabel(self)
        self.symbol = QLabel(self)
        self.symbol.setProperty("dim", True)
        style = self.style()
        self.float_btn = self._button(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton))
        self.float_btn.clicked.connect(dock.toggle_floating)
        self.close_btn = self._button(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_btn.clicked.connect(dock.close)
        lay.addWidget(self.link)
        lay.addWidget(self.label)
        lay.addWidget(self.symbol)
        lay.addStretch(1)
        lay.addWidget(self.float_btn)
        lay.addWidget(self.close_btn)

    def _button(self, icon: QIcon) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName("DockButton")
        b.setIcon(icon)
        b.setIconSize(QSize(12, 12))
        b.setAutoRaise(True)
        return b


class PanelDock(QDockWidget):
    """The dock around a panel. Its objectName is the panel's stable instance id."""

    link_group_requested = Signal(object, object)  # dock, group id or None

    def __init__(self, panel: Panel, instance_id: str, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.setObjectName(instance_id)
        self.setWidget(panel)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.title_bar = DockTitle(self)
        self.setTitleBarWidget(self.title_bar)
        self.lang = lang
        self.topLevelChanged.connect(self._on_top_level)
        self.retranslate(lang)

    def toggle_floating(self) -> None:
        """Float the panel as a window of its own beside its old place, or dock it back."""
        if self.isFloating():
            self.setFloating(False)
            self.raise_()  # back in a tab group: in front, not behind whichever tab was showing
            return
        old = QRect(self.mapToGlobal(QPoint(0, 0)), self.size())
        self.setFloating(True)
        # Exactly over its old place it would look as if the neighbours had collapsed: offset it,
        # and give it a usable size even when it came from a thin strip.
        hint = self.widget().sizeHint() if self.widget() is not None else QSize()
        width = max(old.width(), min(hint.width(), 900), FLOAT_MIN.width())
        height = max(old.height(), min(hint.height(), 700), FLOAT_MIN.height())
        rect = QRect(old.x() + FLOAT_OFFSET, old.y() + FLOAT_OFFSET, width, height)
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        if rect.right() > screen.right():  # from a panel at the screen's edge: stay on screen
            rect.moveRight(max(screen.right(), screen.left() + rect.width() - 1))
        if rect.bottom() > screen.bottom():
            rect.moveBottom(max(screen.bottom(), screen.top() + rect.height() - 1))
        self.setGeometry(rect)

    def _on_top_level(self, floating: bool) -> None:
        self._show_title()
        if floating:
            QTimer.singleShot(0, self._frame_if_floating)  # once Qt has finished its own flags

    def _show_title(self) -> None:
        """The title where Qt shows it: a docked panel's title is its tab's text and the Panels
        menu's, where '&' marks a shortcut letter ("Time & sales" read "Time _sales"), so it is
        doubled there; a floating panel's window title is shown as it is."""
        escaped = self.title.replace("&", "&&")
        self.setWindowTitle(self.title if self.isFloating() else escaped)
        self.toggleViewAction().setText(escaped)

    def _frame_if_floating(self) -> None:
        """Give a floating panel a window manager frame (title, move, resize), as other windows have.

        Qt makes a floating dock with its own title bar a frameless tool window; while it is being
        dragged to a new dock place (bypassing the window manager) it is left alone."""
        if not self.isFloating() or self.windowFlags() & Qt.WindowType.X11BypassWindowManagerHint:
            return
        if not self.windowFlags() & Qt.WindowType.FramelessWindowHint:
            return
        geometry = self.geometry()
        self.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.CustomizeWindowHint
                            | Qt.WindowType.WindowTitleHint | Qt.WindowType.WindowCloseButtonHint)
        self.setGeometry(geometry)
        self.show()

    @property
    def instance_id(self) -> str:
        return self.objectName()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        number = self.instance_id.rsplit("-", 1)[-1]
        title = self.panel.title(lang)
        if number.isdigit() and int(number) > 1:
            title = f"{title} {number}"
        self.title = title
        self._show_title()
        self.title_bar.label.setText(title)
        self.refresh_link()
        self.panel.retranslate()

    def refresh_link(self) -> None:
        group = BY_ID.get(self.panel.link_group or "")
        self.title_bar.link.setIcon(dot_icon(group.color if group else None))
        self.title_bar.link.setVisible(self.panel.uses_symbol or self.panel.picks_symbol)
        self.title_bar.symbol.setText(self.panel.symbol if self.panel.uses_symbol else "")
        menu = QMenu(self)
        agroup = QActionGroup(menu)
        none = QAction("—  " + ("연결 안 함" if self.lang == "ko" else "Not linked"), menu)
        entries = [(none, None)] + [(QAction(dot_icon(g.color), g.title(self.lang), menu), g.id)
                                    for g in GROUPS]
        for act, gid in entries:
            act.setCheckable(True)
            act.setChecked(gid == self.panel.link_group)
            agroup.addAction(act)
            act.triggered.connect(lambda _c=False, g=gid: self.link_group_requested.emit(self, g))
            menu.addAction(act)
        self.title_bar.link.setMenu(menu)
        tip = group.title(self.lang) if group else none.text()
        self.title_bar.link.setToolTip(tip)
