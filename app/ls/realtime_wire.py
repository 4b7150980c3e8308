"""Realtime wire format: symbol-key padding, request frames, and the cheap tr_cd peek.

Pure functions with no I/O, shared by the session, the facade, the tests and the embedded
exchange. Keys follow ``spec.json`` ``websocket.symbol_keys``: stock keys are exchange code +
ticker space-padded to 18 characters; futures/options codes are padded, or truncated, to 8.
"""

from __future__ import annotations

import json
import re
from importlib import import_module
from typing import Any

from app.ls.models.catalog import REAL

STOCK_KEY_LEN = 18
FUTURES_KEY_LEN = 8

# tr_type values (spec §6)
ACCOUNT_REGISTER = "1"
ACCOUNT_UNREGISTER = "2"
QUOTE_SUBSCRIBE = "3"
QUOTE_UNSUBSCRIBE = "4"

# One tr_type=1 message enables a whole account family; these are the codes LS is known to
# accept for it (programgarden registers with AS1 / TC1).
ACCOUNT_FAMILY_CODE = {"stock": "AS1", "futureoption": "TC1"}

# Finds the routing code without decoding the frame. Pushes and acks carry it in the header;
# no push body has a field of that name.
TR_CD_PEEK = re.compile(rb'"tr_cd"\s*:\s*"([A-Za-z0-9]{1,12})"')
RSP_CD_MARK = b'"rsp_cd"'
TR_KEY_MARK = b'"tr_key"'


def peek_key(raw: bytes) -> str | None:
    """The ``tr_key`` string of a frame without parsing it: "" when the frame has none, None when
    it is not written the plain way (an escape, a number, odd spacing) and must be parsed to be sure."""
    i = raw.find(TR_KEY_MARK)
    if i < 0:
        return ""
    i += len(TR_KEY_MARK)
    if raw.startswith(b':"', i):  # compact (orjson, LS)
        i += 2
    elif raw.startswith(b': "', i):  # json.dumps
        i += 3
    else:
        return None
    j = raw.find(b'"', i)
    if j < 0:
        return None
    key = raw[i:j]
    if b"\\" in key:
        return None
    try:
        return key.decode()
    except UnicodeDecodeError:
        return None


def info(tr_cd: str):
    """The catalog entry of a realtime TR, or ValueError for an unknown code."""
    found = REAL.get(tr_cd)
    if found is None:
        raise ValueError(f"unknown realtime TR {tr_cd!r}; known: {', '.join(REAL)}")
    return found


def is_quote(tr_cd: str) -> bool:
    return info(tr_cd).kind == "quote"


def family_code(tr_cd: str) -> str:
    """The code sent to (de)register the account family that ``tr_cd`` belongs to."""
    found = info(tr_cd)
    if found.kind != "account":
        raise ValueError(f"{tr_cd} is a quote feed: use subscribe(), not register_account()")
    return ACCOUNT_FAMILY_CODE[found.product]


def key_length(tr_cd: str) -> int:
    return STOCK_KEY_LEN if info(tr_cd).product == "stock" else FUTURES_KEY_LEN


def pad_key(tr_cd: str, key: str) -> str:
    """The ``tr_key`` as sent on the wire for a quote TR.

    ``pad_key("GSC", "82TSLA") == "82TSLA" + 12 spaces``; ``pad_key("OVC", "NQU23") ==
    "NQU23   "``; ``pad_key("WOC", "2ESU23_4400") == "2ESU23_4"`` (LS's 8-character field).
    """
    code = key.strip()
    if not code:
        raise ValueError(f"{tr_cd}: empty symbol key")
    size = key_length(tr_cd)
    if len(code) > size:
        if size == STOCK_KEY_LEN:
            raise ValueError(f"{tr_cd}: stock key {code!r} is longer than {size} characters")
        code = code[:size]
    return code.ljust(size)


def key_id(tr_cd: str, key: str | None) -> str:
    """The comparable form of a key, whether given by a caller or echoed by the server."""
    if not key:
        return ""
    code = key.strip()
    if info(tr_cd).product != "stock":
        code = code[:FUTURES_KEY_LEN].rstrip()
    return code


def request_frame(token: str, tr_type: str, tr_cd: str, tr_key: str = "") -> str:
    """One client→server message, field order as LS documents it."""
    return json.dumps(
        {"header": {"token": token, "tr_type": tr_type}, "body": {"tr_cd": tr_cd, "tr_key": tr_key}},
        ensure_ascii=False,
    )


def response_model(tr_cd: str) -> Any:
    """The typed push model (``app.ls.models.<TR>.Response``) of a realtime TR."""
    info(tr_cd)
    return import_module(f"app.ls.models.{tr_cd}").Response


def is_success(rsp_cd: str | None) -> bool:
    """Acks carry ``rsp_cd`` "00000"; anything but zeros is an error answer."""
    return rsp_cd is not None and rsp_cd.strip().strip("0") == ""
