"""Watchlists: several named lists, unknown symbols refused, moves, CSV round trip and malformed files."""

from __future__ import annotations

import pytest

from app.trading.watchlists import Watchlists, WatchlistError, export_csv, parse_csv

KNOWN = {"AAPL", "MSFT", "TSLA", "ESZ26", "2ESZ26_6000"}


def book() -> Watchlists:
    return Watchlists(known=lambda s: s in KNOWN)


def test_add_remove_move_and_refusals():
    w = book()
    for s in ("aapl", " MSFT ", "ESZ26", "2ESZ26_6000"):
        w.add(s)
    assert w.active.symbols == ["AAPL", "MSFT", "ESZ26", "2ESZ26_6000"]  # stocks and futures together
    with pytest.raises(WatchlistError) as e:
        w.add("NOPE")
    assert e.value.kind == "unknown" and e.value.symbol == "NOPE"
    with pytest.raises(WatchlistError) as e:
        w.add("aapl")
    assert e.value.kind == "duplicate"
    with pytest.raises(WatchlistError) as e:
        w.add("   ")
    assert e.value.kind == "empty"
    assert len(w.active.symbols) == 4
    w.move(0, 2)
    assert w.active.symbols == ["MSFT", "ESZ26", "AAPL", "2ESZ26_6000"]
    w.move(3, 0)
    assert w.active.symbols == ["2ESZ26_6000", "MSFT", "ESZ26", "AAPL"]
    assert w.remove("msft") == 1
    assert w.active.symbols == ["2ESZ26_6000", "ESZ26", "AAPL"]
    with pytest.raises(WatchlistError):
        w.remove("MSFT")


def test_named_lists_new_rename_delete_and_round_trip():
    w = book()
    w.add("AAPL")
    w.new_list("Futures")
    w.add("ESZ26")
    assert w.names() == ["Watchlist 1", "Futures"] and w.current == 1
    with pytest.raises(WatchlistError) as e:
        w.new_list("futures")
    assert e.value.kind == "name_taken"
    with pytest.raises(WatchlistError) as e:
        w.rename(0, "  ")
    assert e.value.kind == "no_name"
    w.rename(0, "Tech")
    w.active.columns = ["symbol", "last"]
    w.active.widths = {"last": 90}
    w.active.sort = ("last", True)
    data = w.to_dict()
    again = book()
    again.load_dict(data)
    assert again.to_dict() == data
    assert again.active.columns == ["symbol", "last"] and again.active.sort == ("last", True)
    again.delete(1)
    assert again.names() == ["Tech"] and again.current == 0
    with pytest.raises(WatchlistError) as e:
        again.delete(0)
    assert e.value.kind == "last_list"


def test_csv_round_trip_with_header_and_plain_files():
    text = export_csv(["AAPL", "ESZ26", "MSFT"], names=lambda s: {"AAPL": "애플, Inc"}.get(s, ""))
    assert text.splitlines()[0] == "symbol,name"
    assert parse_csv(text, lambda s: s in KNOWN) == ["AAPL", "ESZ26", "MSFT"]
    assert parse_csv("aapl\n\n tsla \nAAPL\n") == ["AAPL", "TSLA"]  # plain, blank lines, duplicates
    assert parse_csv("\ufeffname,Symbol\nApple,AAPL\n") == ["AAPL"]  # header names the column


@pytest.mark.parametrize("text, kind, line", [
    ("symbol\nAAPL\nNOPE\n", "unknown", 3),
    ("symbol,name\nAAPL,Apple\n,Microsoft\n", "malformed", 3),
    ("AAPL\nTS LA\n", "malformed", 2),
    ("symbol\n\n", "empty", 0),
    ("AAPL\x00\x01", "malformed", 1),
])
def test_malformed_csv_names_the_line(text, kind, line):
    with pytest.raises(WatchlistError) as e:
        parse_csv(text, lambda s: s in KNOWN)
    assert (e.value.kind, e.value.line) == (kind, line)
