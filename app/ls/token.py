"""OAuth token lifecycle: issue, remember expiry, refresh early, single-flight refresh, revoke."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from app.ls.config import Credentials, mask
from app.ls.errors import AuthError, ConfigError, TransportError
from app.ls.logs import register_secret

log = logging.getLogger("app.ls.token")

TOKEN_PATH = "/oauth2/token"
REVOKE_PATH = "/oauth2/revoke"


class TokenInBlock(BaseModel):
    """The form of POST /oauth2/token (the seed's TokenInBlock)."""

    appkey: str
    appsecretkey: str
    grant_type: str = "client_credentials"
    scope: str = "oob"

    def __repr__(self) -> str:
        return f"TokenInBlock(appkey={mask(self.appkey)}, appsecretkey=***)"

    __str__ = __repr__


class TokenOutBlock(BaseModel):
    """The answer of POST /oauth2/token."""

    access_token: str
    token_type: str = "Bearer"
    scope: str = "oob"
    expires_in: int

    def __repr__(self) -> str:
        return f"TokenOutBlock(access_token=***, expires_in={self.expires_in})"

    __str__ = __repr__


@dataclass
class Token:
    access_token: str
    expires_at: float  # monotonic seconds
    lifetime: int

    def __repr__(self) -> str:
        return f"Token(access_token=***, expires_at={self.expires_at:.0f}, lifetime={self.lifetime})"

    __str__ = __repr__

    def remaining(self, now: float) -> float:
        return self.expires_at - now


class TokenManager:
    """Keeps one valid token for one app key.

    ``get()`` returns a token valid for at least ``refresh_margin`` seconds, issuing a new one
    when needed; concurrent callers share one request (single flight). ``refresh(stale)`` is
    what a caller does after the server called ``stale`` invalid: if someone already replaced
    it, the replacement is returned without another request.
    """

    def __init__(self, transport, credentials: Credentials, *, refresh_margin: float = 300.0,
                 clock=time.monotonic):
        credentials.validate()
        self._transport = transport
        self.credentials = credentials
        self._margin = refresh_margin
        self._clock = clock
        self._token: Token | None = None
        self._inflight: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}
        self._guard = threading.Lock()
        self._closed = False
        self.listeners: list = []  # callables(event: str) — "issued", "refreshed", "revoked", "failed"
        register_secret(credentials.appkey)
        register_secret(credentials.appsecretkey)

    @property
    def token(self) -> Token | None:
        return self._token

    def seconds_left(self) -> float | None:
        return None if self._token is None else self._token.remaining(self._clock())

    def close(self) -> None:
        """Logged out for good: later calls raise instead of quietly issuing a new token."""
        self._closed = True

    async def get(self) -> str:
        if self._closed:
            raise ConfigError("logged out: this client was closed; log in again")
        token = self._token
        if token is not None:
            left = token.remaining(self._clock())
            # refresh early, but never ask for a new token every call when LS issues short ones
            if left > min(self._margin, token.lifetime / 4):
                return token.access_token
        return await self.refresh(stale=token.access_token if token else None)

    async def refresh(self, stale: str | None = None) -> str:
        if self._closed:
            raise ConfigError("logged out: this client was closed; log in again")
        current = self._token
        if current is not None and stale is not None and current.access_token != stale:
            return current.access_token  # someone already replaced the stale one
        loop = asyncio.get_running_loop()
        with self._guard:
            task = self._inflight.get(loop)
            if task is None or task.done():
                # One request per loop, run as a task of its own: a caller that is cancelled
                # while waiting must not cancel (or fail) the request the others wait for.
                task = loop.create_task(self._issue(), name="lsterm-token-issue")
                self._inflight[loop] = task
                task.add_done_callback(lambda t, loop=loop: self._issued(loop, t))
        return await asyncio.shield(task)

    def _issued(self, loop: asyncio.AbstractEventLoop, task: asyncio.Task) -> None:
        with self._guard:
            if self._inflight.get(loop) is task:
                del self._inflight[loop]
        if not task.cancelled():
            task.exception()  # retrieved: every waiter may have gone

    def invalidate(self) -> None:
        self._token = None

    async def _issue(self) -> str:
        form = TokenInBlock(appkey=self.credentials.appkey, appsecretkey=self.credentials.appsecretkey)
        first = self._token is None
        try:
            status, data = await self._transport.post_form(TOKEN_PATH, {
                "grant_type": form.grant_type, "appkey": form.appkey,
                "appsecretkey": form.appsecretkey, "scope": form.scope})
        except TransportError:
            self._emit("failed")
            raise
        if status != 200 or not isinstance(data, dict) or "access_token" not in data:
            self._emit("failed")
            code = str((data or {}).get("error_code") or (data or {}).get("rsp_cd") or "") if isinstance(data, dict) else ""
            msg = ""
            if isinstance(data, dict):
                msg = str(data.get("error_description") or data.get("rsp_msg") or "")
            raise AuthError(f"token refused ({status}){': ' + msg if msg else ''}", code=code, http_status=status)
        try:
            out = TokenOutBlock.model_validate(data)
        except ValidationError as exc:
            self._emit("failed")
            raise AuthError(f"unreadable token answer: {exc.error_count()} field error(s)") from None
        register_secret(out.access_token)
        lifetime = max(int(out.expires_in), 1)
        self._token = Token(out.access_token, self._clock() + lifetime, lifetime)
        log.info("token %s for app key %s, valid %d s", "issued" if first else "refreshed",
                 mask(self.credentials.appkey), lifetime)
        self._emit("issued" if first else "refreshed")
        return out.access_token

    async def revoke(self) -> None:
        """Tell LS the token is no longer needed (logout). Failures are logged, not raised."""
        token = self._token
        self._token = None
        if token is None:
            return
        try:
            status, _ = await self._transport.post_form(REVOKE_PATH, {
                "appkey": self.credentials.appkey, "appsecretkey": self.credentials.appsecretkey,
                "token_type_hint": "access_token", "token": token.access_token})
            log.info("token revoked (HTTP %s)", status)
        except Exception as exc:  # logout must not fail because the network did
            log.warning("token revoke failed: %s", exc)
        self._emit("revoked")

    def _emit(self, event: str) -> None:
        for cb in list(self.listeners):
            try:
                cb(event)
            except Exception:
                log.exception("token listener failed")
