"""Decoding and dispatch of realtime frames: one typed decode per frame, every listener called.

The session hands each text frame to ``Dispatcher.handle``. It finds the TR code (at a fixed
offset for the usual JSON layouts, by a regex otherwise), skips frames nobody listens to,
validates the rest once with the TR's ``Response`` model (strict and fast; the lenient cleaner
only when that fails) and calls the listeners of that TR and key. Body listeners (the quote hub:
thousands of frames a second, a few fields each) get the body as a dict of the strings sent,
parsed with orjson and no model, at a third of the cost; raw listeners get the frame's bytes and
its key, read without parsing, to decode later or never (a book superseded before anyone looks). Acks and error answers go to the
``AckBook``; unreadable frames are counted and logged without their content.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import orjson
from pydantic import ValidationError

from app.ls.models.base import clean_payload
from app.ls.realtime_acks import AckBook
from app.ls.realtime_routes import COMPACT_AT, COMPACT_HEAD, SPACED_AT, SPACED_HEAD, Route, Routes
from app.ls.realtime_wire import RSP_CD_MARK, TR_CD_PEEK, info, key_id, peek_key

_BACKLOG_WARNINGS = frozenset({1_000, 10_000, 100_000})

log = logging.getLogger("app.ls.realtime")

Callback = Callable[..., Any]
_loads = orjson.loads

# handle() reads the TR code at these offsets, written out as literals for speed
assert (SPACED_AT, COMPACT_AT) == (22, 20)


class ListenerHandle:
    """Returned by ``add_listener``; ``remove()`` (or calling it) detaches the callback."""

    __slots__ = ("_owner", "tr_cd", "callback", "key", "form")

    def __init__(self, owner: Dispatcher, tr_cd: str, callback: Callback, key: str | None, form: str = "typed"):
        self._owner = owner
        self.tr_cd = tr_cd
        self.callback = callback
        self.key = key  # key_id form, or None for every key
        self.form = form  # "typed": (response); "body": (tr_key, body dict); "raw": (tr_key, frame bytes)

    def remove(self) -> None:
        self._owner.remove_listener(self)

    __call__ = remove


class Dispatcher:
    """The listeners of one session and the code that feeds them frames."""

    def __init__(self, name: str, acks: AckBook):
        self.name = name
        self._acks = acks
        self._listeners: dict[str, list[ListenerHandle]] = {}
        self._routes = Routes()
        self._error_listeners: list[Callable[[Exception], Any]] = []
        self._skip_listeners: list[Callable[[str], Any]] = []
        self._tasks: set[asyncio.Task] = set()
        self.bad_frames = 0

    def add_error_listener(self, callback: Callable[[Exception], Any]) -> Callable[[], None]:
        self._error_listeners.append(callback)
        return lambda: self._error_listeners.remove(callback) if callback in self._error_listeners else None

    def add_skip_listener(self, callback: Callable[[str], Any]) -> Callable[[], None]:
        self._skip_listeners.append(callback)
        return lambda: self._skip_listeners.remove(callback) if callback in self._skip_listeners else None

    def cancel_tasks(self) -> None:
        """Cancel async listeners still running (the session is closing)."""
        for task in list(self._tasks):
            task.cancel()

    def handle(self, raw: bytes | bytearray) -> None:
        """Route one frame. Never raises: a bad frame or listener must not stop the session."""
        try:
            if raw.startswith(SPACED_HEAD) and raw.startswith(b'"', SPACED_AT + 3):
                route = self._routes.by_number.get(raw[22] << 16 | raw[23] << 8 | raw[24])
            elif raw.startswith(COMPACT_HEAD) and raw.startswith(b'"', COMPACT_AT + 3):
                route = self._routes.by_number.get(raw[20] << 16 | raw[21] << 8 | raw[22])
            else:
                found = TR_CD_PEEK.search(raw)
                if found is None:
                    self._untyped(raw)
                    return
                route = self._routes.by_code.get(found.group(1))
            if route is None:  # nobody listens: do not decode, but an ack may be awaited
                if RSP_CD_MARK in raw:
                    self._ack_from_raw(raw)
                return
            if route.bodies is not None or route.raws is not None:
                if RSP_CD_MARK in raw:
                    self._ack_from_raw(raw)
                    return
                if route.raws is not None and not self._to_raws(route, raw):
                    return
                if route.bodies is not None and not self._to_bodies(route, raw):
                    return
                if not route.typed:
                    return
            try:
                msg = route.validate(raw)  # the typed Response, decoded once
            except ValidationError:
                msg = self._lenient(route, raw)
                if msg is None:
                    return
            header = msg.header
            if header.rsp_cd is not None:
                self._acks.answer(header.tr_cd, header.tr_key, header.tr_type, header.rsp_cd,
                                  header.rsp_msg, self._unclaimed_error)
                return
            if msg.body is None:  # a push without a body: nothing a listener could use
                self._skip(route.tr_cd, raw, ValueError("no body"))
                return
            self._deliver(route.tr_cd, route.everyone, route.by_key, header.tr_key, (msg,))
        except RecursionError as exc:  # nested deeper than any decoder will follow
            self._skip("?", raw, exc)
        except Exception:
            log.exception("realtime %s: frame handling failed", self.name)

    def _to_raws(self, route: Route, raw: bytes) -> bool:
        """Hand the frame to the raw listeners with its key, read without parsing the frame; False
        when it was skipped (cut short: the one fault the listeners could not see by themselves)."""
        if not raw.endswith(b"}") and not raw.rstrip().endswith(b"}"):
            self._skip(route.tr_cd, raw, ValueError("truncated"))
            return False
        key = peek_key(raw)
        if key is None:  # an unusual layout: read the header properly
            try:
                key = _loads(raw)["header"].get("tr_key") or ""
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                self._skip(route.tr_cd, raw, exc)
                return False
        everyone, by_key = route.raws
        self._deliver(route.tr_cd, everyone, by_key, key, (key, raw))
        return True

    def _to_bodies(self, route: Route, raw: bytes) -> bool:
        """Hand the body dict to the body listeners; False when the frame was skipped as unreadable."""
        try:
            msg = _loads(raw)
            header, body = msg["header"], msg.get("body")
            key = header.get("tr_key") or ""
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # orjson's errors are ValueErrors
            self._skip(route.tr_cd, raw, exc)
            return False
        if type(body) is not dict:  # no body, or not an object: nothing a listener could use
            self._skip(route.tr_cd, raw, ValueError("no body"))
            return False
        everyone, by_key = route.bodies
        self._deliver(route.tr_cd, everyone, by_key, key, (key, body))
        return True

    def _deliver(self, tr_cd: str, everyone: tuple, by_key: dict[str, tuple], key: Any, args: tuple) -> None:
        """Call the listeners of ``key`` (else those of every key) with ``args``."""
        if by_key:
            cbs = by_key.get(key)
            if cbs is None:
                cbs = by_key.get(key_id(tr_cd, key), everyone)
        else:
            cbs = everyone
        for cb in cbs:
            try:
                result = cb(*args)
            except Exception:
                self._listener_failed(tr_cd)
                continue
            if result is not None:
                self._later(result)

    def _listener_failed(self, tr_cd: str) -> None:
        log.exception("realtime %s: %s listener failed", self.name, tr_cd)

    def _later(self, result: Any) -> None:
        if not hasattr(result, "__await__"):
            return
        task = asyncio.ensure_future(result)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        if len(self._tasks) in _BACKLOG_WARNINGS:  # every push is kept, so say when they pile up
            log.warning("realtime %s: %d async listener calls pending: a listener is slower than the feed",
                        self.name, len(self._tasks))

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("realtime %s: async listener failed", self.name, exc_info=task.exception())

    def _lenient(self, route: Route, raw: bytes) -> Any:
        try:
            return route.model.model_validate(clean_payload(route.model, json.loads(raw)))
        except (ValueError, RecursionError) as exc:  # JSON errors and ValidationError alike
            self._skip(route.tr_cd, raw, exc)
            return None

    def _skip(self, tr_cd: str, raw: bytes, exc: Exception) -> None:
        self.bad_frames += 1
        if isinstance(exc, ValidationError):
            first = exc.errors(include_input=False)[0]
            detail = f"{exc.error_count()} errors, first {first['type']} at {first['loc']}"
        else:
            detail = type(exc).__name__
        log.warning("realtime %s: skipped an unreadable %s frame (%d bytes): %s",
                    self.name, tr_cd, len(raw), detail)
        for cb in list(self._skip_listeners):
            try:
                cb(tr_cd)
            except Exception:
                log.exception("realtime %s: skip listener failed", self.name)

    def _untyped(self, raw: bytes) -> None:
        if RSP_CD_MARK in raw:
            self._ack_from_raw(raw)
            return
        try:
            json.loads(raw)
        except (ValueError, RecursionError) as exc:
            self._skip("?", raw, exc)
            return
        log.debug("realtime %s: ignored a frame without tr_cd (%d bytes)", self.name, len(raw))

    def _ack_from_raw(self, raw: bytes) -> None:
        try:
            header = json.loads(raw).get("header") or {}
        except (ValueError, AttributeError, RecursionError) as exc:
            self._skip("ack", raw, exc)
            return
        self._acks.answer(header.get("tr_cd"), header.get("tr_key"), header.get("tr_type"),
                          header.get("rsp_cd"), header.get("rsp_msg"), self._unclaimed_error)

    def _unclaimed_error(self, error: Exception) -> None:
        log.error("realtime %s: server error: %s", self.name, error)
        for cb in list(self._error_listeners):
            try:
                cb(error)
            except Exception:
                log.exception("realtime %s: error listener failed", self.name)

    def add_listener(self, tr_cd: str, callback: Callback, key: str | None = None, *,
                     form: str = "typed") -> ListenerHandle:
        info(tr_cd)
        if form not in ("typed", "body", "raw"):
            raise ValueError(f"unknown listener form {form!r}")
        handle = ListenerHandle(self, tr_cd, callback, key_id(tr_cd, key) if key else None, form)
        self._listeners.setdefault(tr_cd, []).append(handle)
        self._rebuild(tr_cd)
        return handle

    def remove_listener(self, handle: ListenerHandle) -> None:
        entries = self._listeners.get(handle.tr_cd, [])
        if handle in entries:
            entries.remove(handle)
            self._rebuild(handle.tr_cd)

    def listener_count(self, tr_cd: str) -> int:
        return len(self._listeners.get(tr_cd, ()))

    def _rebuild(self, tr_cd: str) -> None:
        entries = self._listeners.get(tr_cd)
        if not entries:
            self._listeners.pop(tr_cd, None)
        self._routes.rebuild(tr_cd, ((h.callback, h.key, h.form) for h in entries or ()))
