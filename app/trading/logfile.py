"""Process-wide logging: secrets scrubbed from every record, and a rotating file in the log dir."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

_FALLBACK = [
    (re.compile(r"""(?i)("(?:token|access_token|appkey|appsecretkey|appsecret|secret|password)"\s*:\s*")[^"]*"""), r"\1***"),
    (re.compile(r"""(?i)\b((?:token|access_token|appkey|appsecretkey|appsecret|secret|password)=)[^&\s,;]+"""), r"\1***"),
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
]
_fallback_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a key, secret or token so no log line shows it (here and in the client core)."""
    if value and len(value) >= 6:
        _fallback_secrets.add(value)
    try:
        from app.ls.logs import register_secret as core_register
    except ImportError:
        return
    core_register(value)


def redact(text: str) -> str:
    """Scrub secrets; uses the client core's scrubber too once it is loaded (never imports it:
    importing the whole client core here would slow the first window)."""
    for s in _fallback_secrets:
        text = text.replace(s, "***")
    for pattern, repl in _FALLBACK:
        text = pattern.sub(repl, text)
    core = sys.modules.get("app.ls.logs")
    return core.redact(text) if core is not None else text


def install_core_redaction() -> None:
    """Scrub records at creation as well (catches library loggers); call once the core is loaded."""
    try:
        from app.ls.logs import install_redaction
    except ImportError:
        return
    install_redaction()


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def setup_logging(log_dir: Path | None, level: int = logging.INFO,
                  extra: list[logging.Handler] = ()) -> Path | None:
    """Install a scrubbing filter, a rotating file (2 MB × 5) and any extra handlers on the root logger."""
    root = logging.getLogger()
    root.setLevel(min(level, logging.DEBUG))
    scrub = RedactFilter()
    path = None
    if log_dir is not None:
        path = Path(log_dir) / "lsterm.log"
        fh = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                  encoding="utf-8", delay=True)
        fh.setFormatter(logging.Formatter(FORMAT))
        fh.setLevel(level)
        fh.addFilter(scrub)
        root.addHandler(fh)
    for h in extra:
        h.addFilter(scrub)
        root.addHandler(h)
    for noisy in ("httpx", "httpcore", "websockets", "aiohttp.access", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
