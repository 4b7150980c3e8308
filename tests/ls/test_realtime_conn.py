"""The push connection's own frame splitter: every frame arrives whole and in order however the
bytes are cut, and whatever is not a plain text frame still goes through websockets' protocol."""

from __future__ import annotations

import asyncio

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed
from websockets.frames import Close, Frame, Opcode

from app.ls.realtime_conn import PushConnection


def frame(opcode: Opcode, payload: bytes, fin: bool = True) -> bytes:
    """A server-to-client frame as it goes on the wire (unmasked)."""
    return Frame(opcode, payload, fin=fin).serialize(mask=False)


def text(payload: bytes, fin: bool = True) -> bytes:
    return frame(Opcode.TEXT, payload, fin)


def stream() -> tuple[bytes, list[bytes]]:
    """Bytes a server writes, and the text messages a client must see (in order)."""
    pushes = [b'{"n": 1}', b"x" * 125, b"y" * 126, b"z" * 300, "한글 텍스트".encode() * 20,
              b"w" * 70_000, b"", b'{"n": 2}']
    out = b"".join(text(p) for p in pushes[:3])
    out += frame(Opcode.PING, b"ping!")  # the protocol must answer it
    out += b"".join(text(p) for p in pushes[3:6])
    out += text(b"frag-1 ", fin=False) + frame(Opcode.CONT, b"frag-2")  # one message in two frames
    out += b"".join(text(p) for p in pushes[6:])
    out += frame(Opcode.BINARY, b"\x00\x01binary")
    out += text(b'{"n": 3}')
    return out, pushes + [b'{"n": 3}']


@pytest.mark.asyncio
@pytest.mark.parametrize("chunk", [1, 2, 3, 9, 127, 1000, 100_000])
async def test_frames_arrive_whole_and_in_order_however_the_bytes_are_cut(chunk):
    data, pushes = stream()
    pongs: list[bytes] = []

    async def handler(ws):
        # the client's pong comes back through the server's protocol
        ws.pong_waiter = asyncio.get_running_loop().create_future()
        original = ws.process_event

        def spy(event):
            if isinstance(event, Frame) and event.opcode is Opcode.PONG:
                pongs.append(event.data)
            original(event)
        ws.process_event = spy
        await ws.recv()  # the client is listening
        for i in range(0, len(data), chunk):
            ws.transport.write(data[i:i + chunk])
            await asyncio.sleep(0)  # separate reads (mostly) on the client side
        await ws.close()

    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        got: list[bytes] = []
        others: list = []
        async with connect(f"ws://127.0.0.1:{port}", compression=None, max_size=None,
                           create_connection=PushConnection) as ws:
            ws.on_text = got.append
            await ws.send("go")
            try:
                while True:
                    others.append(await ws.recv(False))
            except ConnectionClosed as exc:
                closed = exc
    assert got == pushes
    assert others == [b"frag-1 frag-2", b"\x00\x01binary"]  # fragmented and binary: the normal path
    assert pongs == [b"ping!"]
    assert closed.rcvd == Close(1000, "")


@pytest.mark.asyncio
async def test_a_frame_over_the_size_limit_is_refused_by_the_protocol():
    async def handler(ws):
        await ws.recv()
        ws.transport.write(text(b'{"ok": 1}') + text(b"x" * 5000) + text(b'{"late": 1}'))
        await asyncio.sleep(1)

    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        got: list[bytes] = []
        async with connect(f"ws://127.0.0.1:{port}", compression=None, max_size=1000,
                           create_connection=PushConnection) as ws:
            ws.on_text = got.append
            await ws.send("go")
            with pytest.raises(ConnectionClosed) as info:
                await ws.recv()
    assert got == [b'{"ok": 1}']
    assert info.value.sent is not None and info.value.sent.code == 1009
