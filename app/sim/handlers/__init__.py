"""Handlers of the market-data and chart TRs (importing this package registers them)."""

from app.sim.handlers import fo_chart, fo_market, stock_chart, stock_market  # noqa: F401
