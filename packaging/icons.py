"""The app icon for each platform (.ico, .icns, .png), made with Pillow from the one source
image in resources/icons (bundle.ICON_SOURCE). Run by build.py into the build folder."""

from __future__ import annotations

from pathlib import Path

from bundle import ICON_SOURCE

ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def make_icons(out_dir: Path, source: Path = ICON_SOURCE) -> dict[str, Path]:
    """lsterm.ico (Windows), lsterm.icns (macOS) and lsterm.png (Linux) in `out_dir`."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as src:
        img = src.convert("RGBA")
    if img.width != img.height or img.width < 256:
        raise ValueError(f"{source}: the icon source must be square and at least 256 px, not {img.size}")
    paths = {"ico": out_dir / "lsterm.ico", "icns": out_dir / "lsterm.icns", "png": out_dir / "lsterm.png"}
    img.save(paths["ico"], format="ICO", sizes=ICO_SIZES)
    # Pillow writes every ICNS size up to the source's own (16 … 1024: 512@2x for Retina screens)
    img.save(paths["icns"], format="ICNS")
    img.resize((256, 256), Image.Resampling.LANCZOS).save(paths["png"], format="PNG")
    return paths


if __name__ == "__main__":
    import sys

    for kind, path in make_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")).items():
        print(f"{kind}: {path} ({path.stat().st_size:,} bytes)")
