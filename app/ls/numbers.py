"""LS's numeric text as it arrives on the wire, cleaned for a number parser.

Kept apart from the models (no pydantic): the terminal's quote parsing needs only this, and the
window is built before the client core is imported (app/main.py imports the core while it waits
for the demo's exchange).
"""

from __future__ import annotations

from typing import Any


def clean_number(value: Any) -> Any:
    """Turn LS's padded or blank numeric text into something a number validator accepts.

    "" / "   " -> None; "0. 14997.75" -> "14997.75" (LS pads some futures prices: "0." and the
    price right-aligned in nine characters); "0.0.0066295" -> "0.0066295" (a price of nine
    characters fills the pad, no space is left); "+1.5" -> "1.5". Anything else is returned
    unchanged so the validator reports it.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if " " in text:
        text = text.split()[-1]
    elif len(text) >= 11 and text.startswith("0.") and text.count(".") == 2:
        text = text[2:]
    if text.startswith("+"):
        text = text[1:]
    return text
