#!/usr/bin/env bash
# Run the test suite with the clock moved to another moment (libfaketime), to find what breaks at
# times CI has not run at yet: New York or Korean midnight, a weekend, the CME evening open, a
# contract's expiry, daylight saving, a later year.
#
#     tools/clock_sweep.sh "2026-12-18 14:28:00 UTC" [pytest arguments...]
#
# Every process of the run (the suite's subprocesses and exchanges too) sees the same offset from
# the real clock, so the moment moves on as the run does. redis-server is started at the real
# clock (it cannot start under libfaketime): the one test that compares the client's clock with
# the server's (tests/ls/test_ratelimit_redis.py::test_two_processes_never_exceed_the_shared_limit)
# fails for that reason alone. Needs the Debian package faketime. Network: none beyond 127.0.0.1.
#
# Found with it (session 17): contracts named in tests that the exchange stops listing when they
# expire, dates read at import, a token outliving the test's clock advance, a premium priced at the
# wrong price, chart windows from the doc's year falling out of the exchange's history.
set -euo pipefail
cd "$(dirname "$0")/.."

when="${1:?usage: tools/clock_sweep.sh \"YYYY-MM-DD HH:MM:SS UTC\" [pytest arguments...]}"
shift
lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$lib" ] || { echo "libfaketime is not installed (Debian: apt install faketime)" >&2; exit 2; }
offset=$(( $(date -d "$when" +%s) - $(date +%s) ))
[ "$offset" -ge 0 ] && offset="+$offset"

# redis-server at the real clock: a wrapper first on the PATH (the suite finds it with `which`)
shim="$(mktemp -d)"
trap 'rm -rf "$shim"' EXIT
real_redis="$(command -v redis-server)"
printf '#!/bin/sh\nunset LD_PRELOAD FAKETIME\nexec %s "$@"\n' "$real_redis" > "$shim/redis-server"
chmod +x "$shim/redis-server"

echo "clock moved by ${offset} s: the run starts at $(date -u -d "@$(( $(date +%s) + offset ))")"
# (monotonic time is moved too: with FAKETIME_DONT_FAKE_MONOTONIC, Python's sleep fails with EINVAL)
PATH="$shim:$PATH" LD_PRELOAD="$lib" FAKETIME="$offset" QT_QPA_PLATFORM=offscreen \
  .venv/bin/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile "$@"
