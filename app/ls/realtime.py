"""Realtime WebSocket session: one connection, many subscriptions, typed dispatch, reconnect.

A ``RealtimeSession`` owns one ``websockets`` connection (``compression=None``) to an LS
realtime endpoint. It remembers every quote subscription (tr_type 3) and account registration
(tr_type 1) so that a reconnect, made with jittered exponential backoff and a freshly fetched
token, restores all of them. Each push is decoded once into the TR's typed ``Response`` model
and handed to every matching listener; frames nobody listens to are not decoded at all. Body
listeners (``add_body_listener``: the quote hub) get the body as a plain dict of the strings sent
instead, at a third of the cost.

A peer that goes silent with the socket open (its host gone, a half-open TCP connection, a
server that stopped sending) is found by WebSocket keepalive pings (RFC 6455 control frames,
which every endpoint must answer): one every ``ping_interval`` seconds, and the connection is
failed when no pong comes within ``ping_timeout`` (and, the dead peer not answering the close
either, cut off ``close_timeout`` later), then reconnected: with the defaults a dead peer is found
within 45 s. A quiet market keeps its connection (the pongs answer, not the data);
``ping_interval=None`` turns pings off.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from app.ls.errors import TransportError
from app.ls.realtime_acks import AckBook
from app.ls.realtime_conn import PushConnection
from app.ls.realtime_dispatch import Callback, Dispatcher, ListenerHandle
from app.ls.realtime_wire import (
    ACCOUNT_REGISTER,
    ACCOUNT_UNREGISTER,
    QUOTE_SUBSCRIBE,
    QUOTE_UNSUBSCRIBE,
    family_code,
    is_quote,
    key_id,
    pad_key,
    request_frame,
)

log = logging.getLogger("app.ls.realtime")


class SessionState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    CLOSED = "closed"


class RealtimeSession:
    """One realtime connection (``name`` is "stock" or "futures" in logs only)."""

    def __init__(
        self,
        url: str,
        token_provider: Callable[[], Awaitable[str]],
        *,
        token_refresher: Callable[[str], Awaitable[str]] | None = None,
        name: str = "stock",
        reconnect: bool = True,
        backoff_base: float = 0.5,
        backoff_max: float = 30.0,
        ack_timeout: float = 5.0,
        open_timeout: float = 10.0,
        ping_interval: float | None = 20.0,
        ping_timeout: float | None = 20.0,
        close_timeout: float = 5.0,
        max_queue: int = 1024,
        rng: Callable[[], float] = random.random,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ):
        self.url = url
        self.name = name
        self._token_provider = token_provider
        self._token_refresher = token_refresher  # stale token -> a new one (TokenManager.refresh)
        self._renewing: asyncio.Task | None = None
        self._last_renewal = float("-inf")
        self._reconnect = reconnect
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._ack_timeout = ack_timeout
        self._open_timeout = open_timeout
        self._ping_interval = ping_interval  # None: no keepalive (programgarden runs without)
        self._ping_timeout = ping_timeout
        self._close_timeout = close_timeout  # a peer that does not answer our close is cut off then
        self._max_queue = max_queue
        self._rng = rng
        self._sleep = sleep

        self._token = ""
        self._ws: ClientConnection | None = None
        self._runner: asyncio.Task | None = None
        self._connect_lock = asyncio.Lock()
        self._closing = False
        self._state = SessionState.CLOSED

        self._subs: dict[tuple[str, str], str] = {}  # (tr_cd, key_id) -> wire key
        self._accounts: set[str] = set()  # family codes registered (AS1 / TC1)
        self._state_listeners: list[Callable[[SessionState], Any]] = []
        self._acks = AckBook(self._forget_refused, self._on_token_error)
        self._dispatch = Dispatcher(name, self._acks)

    # ---------------------------------------------------------------- state
    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def connected(self) -> bool:
        return self._state is SessionState.CONNECTED

    @property
    def subscriptions(self) -> list[tuple[str, str]]:
        """Remembered quote subscriptions as (tr_cd, key) pairs."""
        return list(self._subs)

    @property
    def accounts(self) -> set[str]:
        """Account families registered, by the code sent (``AS1``, ``TC1``)."""
        return set(self._accounts)

    def add_state_listener(self, callback: Callable[[SessionState], Any]) -> Callable[[], None]:
        """Call ``callback(state)`` on every state change; returns a remover."""
        self._state_listeners.append(callback)
        return lambda: _discard(self._state_listeners, callback)

    def add_error_listener(self, callback: Callable[[Exception], Any]) -> Callable[[], None]:
        """Call ``callback(error)`` for server error frames no pending request was waiting for."""
        return self._dispatch.add_error_listener(callback)

    def add_skip_listener(self, callback: Callable[[str], Any]) -> Callable[[], None]:
        """Call ``callback(tr_cd)`` for every frame skipped as unreadable (``"?"`` when its TR could
        not be told): what it said is lost, so a consumer keeping state from pushes (the order
        manager) can ask the server again. Returns a remover."""
        return self._dispatch.add_skip_listener(callback)

    def add_listener(self, tr_cd: str, callback: Callback, key: str | None = None) -> ListenerHandle:
        """Call ``callback(response)`` for every ``tr_cd`` push (only ``key``'s, when given).

        ``response`` is the TR's typed ``Response`` (``header`` + ``body``), decoded once per
        frame and shared by every listener. Async callbacks are scheduled as tasks. Returns a
        handle whose ``remove()`` detaches the callback.
        """
        return self._dispatch.add_listener(tr_cd, callback, key)

    def add_body_listener(self, tr_cd: str, callback: Callback, key: str | None = None) -> ListenerHandle:
        """Call ``callback(tr_key, body)`` for every ``tr_cd`` push (only ``key``'s, when given).

        ``body`` is the push's body as a plain dict of the values LS sent (numbers as strings,
        nothing validated or converted) and ``tr_key`` the key as sent (padded). For consumers
        that read a few fields of thousands of frames a second, like the quote hub: no typed model
        is built for them. Frames that are not JSON or carry no body object are skipped and
        counted in ``bad_frames``, as for ``add_listener``.
        """
        return self._dispatch.add_listener(tr_cd, callback, key, form="body")

    def add_raw_listener(self, tr_cd: str, callback: Callback, key: str | None = None) -> ListenerHandle:
        """Call ``callback(tr_key, frame)`` for every ``tr_cd`` push (only ``key``'s, when given).

        ``frame`` is the push as received (bytes, not parsed) and ``tr_key`` its key as sent. For
        consumers that keep the latest frame per symbol and decode it only when someone reads it
        (the quote hub's order books). Frames cut short are skipped and counted in
        ``bad_frames``; anything else wrong with a frame is for the listener to find.
        """
        return self._dispatch.add_listener(tr_cd, callback, key, form="raw")

    def listener_count(self, tr_cd: str) -> int:
        return self._dispatch.listener_count(tr_cd)

    @property
    def bad_frames(self) -> int:
        """Frames skipped because they could not be read."""
        return self._dispatch.bad_frames

    def _set_state(self, state: SessionState) -> None:
        if state is self._state:
            return
        self._state = state
        log.info("realtime %s: %s", self.name, state.value)
        for cb in list(self._state_listeners):
            try:
                cb(state)
            except Exception:
                log.exception("realtime %s: state listener failed", self.name)

    # ------------------------------------------------------------ lifecycle
    async def connect(self) -> None:
        """Open the connection and replay anything remembered. Raises if the first try fails."""
        async with self._connect_lock:  # two callers must not open two sockets
            if self._runner is not None and not self._runner.done():
                return
            self._closing = False
            self._set_state(SessionState.CONNECTING)
            try:
                ws = await self._open()
            except BaseException:
                self._set_state(SessionState.CLOSED)
                raise
            self._ws = ws
            try:
                await self._replay(ws)
            except ConnectionClosed:
                pass  # the runner sees the closed socket and reconnects
            self._set_state(SessionState.CONNECTED)
            self._runner = asyncio.get_running_loop().create_task(self._run(ws), name=f"realtime-{self.name}")

    async def close(self) -> None:
        """Close the connection for good (subscriptions stay remembered for a later connect)."""
        self._closing = True
        if self._renewing is not None and not self._renewing.done():
            self._renewing.cancel()
        ws, self._ws = self._ws, None
        if ws is not None:
            await ws.close()
        runner, self._runner = self._runner, None
        if runner is not None and runner is not asyncio.current_task():
            runner.cancel()
            try:
                await runner
            except (asyncio.CancelledError, Exception):
                pass
        self._acks.release_all()
        self._dispatch.cancel_tasks()
        self._set_state(SessionState.CLOSED)

    async def __aenter__(self) -> RealtimeSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _open(self) -> ClientConnection:
        token = await self._token_provider()
        try:
            ws = await ws_connect(
                self.url,
                compression=None,
                open_timeout=self._open_timeout,
                ping_interval=self._ping_interval,
                ping_timeout=self._ping_timeout,
                close_timeout=self._close_timeout,
                max_queue=self._max_queue,
                max_size=None,
                proxy=None if _is_loopback(self.url) else True,
                create_connection=PushConnection,
            )
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise TransportError(f"realtime {self.name}: cannot connect to {self.url}: {exc}") from exc
        self._token = token
        ws.on_text = self._dispatch.handle
        return ws

    async def _replay(self, ws: ClientConnection) -> None:
        """Send every remembered registration and subscription (acks are not awaited here).

        Loops until nothing is left unsent: what callers add while a send is pending is only
        remembered (the session is not connected yet), so it must be picked up here.
        """
        token = self._token
        sent: set = set()
        while True:
            todo = [(ACCOUNT_REGISTER, code, "") for code in sorted(self._accounts)]
            todo += [(QUOTE_SUBSCRIBE, tr_cd, wire) for (tr_cd, _kid), wire in self._subs.items()]
            todo = [item for item in todo if item not in sent]
            if not todo:
                break
            for item in todo:
                await ws.send(request_frame(token, *item))
                sent.add(item)
        # Whatever was dropped while the replay ran was sent anyway: take it back now.
        wanted = {(ACCOUNT_REGISTER, code, "") for code in self._accounts}
        wanted |= {(QUOTE_SUBSCRIBE, tr_cd, wire) for (tr_cd, _kid), wire in self._subs.items()}
        for tr_type, tr_cd, wire in sorted(sent - wanted):
            undo = QUOTE_UNSUBSCRIBE if tr_type == QUOTE_SUBSCRIBE else ACCOUNT_UNREGISTER
            await ws.send(request_frame(token, undo, tr_cd, wire))
        if sent:
            log.info("realtime %s: sent %d subscriptions and account registrations", self.name, len(sent))

    async def _run(self, ws: ClientConnection) -> None:
        while True:
            await self._read(ws)
            self._ws = None
            self._acks.release_all()  # a request cut off by the drop is replayed on reconnect
            if self._closing or not self._reconnect:
                break
            self._set_state(SessionState.RECONNECTING)
            ws = await self._reopen()
            self._ws = ws
            try:
                await self._replay(ws)
            except ConnectionClosed:
                continue  # dropped again at once: _read returns and we back off once more
            self._set_state(SessionState.CONNECTED)
        self._set_state(SessionState.CLOSED)

    async def _reopen(self) -> ClientConnection:
        attempt = 0
        while True:
            delay = min(self.backoff_max, self.backoff_base * (2 ** attempt))
            delay *= 0.5 + self._rng() / 2  # jitter: many clients do not come back in step
            await self._sleep(delay)
            try:
                return await self._open()
            except Exception as exc:
                attempt += 1
                log.warning("realtime %s: reconnect attempt %d failed: %s", self.name, attempt,
                            type(exc).__name__)

    async def _read(self, ws: ClientConnection) -> None:
        recv = ws.recv
        handle = self._dispatch.handle
        try:
            while True:
                handle(await recv(False))  # what PushConnection leaves: binary, fragmented
        except ConnectionClosed as exc:
            if not self._closing:
                log.warning("realtime %s: connection lost (%s)", self.name, exc)  # e.g. keepalive ping timeout

    # --------------------------------------------------------- subscriptions
    async def subscribe(self, tr_cd: str, key: str) -> None:
        """Subscribe a quote feed (tr_type 3) for one symbol; a repeat is a no-op.

        Remembered for every reconnect. When connected, waits for the server's ack (up to
        ``ack_timeout``); an error answer raises ``LSBusinessError`` / ``AuthError`` and the
        subscription is forgotten. When not connected it is sent on the next connect.
        """
        if not is_quote(tr_cd):
            raise ValueError(f"{tr_cd} is an account feed: use register_account()")
        wire_key = pad_key(tr_cd, key)
        kid = key_id(tr_cd, wire_key)
        if (tr_cd, kid) in self._subs:
            return
        self._subs[(tr_cd, kid)] = wire_key
        await self._request(QUOTE_SUBSCRIBE, tr_cd, wire_key, kid)

    async def unsubscribe(self, tr_cd: str, key: str) -> None:
        """Stop a quote feed (tr_type 4); unknown subscriptions are ignored."""
        if not is_quote(tr_cd):
            raise ValueError(f"{tr_cd} is an account feed: use unregister_account()")
        wire_key = pad_key(tr_cd, key)
        kid = key_id(tr_cd, wire_key)
        if self._subs.pop((tr_cd, kid), None) is None:
            return
        await self._request(QUOTE_UNSUBSCRIBE, tr_cd, wire_key, kid)

    async def register_account(self, tr_cd: str) -> None:
        """Enable the account family of ``tr_cd`` (AS0–AS4 or TC1–TC3) with one tr_type 1."""
        code = family_code(tr_cd)
        if code in self._accounts:
            return
        self._accounts.add(code)
        await self._request(ACCOUNT_REGISTER, code, "", "")

    async def unregister_account(self, tr_cd: str) -> None:
        """Disable the account family of ``tr_cd`` (tr_type 2)."""
        code = family_code(tr_cd)
        if code not in self._accounts:
            return
        self._accounts.discard(code)
        await self._request(ACCOUNT_UNREGISTER, code, "", "")

    async def unsubscribe_all(self) -> None:
        """Unsubscribe every quote feed and unregister every account family."""
        for tr_cd, kid in list(self._subs):
            await self.unsubscribe(tr_cd, kid)
        for code in sorted(self._accounts):
            await self.unregister_account(code)

    async def _request(self, tr_type: str, tr_cd: str, wire_key: str, kid: str) -> None:
        ws = self._ws
        if ws is None or self._state is not SessionState.CONNECTED:
            return  # remembered; the next (re)connect sends it
        # A listener running inside the reader cannot wait for an ack the reader must read.
        wait = self._ack_timeout > 0 and asyncio.current_task() is not self._runner
        waiter = self._acks.expect(tr_cd, kid, tr_type) if wait else None
        try:
            await ws.send(request_frame(self._token, tr_type, tr_cd, wire_key))
        except ConnectionClosed:
            self._acks.drop(waiter)
            return
        if waiter is not None:
            await self._acks.wait(waiter, self._ack_timeout, self.name)

    def _on_token_error(self, error: Exception) -> None:
        """The server refused our token: get a new one and reconnect (at most every 5 s)."""
        if self._closing or (self._renewing is not None and not self._renewing.done()):
            return
        loop = asyncio.get_running_loop()
        if loop.time() - self._last_renewal < 5.0:
            log.warning("realtime %s: token refused again (%s); waiting before renewing", self.name, error)
            return
        self._last_renewal = loop.time()
        log.warning("realtime %s: token refused (%s); renewing it and reconnecting", self.name, error)
        self._renewing = loop.create_task(self._renew_token(), name=f"realtime-{self.name}-token")

    async def _renew_token(self) -> None:
        stale = self._token
        try:
            if self._token_refresher is not None:
                await self._token_refresher(stale)
        except Exception as exc:  # the reconnect below asks the provider again anyway
            log.error("realtime %s: token renewal failed: %s", self.name, exc)
        ws = self._ws
        if ws is not None:
            await ws.close()  # the runner reconnects with the provider's (new) token and replays

    def _forget_refused(self, tr_cd: str | None, kid: str | None, tr_type: str | None) -> None:
        """The server refused a subscription or registration: do not replay it."""
        if tr_type == QUOTE_SUBSCRIBE and tr_cd:
            self._subs.pop((tr_cd, kid or ""), None)
        elif tr_type == ACCOUNT_REGISTER and tr_cd:
            self._accounts.discard(tr_cd)


def _discard(items: list, item: Any) -> None:
    if item in items:
        items.remove(item)


def _is_loopback(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    return host in ("127.0.0.1", "localhost", "[::1]")
