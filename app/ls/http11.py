"""A lean HTTP/1.1 keep-alive transport for httpx, built for many small JSON calls to one host.

httpx's default transport (httpcore + h11 + anyio) spends about 0.5 ms of CPU per request,
which is most of a TR call's cost on a LAN or loopback (bench/rest_overhead.py). This one
speaks plain HTTP/1.1 over asyncio streams: requests are written in one go, answers are read
by Content-Length or chunked encoding, idle connections are reused. It never re-sends a
request once any byte has been written, so an order can't be duplicated by a retry here.
Set ``LSTERM_HTTP_TRANSPORT=httpcore`` to fall back to httpx's own transport.
"""

from __future__ import annotations

import asyncio
import select
import ssl
import time
from collections import defaultdict

import httpx

_MAX_HEADER = 64 * 1024
MAX_BODY = 64 * 1024 * 1024  # the largest LS answer is a few MB; a runaway server is refused


class _Conn:
    __slots__ = ("reader", "writer", "idle_since")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer
        self.idle_since = time.monotonic()

    def usable(self, idle_limit: float) -> bool:
        if (self.writer.is_closing() or self.reader.at_eof()
                or time.monotonic() - self.idle_since >= idle_limit):
            return False
        # An idle connection has nothing to read. If the socket is readable, the server closed
        # it (or sent junk) and the loop has not noticed yet: reusing it would fail the request.
        return not _readable(self.writer.get_extra_info("socket"))

    def close(self) -> None:
        try:
            self.writer.close()
        except Exception:
            pass


def _readable(sock) -> bool:
    if sock is None:
        return False
    try:
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True  # cannot tell: do not trust it


class FastHTTP11Transport(httpx.AsyncBaseTransport):
    def __init__(self, ssl_context: ssl.SSLContext | None = None, *, max_idle_per_host: int = 8,
                 idle_limit: float = 20.0):
        self._ssl = ssl_context
        self._idle: dict[tuple, list[_Conn]] = defaultdict(list)
        self._max_idle = max_idle_per_host
        self._idle_limit = idle_limit  # below common server keep-alive timeouts

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        secure = url.scheme == "https"
        key = (url.scheme, url.host, url.port or (443 if secure else 80))
        timeouts = request.extensions.get("timeout") or {}
        conn = self._take(key) or await self._connect(key, secure, timeouts.get("connect"))
        body = request.content if isinstance(request.stream, httpx.ByteStream) else await request.aread()
        head = [f"{request.method} {url.raw_path.decode('ascii')} HTTP/1.1\r\n".encode()]
        for name, value in request.headers.raw:
            head.append(name + b": " + value + b"\r\n")
        head.append(b"\r\n")
        try:
            conn.writer.write(b"".join(head) + body)
            await _with_timeout(conn.writer.drain(), timeouts.get("write"), httpx.WriteTimeout)
            status, headers, content, keep = await _with_timeout(
                _read_response(conn.reader, request.method), timeouts.get("read"), httpx.ReadTimeout)
        except httpx.TimeoutException:
            conn.close()
            raise
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            conn.close()
            raise httpx.RemoteProtocolError(f"connection lost during the request: {type(exc).__name__}",
                                            request=request) from None
        if keep:
            self._give(key, conn)
        else:
            conn.close()
        return httpx.Response(status, headers=headers, content=content,
                              extensions={"http_version": b"HTTP/1.1"})

    def _take(self, key: tuple) -> _Conn | None:
        pool = self._idle.get(key)
        while pool:
            conn = pool.pop()
            if conn.usable(self._idle_limit):
                return conn
            conn.close()
        return None

    def _give(self, key: tuple, conn: _Conn) -> None:
        pool = self._idle[key]
        if len(pool) >= self._max_idle:
            conn.close()
            return
        conn.idle_since = time.monotonic()
        pool.append(conn)

    async def _connect(self, key: tuple, secure: bool, timeout: float | None) -> _Conn:
        _, host, port = key
        ctx = None
        if secure:
            ctx = self._ssl or ssl.create_default_context()
        try:
            reader, writer = await _with_timeout(
                asyncio.open_connection(host, port, ssl=ctx, server_hostname=host if secure else None,
                                        limit=_MAX_HEADER * 4),
                timeout, httpx.ConnectTimeout)
        except OSError as exc:
            raise httpx.ConnectError(f"cannot connect to {host}:{port}: {exc.strerror or exc}") from None
        return _Conn(reader, writer)

    async def aclose(self) -> None:
        for pool in self._idle.values():
            for conn in pool:
                conn.close()
        self._idle.clear()


async def _with_timeout(awaitable, seconds: float | None, exc_type: type[httpx.TimeoutException]):
    if seconds is None:
        return await awaitable
    try:
        async with asyncio.timeout(seconds):
            return await awaitable
    except TimeoutError:
        raise exc_type(f"timed out after {seconds} s") from None


async def _read_response(reader: asyncio.StreamReader, method: str):
    """Status, headers, body and whether the connection may be reused."""
    while True:
        raw = await reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise ValueError("not an HTTP/1.x answer")
        status = int(parts[1])
        if not 100 <= status < 200 or status == 101:
            break  # interim answers (100 Continue, 103 Early Hints) precede the real one
    headers: list[tuple[str, str]] = []
    length = None
    chunked = False
    close = parts[0] == "HTTP/1.0"
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        value = value.strip()
        headers.append((name, value))
        lname = name.lower()
        if lname == "content-length":
            length = int(value)
            if length < 0 or length > MAX_BODY:
                raise ValueError(f"answer of {length} bytes refused (limit {MAX_BODY})")
        elif lname == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif lname == "connection":
            close = "close" in {token.strip().lower() for token in value.split(",")}
    if method == "HEAD" or status in (204, 304):
        return status, headers, b"", not close
    if chunked:
        body = await _read_chunked(reader)
        headers = [(n, v) for n, v in headers if n.lower() != "transfer-encoding"]
    elif length is not None:
        body = await reader.readexactly(length)
    else:
        body = await reader.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            raise ValueError(f"answer over {MAX_BODY} bytes refused")
        close = True
    return status, headers, body, not close


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    total = 0
    while True:
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";")[0].strip(), 16)
        total += size
        if total > MAX_BODY:
            raise ValueError(f"answer over {MAX_BODY} bytes refused")
        if size == 0:
            while (await reader.readuntil(b"\r\n")) != b"\r\n":
                pass  # trailers
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
