"""A websockets client connection that hands complete text frames straight to the session.

``websockets`` queues every incoming message for ``recv()``; a session that reads tens of
thousands of small frames a second spends a large share of its time in that queue and the
task wake-ups around it. ``process_event`` is the documented hook subclasses override, so
this subclass gives unfragmented text frames to ``on_text`` as soon as the protocol has
parsed them, in order, and leaves everything else (binary, fragmented, control frames, the
handshake) to the normal path, which the session still drains with ``recv()``.
"""

from __future__ import annotations

from collections.abc import Callable

from websockets.asyncio.client import ClientConnection
from websockets.frames import Frame, Opcode

_TEXT = Opcode.TEXT


class PushConnection(ClientConnection):
    on_text: Callable[[bytes], None] | None = None

    def process_event(self, event) -> None:
        on_text = self.on_text
        if on_text is not None and type(event) is Frame and event.opcode is _TEXT and event.fin:
            on_text(event.data)  # the session catches and logs its own errors
            return
        super().process_event(event)
