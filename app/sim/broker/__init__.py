"""The broker half of the embedded exchange: demo accounts, orders, matching and account TRs.

``Broker(exchange, store_path)`` is built by the Exchange; importing this package registers the
handlers of the account and order TRs (COSAQ*/COSOQ*/COSAT*/COSMT*, CIDBQ*/CIDEQ*/CIDBT*).
"""

from app.sim.broker import futures_deposits, futures_queries, futures_trs, stock_queries, stock_trs  # noqa: F401
from app.sim.broker.engine import Broker
from app.sim.broker.orders import Fill, Order, OrderError

__all__ = ["Broker", "Fill", "Order", "OrderError"]
