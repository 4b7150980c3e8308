"""RFC 6455 section 5.1 for the exchange's WebSocket: a client frame without a mask closes the connection.

aiohttp's frame reader unmasks what is masked and takes the rest as it is. This wrapper sits in
front of it, follows the frame headers as bytes arrive (split anywhere), and on the first
unmasked frame answers a Close frame with status 1002 (protocol error), as the RFC allows, then
drops the TCP connection, as it requires; nothing after the bad frame reaches the exchange.
"""

from __future__ import annotations

import logging
import struct
from typing import Any

log = logging.getLogger(__name__)

PROTOCOL_ERROR = 1002
REASON = b"client frames must be masked"


def close_frame(code: int = PROTOCOL_ERROR, reason: bytes = REASON) -> bytes:
    """An unmasked (server) Close frame."""
    payload = struct.pack("!H", code) + reason
    return bytes([0x88, len(payload)]) + payload


class MaskedFramesOnly:
    """Stands in for the protocol's WebSocket parser and forwards only masked frames' bytes."""

    def __init__(self, inner: Any, transport: Any):
        self.inner = inner
        self.transport = transport
        self._head = bytearray()  # header bytes of the frame being read
        self._skip = 0  # payload bytes of the current frame still to come
        self.refused = False

    def _check(self, data: bytes) -> bool:
        """Walk the frame boundaries in ``data``; False at the first unmasked frame."""
        pos, size = 0, len(data)
        while pos < size:
            if self._skip:
                step = min(self._skip, size - pos)
                self._skip -= step
                pos += step
                continue
            self._head.append(data[pos])
            pos += 1
            if len(self._head) < 2:
                continue
            second = self._head[1]
            if not second & 0x80:
                return False
            short = second & 0x7F
            extra = 2 if short == 126 else 8 if short == 127 else 0
            if len(self._head) < 2 + extra + 4:
                continue
            if extra == 2:
                length = struct.unpack_from("!H", self._head, 2)[0]
            elif extra == 8:
                length = struct.unpack_from("!Q", self._head, 2)[0]
            else:
                length = short
            self._head.clear()
            self._skip = length
        return True

    def feed_data(self, data: bytes) -> tuple[bool, bytes]:
        if self.refused:
            return True, b""
        if not self._check(bytes(data)):
            self.refused = True
            log.info("closed a WebSocket that sent an unmasked frame (RFC 6455 5.1)")
            self.inner.feed_eof()
            if self.transport is not None and not self.transport.is_closing():
                self.transport.write(close_frame())
                self.transport.close()
            return True, b""
        return self.inner.feed_data(data)

    def feed_eof(self) -> None:
        if not self.refused:
            self.inner.feed_eof()


def require_masked_frames(request: Any) -> None:
    """Put the check in front of the parser aiohttp installed for ``request``'s WebSocket."""
    protocol = request.protocol
    parser = getattr(protocol, "_payload_parser", None)
    if parser is not None and not isinstance(parser, MaskedFramesOnly):
        protocol._payload_parser = MaskedFramesOnly(parser, request.transport)
