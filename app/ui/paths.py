"""Where lsterm keeps its files: config, data, cache and log dirs (platformdirs; overridable for tests) and resources."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

APP = "lsterm"
log = logging.getLogger(__name__)


def _user_dir(env: str, kind: str) -> Path:
    """``$env`` if set (tests, portable installs), else platformdirs' user ``kind`` dir; created."""
    override = os.environ.get(env)
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))
    if path.exists() and not path.is_dir():  # a file in the folder's place: the start failed on it
        kept = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(kept)
            log.warning("%s was a file, not a folder: kept as %s, the folder made anew", path, kept.name)
        except OSError as exc:
            log.warning("%s is a file, not a folder, and could not be moved aside: %s", path, exc)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _user_dir("LSTERM_CONFIG_DIR", "config")


def log_dir() -> Path:
    return _user_dir("LSTERM_LOG_DIR", "log")


def data_dir() -> Path:
    return _user_dir("LSTERM_DATA_DIR", "data")


def cache_dir() -> Path:
    return _user_dir("LSTERM_CACHE_DIR", "cache")


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
