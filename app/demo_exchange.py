"""The demo's embedded exchange in a process of its own, started as the terminal starts.

On one process the exchange's start (its imports, the TR models, the market's history) and then
every step of its market ran on the terminal's GIL: on two cores the window waited about a second
for the exchange after it was shown, and the market's steps competed with the screen. A child
process runs on the other core from the first instant: it is started before Qt is imported, and
its seconds of start overlap the terminal's own. A child that dies while it serves is started
again on the same port (at most RESTARTS times a minute), with the same accounts: the terminal's
clients reconnect to it as to a network blip.

The child is this program again (`python -m app --serve-exchange`, or the frozen binary with the
same flag). It prints one JSON line when it serves (its loopback URLs, and under "accounts" the
notice of a damaged accounts file it kept aside, app/sim/broker/recovery.py), or one that says why
it would not start ("failed": its accounts file in use by another exchange), then answers one JSON
line per command read from its stdin (`reset`, `fault NAME VALUE`); at the end of its stdin (the
terminal closed it, or died) it stops. Its log lines come over its stderr into the terminal's log.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

log = logging.getLogger("lsterm.exchange")

FLAG = "--serve-exchange"
STOP_WAIT_S = 5.0
RESTARTS = 3  # unexpected ends started again within a minute; one more and it stays down
# The child runs a little below the terminal's priority: where no core is free, the window and its
# panels come first (its start otherwise delayed the window by up to a second on two busy cores);
# with a core to spare, as on most desktops, it changes nothing.
NICE = 5
# Modules the exchange's threads would otherwise import for the first time while they run (numpy's
# random generators for the price history, sqlite for the accounts): imported before those threads
# start, so no module is ever imported by two threads at once (also app.main.load_exchange).
RUNTIME_IMPORTS = ("numpy.random", "sqlite3")
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING,
          "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


class LaunchError(RuntimeError):
    """The child ended before it ran the exchange's code at all (this program cannot start itself
    here): the exchange may still run in this process."""


class Refused(RuntimeError):
    """The child would not start, for a reason it put in a notice (app/sim/broker/recovery.py; the
    demo's accounts in use by another exchange): ``notice`` for the terminal to word it."""

    def __init__(self, message: str, notice: dict):
        super().__init__(message)
        self.notice = notice


def command_line(seed: int, db_path: Path | None, port: int = 0) -> list[str]:
    """How to start the child: this interpreter on the app package, or the frozen binary itself."""
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app"]
    out = base + [FLAG, "--seed", str(seed)]
    if db_path is not None:
        out += ["--db", str(db_path)]
    if port:
        out += ["--port", str(port)]
    return out


class ExchangeProcess:
    """The embedded exchange as the terminal runs it: `spawn()` starts the child (at once, in
    demo mode), `start()` waits until it serves and returns its endpoints (starting it, or
    starting it again after a failed attempt), `reset_accounts()` and `set_fault()` are commands
    to it, `stop()` ends it."""

    def __init__(self, seed: int, db_path: Path | None):
        self.seed, self.db_path = seed, db_path
        self.proc: subprocess.Popen | None = None
        self._ready: concurrent.futures.Future = concurrent.futures.Future()
        self._replies: deque[concurrent.futures.Future] = deque()
        self._stderr: deque[str] = deque(maxlen=40)  # the last lines, for a failure's message
        self._lock = threading.Lock()  # commands are written and answered in order
        self._spawn_lock = threading.RLock()  # (the reader thread restarts a dead child)
        self._cmd_lock: asyncio.Lock | None = None
        self._stopping = False
        self.port = 0  # where it served: a restart serves there again
        self.restarts: deque[float] = deque()  # when it was started again (monotonic)
        self._reached = False  # the child's own code spoke (a log line or its URLs)
        self._refusal: dict | None = None  # why the child would not start (its "failed" line)
        self._notice: dict | None = None  # what the last start did to the demo's accounts file

    # ---- the child ----
    def spawn(self, port: int = 0) -> None:
        """Start the child unless it runs (or a start is under way)."""
        with self._spawn_lock:
            if self.proc is not None and self.proc.poll() is None:
                return
            self._stopping = False
            self._spawn(port)

    def _spawn(self, port: int) -> None:
        self._ready = concurrent.futures.Future()
        self._reached = False
        self._refusal = None
        self._replies.clear()
        self._stderr.clear()
        # (Windows: no console for a GUI app, and the priority NICE gives elsewhere)
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        try:
            proc = subprocess.Popen(command_line(self.seed, self.db_path, port), stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    encoding="utf-8", errors="replace", bufsize=1, env=env,
                                    creationflags=flags)
        except OSError as exc:
            self.proc = None
            self._ready.set_exception(LaunchError(f"the embedded exchange could not be started: {exc}"))
            return
        self.proc = proc
        err = threading.Thread(target=self._read_err, args=(proc,), name="exchange-err", daemon=True)
        err.start()
        threading.Thread(target=self._read_out, args=(proc, err), name="exchange-out", daemon=True).start()

    def _read_out(self, proc: subprocess.Popen, err_reader: threading.Thread) -> None:
        ready = self._ready
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                log.warning("embedded exchange: unexpected output %r", line.strip()[:200])
                continue
            self._reached = True
            if not ready.done():
                if "rest" in msg and "ws" in msg:
                    self.port = int(msg.get("port") or 0)
                    self._notice = msg.get("accounts") or None
                    ready.set_result(msg)
                elif isinstance(msg.get("failed"), dict):
                    self._refusal = msg["failed"]
                continue
            with self._lock:
                waiter = self._replies.popleft() if self._replies else None
            if waiter is not None and not waiter.done():
                waiter.set_result(msg)
        code = proc.wait()
        err_reader.join(2.0)  # its last lines: the reason, and whether its own code ran
        if self._refusal is not None:
            err: Exception = Refused(self._failure(code), self._refusal)
        else:
            err = (RuntimeError if self._reached else LaunchError)(self._failure(code))
        served = ready.done() and ready.exception() is None
        if not ready.done():
            ready.set_exception(err)
        with self._lock:
            waiting, self._replies = list(self._replies), deque()
        for waiter in waiting:
            if not waiter.done():
                waiter.set_exception(err)
        with self._spawn_lock:
            if served and not self._stopping and proc is self.proc:
                self._restart(err)

    def _restart(self, err: Exception) -> None:
        """It died while it served: start it again on its port, unless it keeps dying."""
        now = time.monotonic()
        while self.restarts and now - self.restarts[0] > 60:
            self.restarts.popleft()
        if len(self.restarts) >= RESTARTS or not self.port:
            log.error("%s; it ended %d times within a minute and is not started again", err, len(self.restarts) + 1)
            return
        self.restarts.append(now)
        log.warning("%s; starting it again on port %d", err, self.port)
        self._spawn(self.port)

    def _read_err(self, proc: subprocess.Popen) -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            line = line.rstrip()
            if not line:
                continue
            self._stderr.append(line)
            level, _, rest = line.partition(" ")
            if level in LEVELS:
                self._reached = True
                name, _, text = rest.partition(": ")
                logging.getLogger(name or "app.sim").log(LEVELS[level], "%s", text)
            else:  # a traceback's lines, or an interpreter's complaint
                log.warning("embedded exchange: %s", line)

    def _failure(self, code: int | None) -> str:
        lines = [ln for ln in self._stderr if ln.strip()]
        why = next((ln for ln in reversed(lines) if not ln.startswith((" ", "Traceback"))), "")
        return f"the embedded exchange stopped (exit code {code})" + (f": {why}" if why else "")

    # ---- the terminal's side ----
    async def start(self) -> Any:
        """The exchange's endpoints, once it serves."""
        from app.ls.config import Endpoints

        if self._ready.done() and self._ready.exception() is not None:
            self.proc = None  # a failed start is forgotten: this one tries again
        self.spawn()
        urls = await asyncio.wrap_future(self._ready)
        log.info("embedded exchange serving at %s (process %s)", urls["rest"], self.proc.pid if self.proc else "?")
        return Endpoints(urls["rest"], urls["ws"], "local")

    def take_notice(self) -> dict | None:
        """What the last start did to the demo's accounts file (kept a damaged one aside ...), once."""
        notice, self._notice = self._notice, None
        return notice

    async def command(self, *words: str) -> dict:
        """Send one command; its answer (a dict; an error answer raises RuntimeError). Starts the
        exchange if it was not yet; one that died is not started again behind the terminal's back
        (its clients hold its old port): that is an error."""
        if self.proc is None:
            await self.start()
        else:
            await asyncio.wrap_future(self._ready)
        if self._cmd_lock is None:
            self._cmd_lock = asyncio.Lock()
        async with self._cmd_lock:
            proc = self.proc
            if proc is None or proc.stdin is None or proc.poll() is not None:
                code = proc.poll() if proc is not None else None
                raise RuntimeError(f"the embedded exchange is not running (exit code {code})")
            waiter: concurrent.futures.Future = concurrent.futures.Future()
            with self._lock:
                self._replies.append(waiter)
            try:
                proc.stdin.write(" ".join(words) + "\n")
                proc.stdin.flush()
            except OSError as exc:
                raise RuntimeError(f"the embedded exchange is not running: {exc}") from exc
            reply = await asyncio.wait_for(asyncio.wrap_future(waiter), 30)
        if "error" in reply:
            raise RuntimeError(f"the embedded exchange refused {words[0]!r}: {reply['error']}")
        return reply

    async def reset_accounts(self) -> None:
        """Every demo account back to its starting balance."""
        await self.command("reset")

    async def set_fault(self, name: str, value: float) -> None:
        """A fault of the exchange (app.sim.faults.Faults), e.g. ``reject_rate`` 1.0."""
        await self.command("fault", name, repr(float(value)))

    async def stop(self) -> None:
        """End the child: its stdin closed, it stops its server and exits (killed if it hangs)."""
        with self._spawn_lock:
            self._stopping = True
            proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
        except OSError:
            pass
        try:
            await asyncio.to_thread(proc.wait, STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            log.warning("embedded exchange did not stop within %.0f s: killed", STOP_WAIT_S)
            proc.kill()
            await asyncio.to_thread(proc.wait)


# ---- the child process ----
def serve(seed: int, db: str | None, port: int = 0) -> int:
    """`lsterm --serve-exchange`: run the exchange until stdin ends."""
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if hasattr(os, "nice"):  # (Windows: a below-normal priority class from the terminal's Popen)
        os.nice(NICE)
    try:
        asyncio.run(_serve(seed, Path(db) if db else None, port))
    except Exception as exc:  # noqa: BLE001 - the terminal shows the last line
        notice = getattr(exc, "notice", None)  # (a StoreError: another exchange has the accounts)
        if notice:
            logging.getLogger("app.sim").error("the embedded exchange did not start: %s", exc)
            print(json.dumps({"failed": notice}), flush=True)
            return 1
        logging.getLogger("app.sim").exception("the embedded exchange failed: %s", exc)
        return 1
    return 0


def warm_market(seed: int) -> threading.Thread | None:
    """Generate the market's history on a thread while the caller imports the server (numpy leaves
    the GIL for most of it; ~0.3 s of the exchange's start). Everything that thread uses is
    imported here first: two threads must never import at once."""
    try:
        import datetime
        import importlib

        for name in RUNTIME_IMPORTS:
            importlib.import_module(name)
        from app.sim.clock import zone_of
        from app.sim.instruments import build_master
        from app.sim.market import warm_history
    except ImportError:
        return None
    for exchange in {inst.exchange for inst in build_master(datetime.date.today())}:
        zone_of(exchange)

    def run() -> None:
        try:
            warm_history(seed)
        except Exception:  # the Market makes it itself then
            logging.getLogger("app.sim").warning("the market's history could not be prepared ahead", exc_info=True)

    thread = threading.Thread(target=run, name="exchange-history", daemon=True)
    thread.start()
    return thread


async def _serve(seed: int, db_path: Path | None, port: int = 0) -> None:
    warm = warm_market(seed)
    from app.sim.exchange import start_exchange

    if warm is not None:
        await asyncio.to_thread(warm.join)
    ex = await start_exchange(seed=seed, db_path=db_path, port=port, keep_damaged_db=True)
    notice = getattr(ex.broker, "db_notice", None)  # a damaged accounts file kept aside ...
    print(json.dumps({"rest": ex.rest_url, "ws": ex.ws_url, "port": ex.port, "accounts": notice}), flush=True)
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:  # the end of stdin (closed by the terminal, or the terminal gone) stops it
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, name="exchange-stdin", daemon=True).start()
    try:
        while (line := await lines.get()) is not None:
            print(json.dumps(_command(ex, line.split())), flush=True)
    finally:
        await ex.stop()


def _command(ex: Any, words: list[str]) -> dict:
    try:
        if words == ["reset"]:
            ex.broker.reset_all()
            return {"ok": "reset"}
        if len(words) == 3 and words[0] == "fault":
            name, value = words[1], float(words[2])
            if name.startswith("_") or not isinstance(getattr(ex.faults, name, None), (int, float)):
                return {"error": f"no fault named {name!r}"}  # (a value, never one of its methods)
            setattr(ex.faults, name, value)
            return {"ok": "fault"}
        return {"error": f"unknown command {' '.join(words)[:80]!r}"}
    except Exception as exc:  # noqa: BLE001 - answered, the exchange goes on
        return {"error": f"{type(exc).__name__}: {exc}"}
