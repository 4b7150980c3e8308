"""Typed exceptions a caller can act on. Messages never carry keys, secrets or tokens."""

from __future__ import annotations


class LSError(Exception):
    """Base of every error raised by the client core."""


class ConfigError(LSError):
    """Missing or malformed configuration (keys, endpoints)."""


class TransportError(LSError):
    """The request did not get an answer: connection refused, reset, timed out."""

    def __init__(self, message: str, *, tr_cd: str = "", timeout: bool = False):
        super().__init__(message)
        self.tr_cd = tr_cd
        self.timeout = timeout


class AuthError(LSError):
    """Token could not be issued or was refused (bad key, invalid/expired token)."""

    def __init__(self, message: str, *, code: str = "", http_status: int = 0):
        super().__init__(message)
        self.code = code
        self.http_status = http_status


class LSBusinessError(LSError):
    """LS answered with an error code for this TR (rejected order, bad field, no data...)."""

    def __init__(self, tr_cd: str, rsp_cd: str, rsp_msg: str, *, http_status: int = 0):
        super().__init__(f"{tr_cd}: [{rsp_cd}] {rsp_msg}")
        self.tr_cd = tr_cd
        self.rsp_cd = rsp_cd
        self.rsp_msg = rsp_msg
        self.http_status = http_status


class RateLimitError(LSBusinessError):
    """Too many calls: LS answered IGW00201, or on_rate_limit='stop' and no slot was free."""

    def __init__(self, tr_cd: str, rsp_msg: str = "호출 거래건수를 초과하였습니다.", *,
                 rsp_cd: str = "IGW00201", http_status: int = 0, local: bool = False):
        super().__init__(tr_cd, rsp_cd, rsp_msg, http_status=http_status)
        self.local = local  # True when our own limiter refused before anything was sent


class ResponseFormatError(LSError):
    """The server's answer could not be read as the TR's model."""

    def __init__(self, tr_cd: str, detail: str):
        super().__init__(f"{tr_cd}: unreadable response: {detail}")
        self.tr_cd = tr_cd


TOKEN_ERROR_CODES = frozenset({"IGW00121", "IGW00122", "IGW00123", "IGW00124", "IGW00125", "IGW00126"})
RATE_LIMIT_CODE = "IGW00201"
# The codes that ask to call again. IGW00201 (too many calls) is refused by the gateway before
# the broker sees the call, so it is sent again after a window, orders included. IGW00500
# ("일시적인 시스템 오류입니다. 잠시 후 다시 시도하세요.", a transient system error, as the embedded
# exchange's fault injection answers) and answers without a code with HTTP 408/425/429/5xx are
# retried for queries only: an order may have reached the broker, so it is never sent twice.
RETRY_CODES = frozenset({"IGW00500"})
