"""RFC 6455 5.1 over a raw socket: masked client frames work however they are split; an unmasked
one gets a Close frame with 1002 and the connection dropped, and reaches nothing."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import struct

import pytest
import pytest_asyncio

from app.sim.ws_mask import MaskedFramesOnly

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def ex(tmp_path):
    from app.sim.exchange import start_exchange

    exchange = await start_exchange(seed=5, db_path=tmp_path / "mask.sqlite", run_market=False, rate_limits=False)
    yield exchange
    await exchange.stop()


def frame(payload: bytes, masked: bool = True, opcode: int = 0x1) -> bytes:
    head = bytes([0x80 | opcode])
    n = len(payload)
    size = bytes([n]) if n < 126 else bytes([126]) + struct.pack("!H", n) if n < 65536 else bytes([127]) + struct.pack("!Q", n)
    if not masked:
        return head + size + payload
    key = os.urandom(4)
    size = bytes([size[0] | 0x80]) + size[1:]
    return head + size + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


async def handshake(ex) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", ex.port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write((f"GET /websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = await reader.readuntil(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 101"), head
    return reader, writer


def subscribe(ex, tr_key: str = "82AAPL") -> bytes:
    token = ex.tokens.issue("mask-key").token
    return json.dumps({"header": {"token": token, "tr_type": "3"}, "body": {"tr_cd": "GSC", "tr_key": tr_key}}).encode()


async def read_frame(reader) -> tuple[int, bytes]:
    b0, b1 = await reader.readexactly(2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack("!H", await reader.readexactly(2))[0]
    elif n == 127:
        n = struct.unpack("!Q", await reader.readexactly(8))[0]
    return b0 & 0x0F, await reader.readexactly(n)


async def test_masked_frames_split_anywhere_are_answered(ex):
    reader, writer = await handshake(ex)
    data = frame(subscribe(ex)) + frame(b" " * 300) + frame(subscribe(ex, "82MSFT"))
    for i in range(len(data)):  # one byte at a time: headers split at every position
        writer.write(data[i:i + 1])
        await writer.drain()
    acks = []
    while len(acks) < 3:
        opcode, payload = await asyncio.wait_for(read_frame(reader), 5)
        assert opcode == 0x1
        acks.append(json.loads(payload)["header"])
    assert [a["rsp_cd"] for a in acks] == ["00000", "IGW40010", "00000"]
    writer.close()


async def test_an_unmasked_frame_is_closed_with_1002(ex):
    reader, writer = await handshake(ex)
    writer.write(frame(subscribe(ex), masked=True))
    opcode, payload = await asyncio.wait_for(read_frame(reader), 5)
    assert json.loads(payload)["header"]["rsp_cd"] == "00000"
    writer.write(frame(subscribe(ex, "82MSFT"), masked=False))
    opcode, payload = await asyncio.wait_for(read_frame(reader), 5)
    while opcode != 0x8:  # quote pushes sent before the close may come first
        opcode, payload = await asyncio.wait_for(read_frame(reader), 5)
    assert struct.unpack("!H", payload[:2])[0] == 1002 and b"masked" in payload
    assert await asyncio.wait_for(reader.read(), 5) == b""  # the server dropped the connection
    writer.close()
    for _ in range(100):
        if not ex.hub.conns:
            break
        await asyncio.sleep(0.02)
    assert not ex.hub.conns and ("GSC", "82MSFT".ljust(18)) not in ex.hub.subs


async def test_header_walk_handles_every_length_form():
    fed = []

    class Inner:
        def feed_data(self, data):
            fed.append(bytes(data))
            return False, b""

        def feed_eof(self):
            fed.append(None)

    check = MaskedFramesOnly(Inner(), None)
    data = frame(b"a" * 10) + frame(b"b" * 300) + frame(b"c" * 70000) + frame(b"", opcode=0x9)
    for i in range(0, len(data), 7):
        check.feed_data(data[i:i + 7])
    assert not check.refused and b"".join(fed) == data
    assert check.feed_data(frame(b"x", masked=False)) == (True, b"") and check.refused and fed[-1] is None
