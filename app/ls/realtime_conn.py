"""A websockets client connection that hands complete text frames straight to the session.

``websockets`` queues every incoming message for ``recv()``, and its frame parser is a chain of
Python generators: a session that reads tens of thousands of small frames a second spends as
much time there as in decoding them. This subclass cuts the plain case short. While the
connection is open and the protocol holds no partial frame, ``data_received`` splits the bytes
itself and gives each final, unmasked, unfragmented text frame to ``on_text`` at once, in
order. The first frame of any other kind (ping, close, binary, a fragment, anything the
protocol must check) and everything after it in that chunk go to the normal path, as does all
traffic before the handshake ends and after a close; the protocol's own text events still reach
``on_text`` through ``process_event`` (the documented hook), and the rest is drained with
``recv()``. A chunk that ends inside a frame keeps the tail until the next chunk.
"""

from __future__ import annotations

from collections.abc import Callable

from websockets.asyncio.client import ClientConnection
from websockets.frames import Frame, Opcode
from websockets.protocol import State

_TEXT = Opcode.TEXT
_OPEN = State.OPEN
FIN_TEXT = 0x81  # first header byte of a final text frame without extension bits


class PushConnection(ClientConnection):
    on_text: Callable[[bytes], None] | None = None
    _tail = b""  # the start of a frame whose end has not arrived yet

    def process_event(self, event) -> None:
        on_text = self.on_text
        if on_text is not None and type(event) is Frame and event.opcode is _TEXT and event.fin:
            on_text(event.data)  # the session catches and logs its own errors
            return
        super().process_event(event)

    def data_received(self, data: bytes) -> None:
        tail = self._tail
        if tail:
            data, self._tail = tail + data, b""
        protocol = self.protocol
        on_text = self.on_text
        if (on_text is None or protocol.state is not _OPEN or protocol.reader.buffer
                or protocol.current_size is not None):
            super().data_received(data)  # handshake, closing, or mid-way through a frame it parses
            return
        limit = protocol.max_message_size
        pos, end = 0, len(data)
        cut = False  # True: the bytes left are the start of a text frame
        while pos < end:
            if data[pos] != FIN_TEXT:
                break  # another kind of frame
            if end - pos < 2:
                cut = True
                break
            n = data[pos + 1]
            if n & 0x80:
                break  # masked: a protocol error the protocol reports
            start = pos + 2
            if n >= 126:
                start += 2 if n == 126 else 8
                if start > end:
                    cut = True
                    break
                n = int.from_bytes(data[pos + 2:start], "big")
            if limit is not None and n > limit:
                break  # the protocol closes with 1009
            stop = start + n
            if stop > end:
                cut = True
                break
            on_text(data[start:stop])  # the session catches and logs its own errors
            pos = stop
        if pos < end:
            rest = data[pos:] if pos else data
            if cut:
                self._tail = rest
            else:
                super().data_received(rest)

    def eof_received(self) -> None:
        self._flush_tail()
        return super().eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self._flush_tail()
        super().connection_lost(exc)

    def _flush_tail(self) -> None:
        """A cut frame at the end of the stream: the protocol reports the truncation its way."""
        tail, self._tail = self._tail, b""
        if tail and not self.protocol.reader.eof:
            super().data_received(tail)
