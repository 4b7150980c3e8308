"""Pairs the server's realtime acknowledgements and error answers with the requests awaiting them.

LS acks a request with a header echoing ``tr_cd``/``tr_key``/``tr_type`` plus ``rsp_cd`` and
``rsp_msg`` and a null body. On paper, account registrations have been acked with
``tr_cd: null``; such an ack is matched to the oldest account request still waiting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from app.ls.errors import TOKEN_ERROR_CODES, AuthError, LSBusinessError
from app.ls.models.catalog import REAL
from app.ls.realtime_wire import ACCOUNT_REGISTER, ACCOUNT_UNREGISTER, is_success, key_id

log = logging.getLogger("app.ls.realtime")

_ACCOUNT_TYPES = (ACCOUNT_REGISTER, ACCOUNT_UNREGISTER)


class Waiter:
    __slots__ = ("tr_cd", "kid", "tr_type", "future")

    def __init__(self, tr_cd: str, kid: str, tr_type: str, future: asyncio.Future):
        self.tr_cd = tr_cd
        self.kid = kid
        self.tr_type = tr_type
        self.future = future


def ack_error(tr_cd: str, rsp_cd: str | None, rsp_msg: str | None) -> Exception:
    """The typed exception for a refused realtime request."""
    code = rsp_cd or "?"
    text = rsp_msg or "refused"
    if code in TOKEN_ERROR_CODES:
        return AuthError(f"realtime {tr_cd}: [{code}] {text}", code=code)
    return LSBusinessError(tr_cd, code, text)


class AckBook:
    """Requests waiting for an answer, in the order they were sent."""

    def __init__(self, on_refused: Callable[[str | None, str | None, str | None], None],
                 on_token_error: Callable[[AuthError], None] | None = None):
        self._waiting: list[Waiter] = []
        self._on_refused = on_refused
        self._on_token_error = on_token_error

    def expect(self, tr_cd: str, kid: str, tr_type: str) -> Waiter:
        waiter = Waiter(tr_cd, kid, tr_type, asyncio.get_running_loop().create_future())
        self._waiting.append(waiter)
        return waiter

    def drop(self, waiter: Waiter | None) -> None:
        if waiter is not None and waiter in self._waiting:
            self._waiting.remove(waiter)

    async def wait(self, waiter: Waiter, timeout: float, name: str) -> None:
        """Wait for the answer; an error answer raises, silence is logged and tolerated."""
        try:
            await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError:
            log.warning("realtime %s: no answer to %s tr_type=%s within %.1fs; assuming it took",
                        name, waiter.tr_cd, waiter.tr_type, timeout)
        finally:
            self.drop(waiter)

    def release_all(self) -> None:
        """The connection is gone: let every waiter return (replay happens on reconnect)."""
        for waiter in self._waiting:
            if not waiter.future.done():
                waiter.future.set_result(None)
        self._waiting.clear()

    def answer(self, tr_cd: str | None, tr_key: str | None, tr_type: str | None,
               rsp_cd: str | None, rsp_msg: str | None,
               unclaimed: Callable[[Exception], None]) -> None:
        """Route one ack or error frame to its waiter (or to ``unclaimed`` for errors)."""
        ok = is_success(rsp_cd)
        kid = None
        if tr_key is not None:
            kid = key_id(tr_cd, tr_key) if tr_cd in REAL else tr_key.strip()
        waiter = self._match(tr_cd, kid, tr_type, ok)
        if ok:
            if waiter is not None:
                waiter.future.set_result(None)
                self.drop(waiter)
            else:
                log.debug("realtime: ack for %s tr_type=%s", tr_cd, tr_type)
            return
        code = tr_cd or (waiter.tr_cd if waiter else "?")
        error = ack_error(code, rsp_cd, rsp_msg)
        if isinstance(error, AuthError) and self._on_token_error is not None:
            # The request was refused for its token, not for what it asked: keep it, and let
            # the session renew the token and replay everything on a new connection.
            if waiter is not None:
                waiter.future.set_result(None)
                self.drop(waiter)
            else:
                unclaimed(error)
            self._on_token_error(error)
            return
        refused_type = tr_type or (waiter.tr_type if waiter else None)
        refused_kid = kid if kid is not None else (waiter.kid if waiter else None)
        self._on_refused(code, refused_kid, refused_type)
        if waiter is not None:
            waiter.future.set_exception(error)
            self.drop(waiter)
        else:
            unclaimed(error)

    def _match(self, tr_cd: str | None, kid: str | None, tr_type: str | None, ok: bool) -> Waiter | None:
        for waiter in self._waiting:
            if waiter.future.done():
                continue
            if tr_cd is None:
                # success without tr_cd: the paper server's account ack; an error without
                # tr_cd belongs to whatever was asked first
                if ok and waiter.tr_type not in _ACCOUNT_TYPES:
                    continue
            elif waiter.tr_cd != tr_cd:
                continue
            if tr_type is not None and waiter.tr_type != tr_type:
                continue
            if kid is not None and tr_cd is not None and waiter.kid != kid:
                continue
            return waiter
        return None
