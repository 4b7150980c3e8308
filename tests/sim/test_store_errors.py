"""An unreadable demo-account database is reported clearly (which file, what to do), never as a
raw sqlite traceback, both in-process and from the ``lsterm-sim`` command line."""

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


def test_cli_reports_a_corrupt_database_without_a_traceback(corrupt_db, capsys):
    assert main(["--port", "0", "--db", str(corrupt_db)]) == 2
    out = capsys.readouterr()
    assert str(corrupt_db) in out.err and "Traceback" not in out.err + out.out
