"""The frozen app's entry point (PyInstaller needs a script): `lsterm [--self-test] ...`."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
