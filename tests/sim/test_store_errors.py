"""An unreadable demo-account database is reported clearly (which file, what to do), never as a
raw sqlite traceback, both in-process and from the ``lsterm-sim`` command line; one another exchange
has open is told apart from a damaged one (the demo keeps a damaged one aside, never a busy one)."""

from __future__ import annotations

import pytest

from app.sim.__main__ import main
from app.sim.broker.store import StoreError


@pytest.fixture
def corrupt_db(tmp_path):
    path = tmp_path / "sim.db"
    path.write_bytes(b"this is not an SQLite database " * 200)
    return path


def test_corrupt_database_raises_a_clear_error(corrupt_db):
    from app.sim.exchange import Exchange

    with pytest.raises(StoreError) as err:
        Exchange(seed=1, db_path=corrupt_db, run_market=False)
    assert str(corrupt_db) in str(err.value)


def test_corrupt_rows_raise_a_clear_error(tmp_path):
    import sqlite3

    from app.sim.exchange import Exchange

    path = tmp_path / "rows.db"
    Exchange(seed=1, db_path=path, run_market=False).broker.store.close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO orders VALUES ('stock', 1, 'k', '{not json')")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as err:
        Exchange(seed=1, db_path=path, run_market=False)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("field, value", [("price", "a lot"), ("price", "NaN"), ("qty", "5"), ("qty", True)])
def test_a_row_with_a_value_of_the_wrong_kind_is_found_at_the_start(tmp_path, field, value):
    """Not in the middle of a trade later (a price that is no number escaped as a bare
    decimal.InvalidOperation; a quantity in quotes failed at the first fill)."""
    import json
    import sqlite3

    from app.sim.exchange import Exchange

    path = tmp_path / "rows.db"
    Exchange(seed=1, db_path=path, run_market=False).broker.store.close()
    row = {"ord_no": 1, "app_key": "k", "product": "stock", "symbol": "AAPL", "side": "2", "qty": 1,
           "price": "100.00", "price_type": "00", "status": "cancelled", field: value}  # (not working)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO orders VALUES ('stock', 1, 'k', ?)", (json.dumps(row),))
    db.commit()
    db.close()
    with pytest.raises(StoreError) as err:
        Exchange(seed=1, db_path=path, run_market=False)
    assert str(path) in str(err.value) and err.value.cause == "rows" and not err.value.busy


def test_a_database_another_exchange_has_open_is_busy_not_damaged(tmp_path, capsys):
    from app.sim.broker.store import Store

    path = tmp_path / "held.db"
    held = Store(path)
    try:
        with pytest.raises(StoreError) as err:
            Store(path)
        assert err.value.busy and str(path) in str(err.value)
        assert main(["--port", "0", "--db", str(path)]) == 2
    finally:
        held.close()
    out = capsys.readouterr()
    assert f"lsterm-sim: the demo account database {path} is in use by another exchange" in out.err
    assert "Traceback" not in out.err + out.out
    Store(path).close()  # that one closed: the file opens again, as it was


def test_cli_reports_a_folder_in_the_files_place_in_words(tmp_path, capsys):
    (tmp_path / "sim.db").mkdir()
    assert main(["--port", "0", "--db", str(tmp_path / "sim.db")]) == 2
    out = capsys.readouterr()
    assert f"{tmp_path / 'sim.db'} cannot be used (it is a folder, not a file)" in out.err


def test_cli_reports_a_corrupt_database_without_a_traceback(corrupt_db, capsys):
    assert main(["--port", "0", "--db", str(corrupt_db)]) == 2
    out = capsys.readouterr()
    assert str(corrupt_db) in out.err and "Traceback" not in out.err + out.out
