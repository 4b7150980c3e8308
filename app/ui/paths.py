"""Where lsterm keeps its files: config, data, cache and log dirs (platformdirs; overridable for tests) and resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "lsterm"


def _user_dir(env: str, kind: str) -> Path:
    """``$env`` if set (tests, portable installs), else platformdirs' user ``kind`` dir; created."""
    override = os.environ.get(env)
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))
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
