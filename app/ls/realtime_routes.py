"""Routing tables of the realtime hot path: which model and which callbacks for a frame.

A route is rebuilt whenever a listener is added or removed, so dispatching a frame is a dict
look-up and a loop over a tuple. Routes are found by the 3-letter TR code, read from a fixed
offset when the frame starts the usual way, or by the regex peek otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from app.ls.realtime_wire import is_quote, pad_key, response_model

# The two layouts seen in practice: json.dumps (LS's doc examples) and compact (orjson).
SPACED_HEAD = b'{"header": {"tr_cd": "'
COMPACT_HEAD = b'{"header":{"tr_cd":"'
SPACED_AT = len(SPACED_HEAD)
COMPACT_AT = len(COMPACT_HEAD)


def code_number(code: bytes | str) -> int:
    """A 3-letter TR code as an int, comparable with the bytes read at a fixed offset."""
    data = code.encode() if isinstance(code, str) else code
    return data[0] << 16 | data[1] << 8 | data[2]


Table = tuple[tuple, dict[str, tuple]]  # (callbacks for every key, {key: its callbacks plus those})


class Route:
    """Model and callbacks of one tr_cd: typed listeners get the ``Response`` model, body
    listeners (``bodies``) the body dict, raw listeners (``raws``) the frame's bytes."""

    __slots__ = ("tr_cd", "model", "validate", "everyone", "by_key", "typed", "bodies", "raws")

    def __init__(self, tr_cd: str, typed: Table, bodies: Table | None = None, raws: Table | None = None):
        self.tr_cd = tr_cd
        self.model = response_model(tr_cd)
        # Response.model_validate_json minus one Python call layer
        self.validate = self.model.__pydantic_validator__.validate_json
        self.everyone, self.by_key = typed  # callbacks for every key; key -> its callbacks plus everyone's
        self.typed = bool(self.everyone or self.by_key)
        self.bodies = bodies  # the same for body listeners, None when there are none
        self.raws = raws  # and for raw listeners


class Routes:
    def __init__(self) -> None:
        self.by_code: dict[bytes, Route] = {}
        self.by_number: dict[int, Route] = {}

    def rebuild(self, tr_cd: str, listeners: Iterable[tuple[Callable, str | None, str]]) -> None:
        """Set the callbacks of ``tr_cd`` from (callback, key_id or None, form) triples, where form
        is what the callback takes: "typed", "body" or "raw"."""
        entries = list(listeners)
        code = tr_cd.encode()
        if not entries:
            self.by_code.pop(code, None)
            self.by_number.pop(code_number(code), None)
            return
        forms: dict[str, list[tuple[Callable, str | None]]] = {"typed": [], "body": [], "raw": []}
        for cb, key, form in entries:
            forms[form].append((cb, key))
        route = Route(tr_cd, _table(tr_cd, forms["typed"]), *(_table(tr_cd, forms[f]) if forms[f] else None
                                                               for f in ("body", "raw")))
        self.by_code[code] = route
        if len(code) == 3:
            self.by_number[code_number(code)] = route

    def __contains__(self, tr_cd: str) -> bool:
        return tr_cd.encode() in self.by_code

    def get(self, tr_cd: str) -> Any:
        return self.by_code.get(tr_cd.encode())


def _table(tr_cd: str, entries: list[tuple[Callable, str | None]]) -> Table:
    """The callback table of (callback, key_id) pairs."""
    everyone = tuple(cb for cb, key in entries if key is None)
    by_key: dict[str, tuple] = {}
    for cb, key in entries:
        if key is not None:
            by_key[key] = (*by_key.get(key, everyone), cb)
    if is_quote(tr_cd):  # the padded form the server echoes, so key_id() is rarely needed
        for key, cbs in list(by_key.items()):
            by_key[pad_key(tr_cd, key)] = cbs
    return everyone, by_key
