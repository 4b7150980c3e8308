"""`python -m app`: start lsterm."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())  # the exit code matters: --self-test fails with 1
