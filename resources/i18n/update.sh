#!/usr/bin/env bash
# Refresh the Korean .ts from the sources (keeps existing translations), then compile the .qm.
# Translate new entries with pyside6-linguist (or by editing the .ts) before releasing.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/pyside6-lupdate -no-obsolete app/ui/*.py app/ui/panels/*.py -ts resources/i18n/lsterm_ko.ts
.venv/bin/pyside6-lrelease resources/i18n/lsterm_ko.ts -qm resources/i18n/lsterm_ko.qm
