#!/usr/bin/env bash
# Refresh the Korean .ts from the sources (keeps existing translations, fills new ones from
# resources/i18n/ko/*.tsv), then compile the .qm. See tools/i18n.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python tools/i18n.py "$@"
