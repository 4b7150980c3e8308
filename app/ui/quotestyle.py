"""How market numbers look in every panel: up/down colours by convention and theme, number formats, fonts.

Colours come from here only (never literals in panels): Korean convention by default (up red,
down blue), Western as a setting (up green, down red). Unknown values format as blank, never 0.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPainter, QPen, QStaticText
from PySide6.QtWidgets import QApplication

from app.trading.instruments import format_average

# (up, down, flat) per theme and convention
_COLORS = {
    ("dark", "korean"): ("#ff5a5f", "#4d8dff", "#c9ccd2"),
    ("light", "korean"): ("#d6282f", "#1f5fd6", "#1c1f24"),
    ("dark", "western"): ("#35c47a", "#ff5a5f", "#c9ccd2"),
    ("light", "western"): ("#1a8a4a", "#d6282f", "#1c1f24"),
}
_FLASH_ALPHA = 110  # peak alpha of a tick flash (fades to 0)
STALE = {"dark": "#6b7079", "light": "#9aa0a8"}


def theme_name() -> str:
    app = QApplication.instance()
    name = app.property("lsterm_theme") if app is not None else None
    if name in ("dark", "light"):
        return name
    if app is not None:  # fall back to the palette's lightness
        return "dark" if app.palette().base().color().lightness() < 128 else "light"
    return "dark"


class QuoteColors:
    """The colours of one theme and convention; call `refresh()` after either changes."""

    def __init__(self, convention: str = "korean"):
        self.convention = convention
        self.refresh()

    def refresh(self, convention: str | None = None) -> None:
        if convention:
            self.convention = convention if convention in ("korean", "western") else "korean"
        self.theme = theme_name()
        up, down, flat = _COLORS[(self.theme, self.convention)]
        self.up, self.down, self.flat = QColor(up), QColor(down), QColor(flat)
        self.stale = QColor(STALE[self.theme])
        self.buy, self.sell = self.up, self.down  # buy/sell follow up/down (Korean: buy red)

    def for_sign(self, value: float | None) -> QColor:
        if value is None or value == 0:
            return self.flat
        return self.up if value > 0 else self.down

    def flash(self, direction: int, strength: float) -> QColor:
        """The background of a cell `strength` (1 → 0) into its flash."""
        c = QColor(self.up if direction > 0 else self.down)
        c.setAlpha(max(0, min(255, int(_FLASH_ALPHA * strength))))
        return c


def number_font(base: QFont | None = None) -> QFont:
    """A font with tabular (fixed-width) digits so columns do not jitter as values change."""
    font = QFont(base) if base is not None else QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    try:
        font.setFeature(QFont.Tag("tnum"), 1)
    except (AttributeError, TypeError):  # older Qt: fall back to the fixed font
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(font.pointSizeF())
        return fixed
    return font


def fmt_price(value: float | None, decimals: int = 2) -> str:
    return "" if value is None else f"{value:,.{decimals}f}"


def fmt_average(value: Decimal | float | None, decimals: int) -> str:
    """An average price to the tick's digits and up to three more (blank when unknown)."""
    return "" if value is None else format_average(value, decimals)


def fmt_change(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return ""
    return f"{value:+,.{decimals}f}" if value else f"{0:.{decimals}f}"


def fmt_pct(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:+.2f}%" if value else "0.00%"


def fmt_qty(value: int | float | None) -> str:
    return "" if value is None else f"{int(value):,}"


def fmt_volume(value: int | float | None) -> str:
    """Volumes compact past a million (12.3M), exact below."""
    if value is None:
        return ""
    v = int(value)
    if v >= 10_000_000:
        return f"{v / 1_000_000:,.1f}M"
    return f"{v:,}"


_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_HCENTER = int(Qt.AlignmentFlag.AlignHCenter)
_PLAIN = Qt.TextFormat.PlainText
_ELIDE = Qt.TextElideMode.ElideRight


class TextCache:
    """Texts in one font laid out once and drawn many times: a table cell is repainted far more
    often than its text changes (flash fades, neighbours, scrolling), and laying a string out took
    as long as drawing it. Holds up to `size` strings; the older half goes when it is full."""

    def __init__(self, font: QFont, size: int = 4096):
        self.font = font
        self.size = size
        self.metrics = QFontMetrics(font)
        self._texts: dict[str, tuple[QStaticText, float, float]] = {}  # text -> (laid out, width, height)

    def _laid_out(self, text: str) -> tuple[QStaticText, float, float]:
        got = self._texts.get(text)
        if got is None:
            if len(self._texts) >= self.size:
                for old in list(self._texts)[: self.size // 2]:
                    del self._texts[old]
            st = QStaticText(text)
            st.setTextFormat(_PLAIN)
            st.prepare(font=self.font)
            size = st.size()
            got = self._texts[text] = (st, size.width(), size.height())
        return got

    def prepared(self, text: str) -> QStaticText:
        return self._laid_out(text)[0]

    def draw(self, painter: QPainter, box: QRect, align: int, text: str, inset: int = 0) -> None:
        """`text` with the painter's pen (set the font's with `painter.setFont(cache.font)`),
        aligned in `box` less `inset` px each side (left, right or centred; vertically centred),
        elided when too wide. A table cell calls this on every repaint: one call into Qt for the
        box and one to draw, the text's size kept with its layout."""
        st, w, h = self._texts.get(text) or self._laid_out(text)
        x, y, bw, bh = box.getRect()
        if inset:
            x += inset
            bw -= 2 * inset
        if w > bw:
            st, w, h = self._laid_out(self.metrics.elidedText(text, _ELIDE, max(0, bw)))
        if align & _RIGHT:
            x += bw - w
        elif align & _HCENTER:
            x += (bw - w) / 2
        painter.drawStaticText(x, y + (bh - h) / 2, st)


class Pens:
    """One pen per colour, made once: `setPen(color)` builds a pen on every call."""

    def __init__(self) -> None:
        self._pens: dict[int, QPen] = {}

    def __call__(self, color: QColor) -> QPen:
        key = color.rgba()
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = QPen(color)
        return pen
