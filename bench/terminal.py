"""The real terminal for benchmarks: throwaway user folders, the window (offscreen) on the
default workspace, logged in to an exchange that runs in another process."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def throwaway_dirs() -> Path:
    """Config, data, cache and log folders in a new temp folder (LSTERM_* point there)."""
    tmp = Path(tempfile.mkdtemp(prefix="lsterm-bench-"))
    for env, sub in (("LSTERM_CONFIG_DIR", "cfg"), ("LSTERM_DATA_DIR", "data"), ("LSTERM_CACHE_DIR", "cache"),
                     ("LSTERM_LOG_DIR", "log")):
        os.environ[env] = str(tmp / sub)
    return tmp


async def open_terminal(endpoints: Any, size: tuple[int, int] = (1600, 1000)) -> Any:
    """A Shell on the default workspace, shown and logged in to `endpoints` (demo mode);
    SystemExit if the login fails. The caller shuts it down."""
    from app.trading.session import Mode
    from app.ui.shell import Shell

    async def exchange() -> Any:
        return endpoints

    shell = Shell(throwaway_dirs() / "cfg", start_exchange=exchange, lang="en")
    shell.restore_workspace()
    shell.window.resize(*size)
    shell.window.show()
    result = await shell.start(Mode.DEMO)
    if not result.ok:
        await shell.shutdown()
        raise SystemExit(f"login failed: {result.message}")
    return shell
