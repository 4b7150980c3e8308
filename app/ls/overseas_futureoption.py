"""해외선물옵션: the overseas futures/options TR modules and groups under one name, as the seed exposes them."""

from app.ls.facade import OverseasFutureoption
from app.ls.facade_groups import FuturesAccount, FuturesChart, FuturesMarket, FuturesOrder
from app.ls.models import (
    OVC, OVH, TC1, TC2, TC3, WOC, WOH, CIDBQ01400, CIDBQ01500, CIDBQ01800, CIDBQ02400,
    CIDBQ03000, CIDBQ05300, CIDBT00100, CIDBT00900, CIDBT01000, CIDEQ00800, o3101, o3103,
    o3104, o3105, o3106, o3107, o3108, o3116, o3117, o3121, o3123, o3125, o3126, o3127, o3128,
    o3136, o3137, o3139,
)

__all__ = [
    "OverseasFutureoption", "FuturesAccount", "FuturesChart", "FuturesMarket", "FuturesOrder",
    "OVC", "OVH", "TC1", "TC2", "TC3", "WOC", "WOH", "CIDBQ01400", "CIDBQ01500", "CIDBQ01800",
    "CIDBQ02400", "CIDBQ03000", "CIDBQ05300", "CIDBT00100", "CIDBT00900", "CIDBT01000",
    "CIDEQ00800", "o3101", "o3103", "o3104", "o3105", "o3106", "o3107", "o3108", "o3116",
    "o3117", "o3121", "o3123", "o3125", "o3126", "o3127", "o3128", "o3136", "o3137", "o3139",
]
