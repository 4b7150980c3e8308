"""Dark and light themes (Fusion + palette + a short style sheet), switchable at run time."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    base: str
    alt_base: str
    text: str
    dim: str
    button: str
    highlight: str
    border: str
    title: str  # dock title bars
    green: str
    amber: str
    red: str


DARK = Theme("dark", window="#1b1d21", base="#121316", alt_base="#17191c", text="#e4e6eb",
             dim="#8b9099", button="#2a2d33", highlight="#3e83f8", border="#30343b",
             title="#24272d", green="#30a46c", amber="#f5a524", red="#e5484d")
LIGHT = Theme("light", window="#f3f4f6", base="#ffffff", alt_base="#f7f8fa", text="#1c1f24",
              dim="#6b7280", button="#e6e8ec", highlight="#2563eb", border="#d3d6dc",
              title="#e4e7ec", green="#1f8a4c", amber="#c27a00", red="#d1242f")
THEMES = {"dark": DARK, "light": LIGHT}

# Mode badge colours: demo and paper are calm, live is loud and red everywhere.
MODE_COLORS = {"demo": ("#2f6f4f", "#ffffff"), "paper": ("#3a5a9c", "#ffffff"),
               "live": ("#c4161c", "#ffffff")}


def palette(t: Theme) -> QPalette:
    p = QPalette()
    c = QColor
    role = QPalette.ColorRole
    for r, v in ((role.Window, t.window), (role.WindowText, t.text), (role.Base, t.base),
                 (role.AlternateBase, t.alt_base), (role.Text, t.text), (role.Button, t.button),
                 (role.ButtonText, t.text), (role.Highlight, t.highlight),
                 (role.HighlightedText, "#ffffff"), (role.ToolTipBase, t.title),
                 (role.ToolTipText, t.text), (role.PlaceholderText, t.dim),
                 (role.Link, t.highlight), (role.BrightText, t.red), (role.Mid, t.border),
                 (role.Dark, t.border), (role.Midlight, t.button)):
        p.setColor(r, c(v))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, c(t.dim))
    return p


def style_sheet(t: Theme) -> str:
    return f"""
QMainWindow::separator {{ background: {t.border}; width: 3px; height: 3px; }}
QWidget#DockTitle {{ background: {t.title}; border-bottom: 1px solid {t.border}; }}
QWidget#DockTitle QLabel {{ font-weight: 600; }}
QToolButton#DockButton {{ border: none; padding: 2px; border-radius: 3px; }}
QToolButton#DockButton:hover {{ background: {t.button}; }}
QLabel#ModeBadge {{ border-radius: 3px; padding: 1px 8px; font-weight: 700; }}
QLabel.Dim, QLabel[dim="true"] {{ color: {t.dim}; }}
QStatusBar {{ border-top: 1px solid {t.border}; }}
QStatusBar::item {{ border: none; }}
QTabBar::tab {{ padding: 4px 10px; background: {t.window}; border: 1px solid {t.border};
  border-bottom: none; }}
QTabBar::tab:selected {{ background: {t.title}; }}
QTableView {{ gridline-color: {t.border}; border: none; }}
QHeaderView::section {{ background: {t.title}; border: none; border-right: 1px solid {t.border};
  padding: 3px 6px; }}
QLineEdit, QComboBox, QKeySequenceEdit {{ padding: 3px 6px; }}
QFrame#Palette {{ background: {t.base}; border: 1px solid {t.highlight}; border-radius: 6px; }}
QToolBar {{ border: none; spacing: 4px; }}
"""


def apply_theme(app: QApplication, name: str) -> Theme:
    t = THEMES.get(name, DARK)
    app.setStyle("Fusion")
    app.setPalette(palette(t))
    app.setStyleSheet(style_sheet(t))
    app.setProperty("lsterm_theme", t.name)
    return t


def current(app: QApplication | None = None) -> Theme:
    app = app or QApplication.instance()
    return THEMES.get(str(app.property("lsterm_theme")) if app else "dark", DARK)
