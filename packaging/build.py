"""Build this platform's lsterm artefact with one command (locally and in CI).

    .venv/bin/python packaging/build.py [--self-test] [--out dist]

Makes the icons, runs PyInstaller on packaging/lsterm.spec (one folder, windowed), then:
  Linux    dist/lsterm-<version>-linux-<arch>.tar.gz  (the folder, lsterm.desktop, icon, install.sh)
  Windows  dist/lsterm-<version>-windows-x86_64-portable.zip, and the Inno Setup installer
           dist/lsterm-<version>-windows-x86_64-setup.exe when iscc is installed
  macOS    dist/lsterm.app in dist/lsterm-<version>-macos-<arch>.dmg (with an Applications link);
           signed when MACOS_SIGN_IDENTITY is set, notarised when APPLE_ID, APPLE_TEAM_ID and
           APPLE_APP_PASSWORD are set too — otherwise it says those steps were skipped.
--self-test runs the frozen app's own self-test (`lsterm --self-test`) before packing.
Needs the packaging extra: pip install -e ".[packaging]" (./run setup installs it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bundle  # noqa: E402
from icons import make_icons  # noqa: E402

ROOT = bundle.ROOT


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def run(cmd: list[str], **kw) -> None:
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def pyinstaller(out: Path, work: Path, icon_dir: Path) -> Path:
    env = dict(os.environ, LSTERM_ICON_DIR=str(icon_dir))
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", out, "--workpath", work / "pyinstaller", HERE / "lsterm.spec"], env=env, cwd=ROOT)
    return out / ("lsterm.app" if sys.platform == "darwin" else "lsterm")


def executable(app: Path) -> Path:
    if sys.platform == "darwin":
        return app / "Contents" / "MacOS" / "lsterm"
    return app / ("lsterm.exe" if sys.platform == "win32" else "lsterm")


def self_test(app: Path, timeout: float = 300) -> None:
    """The frozen app's self-test; its one line is printed, a failure stops the build."""
    exe = executable(app)
    say(f"self-test of the frozen app: {exe} --self-test")
    t0 = time.monotonic()
    out = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True, timeout=timeout,
                         encoding="utf-8", errors="replace")
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("lsterm self-test")]
    print(lines[-1] if lines else "(the frozen app printed no self-test line)", flush=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"[build] the frozen self-test FAILED (exit {out.returncode})")
    say(f"frozen self-test passed in {time.monotonic() - t0:.1f} s")


def size_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


# ---- per platform ---------------------------------------------------------------------------
def linux(app: Path, out: Path, meta: dict, icons: dict) -> list[Path]:
    top = f"lsterm-{meta['version']}"
    target = out / f"{top}-{bundle.platform_tag()}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:  # 9: 4x the time for 0.5 % less
        tar.add(app, arcname=f"{top}/lsterm")
        tar.add(HERE / "linux" / "lsterm.desktop", arcname=f"{top}/lsterm.desktop")
        tar.add(HERE / "linux" / "install.sh", arcname=f"{top}/install.sh")
        tar.add(icons["png"], arcname=f"{top}/lsterm.png")
    return [target]


def windows(app: Path, out: Path, meta: dict, icons: dict) -> list[Path]:
    made = []
    portable = out / f"lsterm-{meta['version']}-{bundle.platform_tag()}-portable.zip"
    with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(app.rglob("*")):
            if f.is_file():
                z.write(f, Path("lsterm") / f.relative_to(app))
    made.append(portable)
    iscc = shutil.which("iscc") or next((str(p) for p in (
        Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "Inno Setup 6" / "ISCC.exe") if p.is_file()), None)
    if iscc is None:
        say("Inno Setup installer SKIPPED: iscc not found (install Inno Setup 6; CI does)")
        return made
    run([iscc, f"/DAppVersion={meta['version']}", f"/DSourceDir={app}", f"/DOutputDir={out}",
         f"/DIconFile={icons['ico']}", HERE / "windows" / "lsterm.iss"])
    made.append(out / f"lsterm-{meta['version']}-windows-x86_64-setup.exe")
    return made


def macos(app: Path, out: Path, meta: dict, icons: dict) -> list[Path]:
    identity = os.environ.get("MACOS_SIGN_IDENTITY", "")
    if identity:
        run(["codesign", "--force", "--deep", "--timestamp", "--options", "runtime",
             "--entitlements", HERE / "macos" / "entitlements.plist", "--sign", identity, app])
        run(["codesign", "--verify", "--strict", "--verbose=2", app])
    else:
        say("signing SKIPPED: MACOS_SIGN_IDENTITY is not set (the app is ad-hoc signed by PyInstaller)")
    dmg = out / f"lsterm-{meta['version']}-{bundle.platform_tag()}.dmg"
    stage = out / "dmg-stage"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    run(["ditto", app, stage / app.name])  # ditto keeps the bundle's symlinks and signatures
    (stage / "Applications").symlink_to("/Applications")
    dmg.unlink(missing_ok=True)
    run(["hdiutil", "create", "-volname", f"lsterm {meta['version']}", "-srcfolder", stage,
         "-fs", "HFS+", "-format", "UDZO", "-ov", dmg])
    shutil.rmtree(stage, ignore_errors=True)
    if identity:
        run(["codesign", "--force", "--timestamp", "--sign", identity, dmg])
    secrets = [os.environ.get(k, "") for k in ("APPLE_ID", "APPLE_TEAM_ID", "APPLE_APP_PASSWORD")]
    if identity and all(secrets):
        apple_id, team, password = secrets
        run(["xcrun", "notarytool", "submit", dmg, "--apple-id", apple_id, "--team-id", team,
             "--password", password, "--wait"])  # the password goes on the command line, never to a log
        run(["xcrun", "stapler", "staple", dmg])
    else:
        say("notarisation SKIPPED: needs MACOS_SIGN_IDENTITY, APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD")
    return [dmg]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "dist", help="where the artefacts go (default: dist/)")
    ap.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default: build/)")
    ap.add_argument("--self-test", action="store_true", help="run the frozen app's self-test before packing")
    args = ap.parse_args(argv)
    import importlib.util

    missing = [m for m in ("PyInstaller", "PIL") if importlib.util.find_spec(m) is None]
    if missing:
        raise SystemExit(f"[build] {', '.join(missing)} not installed: pip install -e \".[packaging]\" "
                         "(./run setup installs it)")
    meta = bundle.metadata()
    out, work = args.out.resolve(), args.work.resolve()
    out.mkdir(parents=True, exist_ok=True)
    say(f"{meta['name']} {meta['version']} for {bundle.platform_tag()}")
    t0 = time.monotonic()
    icons = make_icons(work / "icons")
    app = pyinstaller(out, work, work / "icons")
    built = time.monotonic() - t0
    say(f"frozen app: {app} ({size_mib(app):.0f} MiB unpacked) in {built:.0f} s")
    if args.self_test:
        self_test(app)
    pack = {"linux": linux, "win32": windows, "darwin": macos}.get(
        "linux" if sys.platform.startswith("linux") else sys.platform)
    if pack is None:
        raise SystemExit(f"[build] no artefact recipe for {sys.platform}")
    for artefact in pack(app, out, meta, icons):
        say(f"artefact: {artefact} ({artefact.stat().st_size / 2**20:.1f} MiB)")
    say(f"done in {time.monotonic() - t0:.0f} s (PyInstaller and icons {built:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
