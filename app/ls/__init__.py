"""lsterm's LS OpenAPI client: tokens, every overseas stock and futures/options TR, realtime feeds.

Usable on its own from a script::

    from app.ls import LS, g3101
    ls = LS()
    if ls.login(appkey, appsecretkey):
        resp = ls.overseas_stock().market().현재가조회(
            g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")).req()
"""

from app.ls import errors as exceptions
from app.ls import oauth, overseas_futureoption, overseas_stock
from app.ls.config import Credentials, Endpoints, load_env_keys
from app.ls.errors import (
    AuthError,
    LSBusinessError,
    LSError,
    RateLimitError,
    ResponseFormatError,
    TransportError,
)
from app.ls.facade import LS, OverseasFutureoption, OverseasStock
from app.ls.facade_base import RequestStatus, TRRequest
from app.ls.models import (
    AS0, AS1, AS2, AS3, AS4, GSC, GSH, OVC, OVH, TC1, TC2, TC3, WOC, WOH,
    CIDBQ01400, CIDBQ01500, CIDBQ01800, CIDBQ02400, CIDBQ03000, CIDBQ05300, CIDBT00100,
    CIDBT00900, CIDBT01000, CIDEQ00800, COSAQ00102, COSAQ01400, COSAT00301, COSAT00311,
    COSAT00400, COSMT00300, COSOQ00201, COSOQ02701, g3101, g3102, g3103, g3104, g3106, g3190,
    g3202, g3203, g3204, o3101, o3103, o3104, o3105, o3106, o3107, o3108, o3116, o3117, o3121,
    o3123, o3125, o3126, o3127, o3128, o3136, o3137, o3139,
)
from app.ls.facade_real import FuturesReal, StockReal
from app.ls.ratelimit import MemoryRateLimiter, SetupOptions
from app.ls.ratelimit_redis import RedisRateLimiter
from app.ls.realtime import RealtimeSession, SessionState
from app.ls.token import TokenManager

__all__ = [
    "LS", "OverseasStock", "OverseasFutureoption", "Endpoints", "Credentials", "load_env_keys",
    "SetupOptions", "MemoryRateLimiter", "RedisRateLimiter", "TokenManager", "RealtimeSession",
    "SessionState", "StockReal", "FuturesReal", "TRRequest", "RequestStatus", "oauth",
    "overseas_stock", "overseas_futureoption", "exceptions", "LSError", "AuthError",
    "LSBusinessError", "RateLimitError", "ResponseFormatError", "TransportError",
    "g3101", "g3102", "g3103", "g3104", "g3106", "g3190", "g3202", "g3203", "g3204",
    "COSAQ00102", "COSAQ01400", "COSOQ00201", "COSOQ02701",
    "COSAT00301", "COSAT00311", "COSMT00300", "COSAT00400",
    "GSC", "GSH", "AS0", "AS1", "AS2", "AS3", "AS4",
    "o3101", "o3104", "o3105", "o3106", "o3107", "o3116", "o3121", "o3123", "o3125", "o3126",
    "o3127", "o3128", "o3136", "o3137", "o3103", "o3108", "o3117", "o3139",
    "CIDBQ01400", "CIDBQ01500", "CIDBQ01800", "CIDBQ02400", "CIDBQ03000", "CIDBQ05300",
    "CIDEQ00800", "CIDBT00100", "CIDBT00900", "CIDBT01000",
    "OVC", "OVH", "TC1", "TC2", "TC3", "WOC", "WOH",
]
