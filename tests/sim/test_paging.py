"""Every paging chart/tick/master TR pages to the end, LS-style, without repeating a row."""

from __future__ import annotations

import pytest

from app.ls.models.catalog import REST
from tests.sim.spec_requests import request_body

PAGING = sorted(tr for tr, info in REST.items()
                if info.paging == "header_flag_plus_body_cursor")
SIZE_FIELDS = ("readcnt", "qrycnt")
# a page size that gives several pages without making the test slow
PAGE = {"g3190": 20, "o3128": 20}  # (o3128 asks for weeks: a contract listed a year ago has ~50)
ROW_KEYS = ("date", "time", "loctime", "ovsdate", "ovstime", "locdate", "chedate", "keysymbol")


def _row_key(row: dict) -> tuple:
    return tuple(row.get(k, "") for k in ROW_KEYS) + (row.get("close", row.get("price", "")),)


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("tr_cd", PAGING)
async def test_pages_to_the_end(sim_shared, tr_cd):
    sim = sim_shared
    sim.ex.market.steps_per_second = 0  # a still market, so pages do not shift under the test
    body = request_body(tr_cd, sim.ex.market, library=True)
    in_name = next(iter(body))
    block = body[in_name]
    for f in SIZE_FIELDS:
        if f in block:
            block[f] = PAGE.get(tr_cd, 60)
    for f in ("sdate", "edate"):
        if f in block:
            block[f] = ""
    cursors = REST[tr_cd].cursor_fields
    tr_cont, key = "N", ""
    pages, seen, total = 0, set(), 0
    while True:
        status, headers, answer = await sim.call(tr_cd, body, tr_cont=tr_cont, tr_cont_key=key)
        assert status == 200, answer
        pages += 1
        out = answer[f"{tr_cd}OutBlock"]
        rows = answer[f"{tr_cd}OutBlock1"]
        for row in rows:
            k = _row_key(row)
            assert k not in seen, (tr_cd, pages, row)
            seen.add(k)
        total += len(rows)
        if headers["tr_cont"] != "Y":
            assert headers["tr_cont_key"] == ""
            break
        assert rows, "a page that promises more must not be empty"
        key = headers["tr_cont_key"]
        assert key, "tr_cont Y needs a tr_cont_key"
        for f in cursors:
            block[f] = out[f]
        tr_cont = "Y"
        assert pages < 200, "paging never ends"
    assert pages >= 2, f"{tr_cd}: expected several pages, got {pages} ({total} rows)"
