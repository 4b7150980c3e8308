"""Redaction: account passwords, keys and tokens never reach a log record, in any spelling."""

from __future__ import annotations

import logging

import pytest

from app.ls import COSAT00400
from app.ls.logs import redact

PASSWORD = "4321"


@pytest.mark.parametrize("text", [
    '{"AcntPwd": "4321"}',
    '{"sPwd": "4321"}',
    '{"InptPwd": "4321"}',
    '{"Pwd": 4321}',
    "AcntPwd=4321&x=1",
    "InptPwd='4321'",
    'Pwd="4321"',
])
def test_password_fields_are_redacted_in_every_form(text):
    assert PASSWORD not in redact(text)


def test_an_order_in_block_with_a_password_logged_at_debug_shows_no_password(caplog):
    caplog.set_level(logging.DEBUG)
    block = COSAT00400.COSAT00400InBlock1.model_validate(
        {**_example_block(), "Pwd": PASSWORD})
    logging.getLogger("test").debug("sending %r / %s", block, block.model_dump_json())
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "COSAT00400InBlock1" in text and PASSWORD not in text


def test_ordinary_fields_are_left_alone():
    text = '{"OrdQty": 10, "IsuNo": "TSLA", "tr_cd": "g3101"} OrdQty=10'
    assert redact(text) == text


def _example_block() -> dict:
    from tests.ls.spec_server import REST

    body = REST["COSAT00400"]["example_request"]["body"]
    return dict(next(iter(body.values())))
