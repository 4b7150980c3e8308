"""lsterm's LS OpenAPI client: tokens, every overseas stock and futures/options TR, realtime feeds.

Usable on its own from a script::

    from app.ls import LS, g3101
    ls = LS()
    if ls.login(appkey, appsecretkey):
        resp = ls.overseas_stock().market().현재가조회(
            g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")).req()

The client itself (`LS`, its facades, the token manager), the TR model modules (g3101,
COSAT00301, GSC, ...) and the realtime and Redis pieces are loaded on first use, so importing
the package (or a light module of it, such as `app.ls.numbers`) stays cheap: the terminal builds
its window before it imports the client (about 0.3 s of pydantic and TR models).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from app.ls import errors as exceptions
from app.ls.config import Credentials, Endpoints, load_env_keys
from app.ls.errors import (
    AuthError,
    LSBusinessError,
    LSError,
    RateLimitError,
    ResponseFormatError,
    TransportError,
)
from app.ls.models.catalog import REAL as _REAL
from app.ls.models.catalog import REST as _REST
from app.ls.ratelimit import MemoryRateLimiter, SetupOptions

if TYPE_CHECKING:
    from app.ls import oauth, overseas_futureoption, overseas_stock  # noqa: F401
    from app.ls.facade import LS, OverseasFutureoption, OverseasStock  # noqa: F401
    from app.ls.facade_base import RequestStatus, TRRequest  # noqa: F401
    from app.ls.token import TokenManager  # noqa: F401
    from app.ls.facade_real import FuturesReal, StockReal  # noqa: F401
    from app.ls.ratelimit_redis import RedisRateLimiter  # noqa: F401
    from app.ls.realtime import RealtimeSession, SessionState  # noqa: F401

_LAZY = {
    "LS": ("app.ls.facade", "LS"),
    "OverseasStock": ("app.ls.facade", "OverseasStock"),
    "OverseasFutureoption": ("app.ls.facade", "OverseasFutureoption"),
    "RequestStatus": ("app.ls.facade_base", "RequestStatus"),
    "TRRequest": ("app.ls.facade_base", "TRRequest"),
    "TokenManager": ("app.ls.token", "TokenManager"),
    "oauth": ("app.ls.oauth", None),
    "overseas_stock": ("app.ls.overseas_stock", None),
    "overseas_futureoption": ("app.ls.overseas_futureoption", None),
    "StockReal": ("app.ls.facade_real", "StockReal"),
    "FuturesReal": ("app.ls.facade_real", "FuturesReal"),
    "RedisRateLimiter": ("app.ls.ratelimit_redis", "RedisRateLimiter"),
    "RealtimeSession": ("app.ls.realtime", "RealtimeSession"),
    "SessionState": ("app.ls.realtime", "SessionState"),
    **{tr: (f"app.ls.models.{tr}", None) for tr in (*_REST, *_REAL)},
}


def __getattr__(name: str):
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'app.ls' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attr is None else getattr(module, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "LS", "OverseasStock", "OverseasFutureoption", "Endpoints", "Credentials", "load_env_keys",
    "SetupOptions", "MemoryRateLimiter", "RedisRateLimiter", "TokenManager", "RealtimeSession",
    "SessionState", "StockReal", "FuturesReal", "TRRequest", "RequestStatus", "oauth",
    "overseas_stock", "overseas_futureoption", "exceptions", "LSError", "AuthError",
    "LSBusinessError", "RateLimitError", "ResponseFormatError", "TransportError",
    *_REST, *_REAL,
]
