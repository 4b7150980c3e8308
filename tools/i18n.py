"""Refresh the Korean translation: lupdate over the UI sources, fill new entries from the
per-area TSV files in resources/i18n/ko/, then compile the .qm.

Each area of the UI keeps its Korean strings in its own TSV (`context<TAB>English<TAB>Korean`,
one message a line, `#` for comments), so several people can add strings at once without
editing the .ts by hand. Translations already in the .ts are kept; a TSV line wins over them.

    .venv/bin/python tools/i18n.py          # update .ts and .qm
    .venv/bin/python tools/i18n.py --check  # list messages with no Korean translation; exit 1 if any
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TS = I18N / "lsterm_ko.ts"
QM = I18N / "lsterm_ko.qm"
BIN = Path(sys.executable).parent


def read_tsv() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for tsv in sorted((I18N / "ko").glob("*.tsv")):
        for n, line in enumerate(tsv.read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{tsv.name}:{n}: want context<TAB>English<TAB>Korean, got {len(parts)} fields")
            ctx, src, ko = (p.replace("\\n", "\n").replace("\\t", "\t") for p in parts)
            table[(ctx, src)] = ko
    return table


def sources() -> list[str]:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))
    return files


def lupdate() -> None:
    subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", *sources(), "-ts", str(TS)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def fill(table: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    tree = ET.parse(TS)
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            ko = table.get((name, src))
            if ko is not None:
                tr.text = ko
                tr.attrib.pop("type", None)
            elif not (tr.text or "").strip():
                missing.append((name, src))
    ET.indent(tree, "    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8")
    return missing


def release(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm` through a new file put in place at once: lrelease rewrites its output
    in place, and a running lsterm reads the .qm it loaded through a memory map, so its Korean
    turned to English (or worse) mid-session whenever the translation was refreshed."""
    tmp = qm.with_name(qm.name + ".tmp")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(tmp)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    os.replace(tmp, qm)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report untranslated messages")
    args = ap.parse_args()
    lupdate()
    missing = fill(read_tsv())
    lupdate()  # once more, so the file keeps lupdate's own layout (small diffs)
    release(TS, QM)
    for ctx, src in missing:
        print(f"untranslated: {ctx}\t{src!r}")
    return 1 if (args.check and missing) else 0


if __name__ == "__main__":
    sys.exit(main())
