"""Every REST TR answers a request built from the spec example with exactly the spec's shape."""

from __future__ import annotations

import importlib

import pytest

from app.ls.models.catalog import REST
from app.sim.registry import HANDLERS
from tests.sim.spec_requests import NEEDS_STATE, request_body, rest_trs, state_setup

try:  # the broker half registers the account/order handlers on import
    importlib.import_module("app.sim.broker")
except Exception:  # pragma: no cover
    pass

ALL_TRS = sorted(REST)


async def prepare(sim, tr_cd: str, body: dict) -> dict:
    """Create the order or holding the example refers to, and return the example pointing at it."""
    setup_tr, setup_body, apply = state_setup(tr_cd, body, sim.ex.market)
    status, _, _, answer = await _post(sim, setup_tr, setup_body)
    assert status == 200, answer
    return apply(answer)


def _model_json_kind(tr_cd: str, block: str, field: str) -> str:
    """'string' or 'number': what our model writes for a field the doc example left null."""
    from app.sim.wire import _empties, model_module
    from app.ls.models.base import _block_type

    resp = model_module(tr_cd).Response
    cls = _block_type(resp.model_fields[block].annotation)
    return "string" if isinstance(_empties(cls).get(field), str) else "number"


def check_answer(tr_cd: str, status: int, headers, raw_headers, body: dict) -> None:
    assert status == 200, body
    names = [k.decode() for k, _ in raw_headers]
    for required in ("Content-Type", "tr_cd", "tr_cont", "tr_cont_key"):
        assert required in names, (required, names)
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["tr_cd"] == tr_cd
    assert headers["tr_cont"] in ("Y", "N")
    spec_tr = rest_trs()[tr_cd]
    blocks = [b for b in spec_tr["out_blocks"] if b["kind"] != "root"]
    top_level = [f["name"] for b in spec_tr["out_blocks"] if b["kind"] == "root" for f in b["fields"]]
    expected_keys = {b["name"] for b in blocks} | {"rsp_cd", "rsp_msg"} | set(top_level)
    assert expected_keys <= set(body), (expected_keys - set(body))
    assert isinstance(body["rsp_cd"], str) and isinstance(body["rsp_msg"], str)
    assert all(isinstance(body[name], str) for name in top_level)
    for block in blocks:
        value = body[block["name"]]
        rows = value if block["kind"] == "array" else [value]
        if block["kind"] == "array":
            assert isinstance(value, list), block["name"]
        else:
            assert isinstance(value, dict), block["name"]
        for row in rows:
            assert set(row) == {f["name"] for f in block["fields"]}, (block["name"], set(row) ^ {f["name"] for f in block["fields"]})
            for f in block["fields"]:
                v = row[f["name"]]
                assert v is not None, (block["name"], f["name"])
                kind = f.get("wire_type_in_doc_example")
                if kind not in ("string", "number"):
                    kind = _model_json_kind(tr_cd, block["name"], f["name"])
                if kind == "string":
                    assert isinstance(v, str), (block["name"], f["name"], v)
                else:
                    assert isinstance(v, (int, float)) and not isinstance(v, bool), (block["name"], f["name"], v)


async def _post(sim, tr_cd: str, body: dict, tr_cont: str = "N", key: str = ""):
    import json as _json

    url = sim.ex.rest_url + REST[tr_cd].path
    async with sim.session.post(url, data=_json.dumps(body).encode(), headers=sim.headers(tr_cd, tr_cont, key)) as r:
        return r.status, r.headers, r.raw_headers, _json.loads(await r.text())


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("library", [False, True], ids=["doc", "library"])
@pytest.mark.parametrize("tr_cd", ALL_TRS)
async def test_every_tr_answers_in_spec_shape(sim_shared, tr_cd, library):
    sim = sim_shared
    if tr_cd not in HANDLERS:
        pytest.skip(f"{tr_cd}: no handler registered yet (broker half: app/sim/broker)")
    body = request_body(tr_cd, sim.ex.market, library=library)
    if tr_cd in NEEDS_STATE:
        body = await prepare(sim, tr_cd, body)
    status, headers, raw, answer = await _post(sim, tr_cd, body)
    check_answer(tr_cd, status, headers, raw, answer)
