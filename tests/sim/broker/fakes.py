"""A fake market and exchange for the broker's unit tests: a fixed book and trades on demand."""

from __future__ import annotations

from decimal import Decimal

from app.sim.registry import Instrument

D = Decimal

INSTRUMENTS = {
    "AAPL": Instrument("AAPL", "stock", "Apple Inc.", "애플", "82", "USD", D("0.01")),
    "IBM": Instrument("IBM", "stock", "IBM", "IBM", "81", "USD", D("0.01")),
    "NQZ26": Instrument("NQZ26", "future", "E-mini Nasdaq-100", "나스닥", "CME", "USD", D("0.25"),
                        tick_value=D("5.00"), multiplier=D(20), margin=D("20000"), root="NQ",
                        expiry="20261218", decimals=2),
    "HSIZ26": Instrument("HSIZ26", "future", "Hang Seng", "항셍", "HKEX", "HKD", D("1"),
                         tick_value=D("50"), multiplier=D(50), margin=D("100000"), root="HSI",
                         expiry="20261230", decimals=0),
}


class FakeMarket:
    def __init__(self):
        self.books = {
            "AAPL": ([(D("199.99"), 100), (D("199.98"), 200)], [(D("200.01"), 100), (D("200.02"), 300)]),
            "IBM": ([(D("149.99"), 100)], [(D("150.01"), 100)]),
            "NQZ26": ([(D("20000.00"), 5), (D("19999.75"), 10)], [(D("20000.25"), 5), (D("20000.50"), 10)]),
            "HSIZ26": ([(D("25000"), 5)], [(D("25001"), 5)]),
        }
        self.lasts = {"AAPL": D("200.00"), "IBM": D("150.00"), "NQZ26": D("20000.25"), "HSIZ26": D("25000")}
        self.listeners = []

    def instrument(self, symbol):
        return INSTRUMENTS.get(symbol)

    def best(self, symbol):
        bids, asks = self.books[symbol]
        return (bids[0][0] if bids else None, asks[0][0] if asks else None)

    def book(self, symbol):
        return self.books[symbol]

    def last(self, symbol):
        return self.lasts.get(symbol)

    def add_trade_listener(self, cb):
        self.listeners.append(cb)

    def trade(self, symbol, price, qty):
        self.lasts[symbol] = D(price)
        for cb in self.listeners:
            cb(symbol, D(price), qty, None)

    def fx_rate(self, ccy):
        return {"USD": D(1), "HKD": D("0.128")}[ccy]


class FakeExchange:
    def __init__(self):
        self.market = FakeMarket()
        self.pushes = []

    def push_account(self, app_key, product, tr_cd, body):
        self.pushes.append((app_key, product, tr_cd, body))

    def take(self):
        out, self.pushes = self.pushes, []
        return out
