"""Realtime frames a session must survive: unreadable, without a body, nested too deep, quirky.

Each is skipped and counted as a bad frame (never handed to a listener, never logged as an
unexpected error), and the session keeps delivering the good frames after it.
"""

from __future__ import annotations

import logging

import pytest
import pytest_asyncio

from app.ls.models import OVC
from app.ls.realtime import RealtimeSession
from tests.ls.test_realtime import tokens, until
from tests.ls.ws_fixture import WsFixture


@pytest_asyncio.fixture
async def feed():
    """(fixture server, a connected session to it)."""
    async with WsFixture() as srv:
        s = RealtimeSession(srv.url, tokens(), ack_timeout=2.0, backoff_base=0.02, backoff_max=0.1)
        await s.connect()
        yield srv, s
        await s.close()


@pytest.mark.asyncio
async def test_unreadable_frames_are_skipped_and_session_keeps_running(feed, caplog):
    server, session = feed
    got = []
    session.add_listener("GSC", got.append)
    with caplog.at_level(logging.WARNING, logger="app.ls.realtime"):
        await server.push_raw("not json at all")
        await server.push_raw('{"header": {"tr_cd": "GSC", "tr_key": "82TSLA"}, "body": [1, 2, 3]}')
        await server.push_raw('{"header": {"tr_cd": "GSC"}, "body": {"price": ')
        await server.push_raw(b"\xff\xfe binary junk")
        await server.push("GSC")
        await until(lambda: got)
    assert session.bad_frames == 4
    assert "skipped an unreadable" in caplog.text
    assert "tok1" not in caplog.text
    assert session.connected and len(got) == 1


@pytest.mark.asyncio
async def test_body_listeners_skip_unreadable_frames_once_and_go_on(feed, caplog):
    server, session = feed
    bodies, typed = [], []
    session.add_body_listener("GSC", lambda key, body: bodies.append(body))
    session.add_listener("GSC", typed.append)
    with caplog.at_level(logging.WARNING, logger="app.ls.realtime"):
        await server.push_raw('{"header": {"tr_cd": "GSC", "tr_key": "82TSLA"}, "body": [1, 2, 3]}')
        await server.push_raw('{"header": {"tr_cd": "GSC"}, "body": {"price": ')
        await server.push_raw('{"header": {"tr_cd": "GSC", "tr_key": "82TSLA"}, "body": null}')
        await server.push_raw('{"tr_cd": "GSC", "header": [1], "body": {"price": "1"}}')
        await server.push("GSC")
        await until(lambda: bodies and typed)
    assert session.bad_frames == 4  # each once, though two kinds of listener wanted it
    assert caplog.text.count("skipped an unreadable") == 4
    assert session.connected and len(bodies) == 1 and len(typed) == 1


DEEP = 100_000


@pytest.mark.asyncio
@pytest.mark.parametrize("frame", [
    '{"header": {"tr_cd": "GSC", "tr_key": "82TSLA            "}, "body": null}',
    '{"header": {"tr_cd": "GSC", "tr_key": "82TSLA            "}}',
    '{"header":{"tr_cd":"GSC","tr_key":"82TSLA            "},"body":null}',
    '{"header": {"tr_cd": "GSC", "tr_key": "82TSLA"}, "body": ' + "[" * DEEP + "]" * DEEP + "}",
    '{"header": {"tr_cd": "GSC", "tr_key": "82TSLA"}, "body": {"price": ' + '{"a":' * (DEEP // 2) + "1"
    + "}" * (DEEP // 2) + "}}",
    "[" * DEEP + "]" * DEEP,
    '{"header": {"tr_cd": "XYZ", "rsp_cd": "00000"}, "x": ' + "[" * DEEP + "]" * DEEP + "}",
], ids=["body-null", "no-body", "compact-body-null", "deep-body", "deep-field", "deep-untyped", "deep-ack"])
async def test_a_frame_without_a_body_or_nested_too_deep_is_a_counted_bad_frame(feed, frame, caplog):
    server, session = feed
    got = []
    session.add_listener("GSC", got.append)
    with caplog.at_level(logging.WARNING, logger="app.ls.realtime"):
        await server.push_raw(frame)
        await server.push("GSC")
        await until(lambda: got)
    assert session.bad_frames == 1
    assert len(got) == 1 and got[0].body is not None  # listeners never see a push without a body
    assert "frame handling failed" not in caplog.text and "skipped an unreadable" in caplog.text
    assert session.connected


@pytest.mark.asyncio
async def test_quirky_numbers_take_the_lenient_path(feed):
    server, session = feed
    got = []
    session.add_listener("OVC", got.append)
    await server.push("OVC", "NQU23   ")  # the example has padded prices like "0. 14997.75"
    await until(lambda: got)
    assert isinstance(got[0], OVC.Response)
    assert got[0].body.curpr == 14997.75


@pytest.mark.asyncio
async def test_frames_without_tr_cd_are_ignored(feed):
    server, session = feed
    got = []
    session.add_listener("GSC", got.append)
    await server.push_raw('{"header": {"tr_id": "PING"}}')
    await server.push("GSC")
    await until(lambda: got)
    assert session.bad_frames == 0
