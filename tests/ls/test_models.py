"""Every example in the spec parses into its typed model; every example request round-trips."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.ls.models.base import parse_lenient

ROOT = Path(__file__).resolve().parents[2]
SPEC = json.loads((ROOT / "app/ls/data/spec.json").read_text(encoding="utf-8"))
REST = SPEC["rest"]["trs"]
REAL = SPEC["websocket"]["trs"]


def test_spec_lists_every_tr():
    assert len(REST) == 45
    assert len(REAL) == 14


@pytest.mark.parametrize("tr_cd", sorted(REST))
def test_response_example_parses(tr_cd):
    module = importlib.import_module(f"app.ls.models.{tr_cd}")
    body = REST[tr_cd]["example_response"]["body"]
    resp = parse_lenient(module.Response, body)
    assert resp.rsp_cd == body["rsp_cd"]
    for name in module.Response.OUT_BLOCKS:
        if name in body:
            value = getattr(resp, name)
            if isinstance(body[name], list):
                assert len(value) == len(body[name])
            else:
                assert value is not None


@pytest.mark.parametrize("tr_cd", sorted(REST))
def test_request_example_round_trips(tr_cd):
    module = importlib.import_module(f"app.ls.models.{tr_cd}")
    body = REST[tr_cd]["example_request"]["body"]
    model = module.Request.model_validate(body)
    assert model.model_dump(mode="json", exclude_unset=True) == body
    again = module.Request.model_validate_json(json.dumps(model.model_dump(mode="json", exclude_unset=True)))
    assert again == model
    wire = REST[tr_cd]["example_request"].get("library_wire_body")
    if wire:  # what a widely used client really sends (with nulls) is accepted too
        module.Request.model_validate(wire)


@pytest.mark.parametrize("tr_cd", sorted(REAL))
def test_push_example_parses(tr_cd):
    module = importlib.import_module(f"app.ls.models.{tr_cd}")
    message = REAL[tr_cd]["example_push"]["message"]
    push = parse_lenient(module.Response, json.dumps(message))
    assert push.header.tr_cd == tr_cd
    assert push.body is not None
    names = {f["name"] for f in REAL[tr_cd]["push_body_fields"]}
    assert names <= set(type(push.body).model_fields)


def test_numbers_are_numbers():
    from app.ls.models import GSC, g3101

    push = GSC.Response.model_validate_json(json.dumps(REAL["GSC"]["example_push"]["message"]))
    assert push.body.price == 12.21  # quote feeds: float, for speed
    assert push.body.totq == 637963
    # and go back on the wire as strings, as LS sends them
    assert push.body.model_dump(mode="json")["price"] == "12.21"
    assert push.body.model_dump(mode="json")["totq"] == "637963"
    from app.ls.models import TC3

    fill = parse_lenient(TC3.Response, json.dumps(REAL["TC3"]["example_push"]["message"]))
    assert fill.body.ccls_prc == Decimal("122.00000000000")  # account events: exact
    resp = g3101.Response.model_validate(REST["g3101"]["example_response"]["body"])
    assert isinstance(resp.block.price, Decimal)


def test_lenient_parse_of_padded_and_blank_numbers():
    from app.ls.models import OVC

    message = REAL["OVC"]["example_push"]["message"]
    push = parse_lenient(OVC.Response, json.dumps(message))
    assert push.body.curpr == 14997.75
    assert push.body.mdvolume is None


def test_a_futures_price_that_fills_the_pad_is_read():
    """LS's pad is '0.' and the price right-aligned in nine characters: a price of nine
    characters (a yen future, 0.0066295) leaves no space after the '0.'."""
    from app.ls.models import OVC

    message = json.loads(json.dumps(REAL["OVC"]["example_push"]["message"]))
    message["body"].update(curpr="0.0.0066295", ydiffpr="0.0.0000175", high="0.12345.125", low="0.    46.25")
    push = parse_lenient(OVC.Response, json.dumps(message))
    assert (push.body.curpr, push.body.ydiffpr) == (0.0066295, 0.0000175)
    assert (push.body.high, push.body.low) == (12345.125, 46.25)


def test_in_block_rejects_typos():
    from pydantic import ValidationError

    from app.ls.models import g3101

    with pytest.raises(ValidationError):
        g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA", sybmol="x")


def test_generated_models_are_current():
    result = subprocess.run([sys.executable, "tools/gen_models.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("fields, message", [
    ({"OrdPtnCode": "02", "OrdprcPtnCode": "03", "OvrsOrdPrc": 0}, "sell orders only"),
    ({"OrdPtnCode": "02", "OrdprcPtnCode": "M3", "OvrsOrdPrc": 0}, "sell orders only"),
    ({"OrdPtnCode": "01", "OrdQty": 0}, "quantity"),
    ({"OrdPtnCode": "02", "OvrsOrdPrc": 0}, "limit price"),
    ({"OrdPtnCode": "08"}, "OrgOrdNo"),
])
def test_order_rules_refuse_half_valid_orders(fields, message):
    from pydantic import ValidationError

    from app.ls.models import COSAT00301

    base = {"OrdPtnCode": "02", "OrdMktCode": "82", "IsuNo": "TSLA", "OrdQty": 1, "OvrsOrdPrc": "250.5",
            "OrdprcPtnCode": "00"}
    with pytest.raises(ValidationError) as err:
        COSAT00301.COSAT00301InBlock1(**{**base, **fields})
    assert message in str(err.value)


def test_order_rules_accept_what_ls_accepts():
    from app.ls.models import CIDBT00100, COSAT00301

    COSAT00301.COSAT00301InBlock1(OrdPtnCode="01", OrdMktCode="82", IsuNo="TSLA", OrdQty=3, OvrsOrdPrc=0,
                                  OrdprcPtnCode="03")  # market sell
    COSAT00301.COSAT00301InBlock1(OrdPtnCode="08", OrgOrdNo=12, OrdMktCode="82", IsuNo="TSLA", OrdQty=3,
                                  OvrsOrdPrc=0, OrdprcPtnCode="00")  # cancel
    CIDBT00100.CIDBT00100InBlock1(OrdDt="20261124", IsuCodeVal="ESZ26", FutsOrdTpCode="1", BnsTpCode="2",
                                  AbrdFutsOrdPtnCode="1", OvrsDrvtOrdPrc=0, CndiOrdPrc=0, OrdQty=1)  # market


def _json_types(value):
    if isinstance(value, dict):
        return {k: _json_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_types(v) for v in value]
    return type(value).__name__


@pytest.mark.parametrize("tr_cd", sorted(REST))
def test_request_example_keeps_its_json_number_types_on_the_wire(tr_cd):
    """70 goes out as 70, not 70.0: LS type-checks fields (IGW40011)."""
    module = importlib.import_module(f"app.ls.models.{tr_cd}")
    body = REST[tr_cd]["example_request"]["body"]
    wire = json.loads(module.Request.model_validate(body).model_dump_json(exclude_unset=True))
    assert _json_types(wire) == _json_types(body)


def test_json_number_decimals_round_trip_exactly():
    from decimal import Decimal

    from pydantic import TypeAdapter

    from app.ls.models.base import DecNum

    number = TypeAdapter(DecNum)
    for text in ("70", "1E+2", "-0", "12345678901234567890", "180.5", "0.664", "-1.5E+3", "122.0"):
        again = number.validate_json(number.dump_json(Decimal(text)))
        assert again == Decimal(text)


def test_in_block_errors_do_not_echo_values():
    from pydantic import ValidationError

    from app.ls.models import COSAQ01400

    with pytest.raises(ValidationError) as err:
        COSAQ01400.COSAQ01400InBlock1(RecCnt=1, QryTpCode="1", CntryCode="US", AcntNo="1", SrtDt="", EndDt="",
                                      BnsTpCode="0", RsvOrdCndiCode="00", RsvOrdStatCode="0",
                                      pwd="my-secret-pin-1234")
    assert "my-secret-pin-1234" not in str(err.value)
