"""해외주식: the overseas-stock TR modules and groups under one name, as the seed exposes them."""

from app.ls.facade import OverseasStock
from app.ls.facade_groups import StockAccount, StockChart, StockMarket, StockOrder
from app.ls.models import (
    AS0, AS1, AS2, AS3, AS4, COSAQ00102, COSAQ01400, COSAT00301, COSAT00311, COSAT00400,
    COSMT00300, COSOQ00201, COSOQ02701, GSC, GSH, g3101, g3102, g3103, g3104, g3106, g3190,
    g3202, g3203, g3204,
)

__all__ = [
    "OverseasStock", "StockAccount", "StockChart", "StockMarket", "StockOrder",
    "AS0", "AS1", "AS2", "AS3", "AS4", "COSAQ00102", "COSAQ01400", "COSAT00301", "COSAT00311",
    "COSAT00400", "COSMT00300", "COSOQ00201", "COSOQ02701", "GSC", "GSH", "g3101", "g3102",
    "g3103", "g3104", "g3106", "g3190", "g3202", "g3203", "g3204",
]
