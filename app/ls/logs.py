"""Logging for the client core, with app keys, secrets and tokens scrubbed from every record.

Scrubbing happens where records are made (a wrapped log-record factory), so no handler, library
logger (websockets logs whole frames, tokens included) or formatter can let a secret through.
"""

from __future__ import annotations

import logging
import re
import threading

log = logging.getLogger("app.ls")

# Field names whose value is a secret: keys, tokens and every account password field LS has
# (InptPwd, AcntPwd, Pwd, sPwd, ...).
_NAMES = r"(?:token|access_token|appkey|appsecretkey|appsecret|secret|password|passwd|\w*pwd)"

_PATTERNS = [
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
    (re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), "***"),
    # JSON: "name": "value" or "name": 1234
    (re.compile(rf"""(?i)("{_NAMES}"\s*:\s*)(?:"[^"]*"?|[^\s,}}\]]+)"""), r'\1"***"'),
    # form bodies and reprs: name=value, name='value', name="value"
    (re.compile(rf"""(?i)\b({_NAMES}=)(?:'[^']*'?|"[^"]*"?|[^&\s,;)]+)"""), r"\1***"),
]

_secrets: set[str] = set()
_lock = threading.Lock()
_installed = False


def register_secret(value: str | None) -> None:
    """Remember a value that must never appear in a log line (keys, secrets, tokens)."""
    if value and len(value) >= 6:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every registered secret and anything token-shaped replaced by ***."""
    if _secrets:
        for secret in tuple(_secrets):
            if secret in text:
                text = text.replace(secret, "***")
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


def install_redaction() -> None:
    """Scrub every log record created in this process from now on (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is the caller's bug; keep the raw text
            message = str(record.msg)
        clean = redact(message)
        record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)


class RedactingFilter(logging.Filter):
    """A handler filter doing the same, for handlers made before install_redaction()."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        return True


install_redaction()
