"""Which bars are drawn where: with more bars than pixels, bars are merged into groups of k
(powers of two, aligned to multiples of k); the bulk (in the cached layer) is the groups before
the newest one, which the live items draw (see `live_start`)."""

from __future__ import annotations

import math

MIN_PX = 3.0  # a drawn bar (or merged group) is at least this wide


def group_size(x0: float, x1: float, width_px: float) -> int:
    """Bars per drawn group for x range [x0, x1] over `width_px` pixels: a group at least MIN_PX wide."""
    k = max(1, int((x1 - x0) / max(width_px, 1.0) * MIN_PX))
    if k > 1:
        k = 1 << (k - 1).bit_length()  # powers of two: zooming reuses alignments
    return k


def bulk_slice(x0: float, x1: float, width_px: float, n: int) -> tuple[int, int, int] | None:
    """(lo, hi, k) for x range [x0, x1] over `width_px` pixels and `n` bulk bars: the bars in view
    (one more each side) and the group size that keeps a drawn group MIN_PX wide."""
    lo, hi = max(0, int(math.floor(x0)) - 1), min(n, int(math.ceil(x1)) + 2)
    if hi <= lo:
        return None
    return lo, hi, group_size(x0, x1, width_px)


def live_start(n: int, k: int) -> int:
    """The first of `n` bars in the newest group of `k` (groups start at multiples of k): the live
    items draw bars [live_start, n) as one group, the cached layer the whole groups before it. A new
    bar in the same group (k > 1: more bars than pixels) leaves the layer as it was."""
    return max(0, ((n - 1) // k) * k)


def bulk_view(x0: float, x1: float, width_px: float, n: int) -> tuple[int, int, int] | None:
    """`bulk_slice` for a series of `n` bars: the bulk is the bars before the newest group."""
    return bulk_slice(x0, x1, width_px, live_start(n, group_size(x0, x1, width_px)))
