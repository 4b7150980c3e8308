"""The trading session: mode, login, connection and token state, and clean shutdown. No Qt.

The UI listens with plain callbacks (`session.add_listener(cb)`); every change of state calls
them with the new `SessionState`. The client core is reached through a small factory so tests
(and the shell before the core lands) can hand in any object with the same few methods.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from app.trading.logfile import install_core_redaction, register_secret

log = logging.getLogger(__name__)

DEMO_APPKEY = "DEMO-APPKEY-lsterm"
DEMO_SECRET = "DEMO-SECRET-lsterm"
NEW_YORK = ZoneInfo("America/New_York")


class Mode(StrEnum):
    DEMO = "demo"
    PAPER = "paper"
    LIVE = "live"

    @property
    def needs_keys(self) -> bool:
        return self is not Mode.DEMO


class Link(StrEnum):
    """The state of one connection (REST or realtime), as the status bar colours it."""

    DOWN = "down"  # red
    CONNECTING = "connecting"  # amber
    RECONNECTING = "reconnecting"  # amber
    UP = "up"  # green


class TokenState(StrEnum):
    NONE = "none"
    VALID = "valid"
    REFUSED = "refused"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Keys:
    """An app key and its secret; repr never shows the secret."""

    appkey: str
    appsecretkey: str

    def __repr__(self) -> str:
        return f"Keys(appkey={self.appkey[:4]}…, appsecretkey=***)"

    @property
    def complete(self) -> bool:
        return bool(self.appkey and self.appsecretkey)


@dataclass(frozen=True)
class SessionState:
    mode: Mode
    rest: Link = Link.DOWN
    realtime: Link = Link.DOWN
    token: TokenState = TokenState.NONE
    logged_in: bool = False
    error: str = ""
    endpoint: str = ""
    events: tuple[str, ...] = field(default=(), repr=False)


class Client(Protocol):
    """The part of `app.ls.LS` the session needs."""

    last_error: str | None

    async def async_login(self, *, appkey: str, appsecretkey: str,
                          futures_appkey: str | None = None,
                          futures_appsecretkey: str | None = None) -> bool: ...

    async def aclose(self) -> None: ...


ClientFactory = Callable[[Any], Client]
Listener = Callable[[SessionState], None]


class LoginResult:
    def __init__(self, ok: bool, message: str = ""):
        self.ok = ok
        self.message = message

    def __bool__(self) -> bool:
        return self.ok


def default_client_factory(endpoints: Any) -> Client:
    """`app.ls.LS` pointed at the endpoints; a clear error if the client core is missing."""
    try:
        from app.ls import LS  # type: ignore[attr-defined]
    except ImportError as exc:  # the client core has not landed in this checkout
        raise RuntimeError("the LS client core (app.ls.LS) is not available") from exc
    return LS(endpoints=endpoints)


def endpoints_for(mode: Mode, local: Any = None) -> Any:
    """The endpoints of a mode: LS live, LS paper, or the embedded exchange given as `local`."""
    from app.ls.config import Endpoints

    if mode is Mode.DEMO:
        if local is None:
            raise ValueError("demo mode needs the embedded exchange's endpoints")
        return local
    return Endpoints.live() if mode is Mode.LIVE else Endpoints.paper()


class TradingSession:
    """One login to one mode. Create a new session to switch modes."""

    MAX_EVENTS = 50

    def __init__(self, mode: Mode, endpoints: Any, client_factory: ClientFactory | None = None,
                 clock: Callable[[], datetime] | None = None):
        self.endpoints = endpoints
        self._factory = client_factory or default_client_factory
        self._clock = clock
        self._listeners: list[Listener] = []
        self.client: Any = None
        self.realtime: Any = None
        self._closed = False
        self.state = SessionState(mode=mode, endpoint=getattr(endpoints, "rest", "") or "")

    # ---- listening -------------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        return self.state.mode

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _update(self, event: str = "", **changes: Any) -> None:
        if event:
            log.info("session: %s", event)
            stamp = datetime.now().strftime("%H:%M:%S")
            changes["events"] = (self.state.events + (f"{stamp} {event}",))[-self.MAX_EVENTS:]
        self.state = replace(self.state, **changes)
        for listener in list(self._listeners):
            try:
                listener(self.state)
            except Exception:  # a broken listener must not break the session
                log.exception("session listener failed")

    # ---- login -----------------------------------------------------------------------------
    async def login(self, stock: Keys | None = None, futures: Keys | None = None) -> LoginResult:
        """Issue tokens. In demo mode any key works, so fixed demo keys are used."""
        if self.mode is Mode.DEMO:
            stock = stock if stock and stock.complete else Keys(DEMO_APPKEY, DEMO_SECRET)
        if not ((stock and stock.complete) or (futures and futures.complete)):
            msg = "An app key and secret are required for this mode."
            self._update("login refused: no keys", error=msg)
            return LoginResult(False, msg)
        main = stock if stock and stock.complete else futures
        assert main is not None
        fut = futures if futures and futures.complete else None
        install_core_redaction()
        for k in (main, fut):
            if k is not None:
                register_secret(k.appkey)
                register_secret(k.appsecretkey)
        self._update("connecting to REST", rest=Link.CONNECTING, error="")
        try:
            if self.client is None:
                self.client = self._factory(self.endpoints)
            ok = await self.client.async_login(
                appkey=main.appkey, appsecretkey=main.appsecretkey,
                futures_appkey=fut.appkey if fut else None,
                futures_appsecretkey=fut.appsecretkey if fut else None)
        except Exception as exc:  # transport or missing core: tell the user, keep running
            msg = _reason(exc)
            self._update(f"login failed: {msg}", rest=Link.DOWN, token=TokenState.NONE, error=msg)
            return LoginResult(False, msg)
        if self._closed:  # shut down while the login was in flight: give any token back
            try:
                await asyncio.wait_for(self.client.aclose(), 5)
            except Exception:
                log.warning("client close failed after a cancelled login", exc_info=True)
            return LoginResult(False, "The session was closed while logging in.")
        if not ok:
            msg = getattr(self.client, "last_error", None) or "The server refused the keys."
            self._update(f"login refused: {msg}", rest=Link.DOWN, token=TokenState.REFUSED,
                         error=msg)
            return LoginResult(False, msg)
        self._update("logged in", rest=Link.UP, token=TokenState.VALID, logged_in=True)
        return LoginResult(True)

    # ---- realtime --------------------------------------------------------------------------
    async def connect_realtime(self) -> bool:
        """Open the realtime WebSocket if the client core offers it; its states feed ours."""
        factory = getattr(self.client, "overseas_stock", None)
        if factory is None:
            self._update("realtime not available in this client", realtime=Link.DOWN)
            return False
        self._update("connecting realtime", realtime=Link.CONNECTING)
        try:
            self.realtime = factory().real()
            adder = getattr(self.realtime, "add_state_listener", None)
            if adder:
                adder(self._on_realtime_state)
            await self.realtime.connect()
        except Exception as exc:
            self._update(f"realtime failed: {_reason(exc)}", realtime=Link.DOWN)
            return False
        if self.state.realtime is not Link.UP:  # its own listener may have said so already
            self._update("realtime connected", realtime=Link.UP)
        return True

    def _on_realtime_state(self, state: Any) -> None:
        name = str(getattr(state, "value", state)).lower()
        link = {"connecting": Link.CONNECTING, "connected": Link.UP,
                "reconnecting": Link.RECONNECTING}.get(name, Link.DOWN)
        if link is not self.state.realtime:
            self._update(f"realtime {name}", realtime=link)

    async def probe_quote(self, symbol: str = "AAPL", exchcd: str = "82") -> Any:
        """One current-price request (g3101): proves the server is serving quotes."""
        from app.ls.models import g3101

        block = g3101.G3101InBlock(keysymbol=f"{exchcd}{symbol}", exchcd=exchcd, symbol=symbol)
        res = await self.client.overseas_stock().market().g3101(block).req_async()
        out = getattr(res, "g3101OutBlock", None) or getattr(res, "out_block", None) or res
        return getattr(out, "price", out)

    # ---- figures for the status bar -------------------------------------------------------
    def pressure(self) -> float:
        """Rate-limit pressure 0..1 (0 when the client core does not report it)."""
        limiter = getattr(self.client, "rate_limiter", None)
        try:
            return max(0.0, min(1.0, float(limiter.pressure()))) if limiter else 0.0
        except Exception:
            return 0.0

    def held_back(self) -> list[str]:
        """The TRs whose calls were held back for their rate limits within the last seconds
        (waiting now first): what `pressure` is made of."""
        limiter = getattr(self.client, "rate_limiter", None)
        try:
            return list(limiter.held_keys()) if limiter is not None and hasattr(limiter, "held_keys") else []
        except Exception:
            return []

    def exchange_time(self) -> datetime:
        """The exchange's wall clock (New York for overseas stocks unless a clock is given)."""
        return self._clock() if self._clock else datetime.now(NEW_YORK)

    # ---- shutdown --------------------------------------------------------------------------
    async def shutdown(self) -> None:
        """Unsubscribe, close the realtime socket, revoke tokens and close HTTP. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if self.realtime is not None:
            for name in ("unsubscribe_all", "close", "aclose"):
                fn = getattr(self.realtime, name, None)
                if fn is None:
                    continue
                try:
                    res = fn()
                    if asyncio.iscoroutine(res):
                        await asyncio.wait_for(res, 3)
                except Exception:
                    log.warning("realtime %s failed during shutdown", name, exc_info=True)
                if name != "unsubscribe_all":
                    break
        if self.client is not None:
            try:
                await asyncio.wait_for(self.client.aclose(), 5)
            except Exception:
                log.warning("client close failed during shutdown", exc_info=True)
        self._update("session closed", rest=Link.DOWN, realtime=Link.DOWN,
                     token=TokenState.REVOKED if self.state.logged_in else self.state.token,
                     logged_in=False)


def _reason(exc: BaseException) -> str:
    """A user-readable reason: LS's own message when the error carries one."""
    msg = getattr(exc, "rsp_msg", None) or str(exc) or type(exc).__name__
    return str(msg)
