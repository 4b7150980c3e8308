"""The key order of LS's realtime push bodies: a Java ``HashMap``'s iteration order.

LS's gateway writes a push body from a ``HashMap`` keyed by field name, so its keys come in
bucket order, not the doc table's: GSC's doc example starts ``symbol, lSeq, high52p, low52p``,
WOC's and WOH's (``offerrem2, offerho4, bidho5, symbol, ...``) and a live OVC frame
(``ovsmkend, symbol, lSeq, chgrate, ...``) follow the same rule. A HashMap of default capacity
(16, doubled whenever it is more than three quarters full) puts a key in bucket
``spread(String.hashCode()) & (capacity - 1)``, keys sharing a bucket in insertion order.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache


def _string_hash(text: str) -> int:
    """Java's ``String.hashCode`` (UTF-16 units; field names are ASCII), as an unsigned int."""
    h = 0
    for ch in text:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h


@cache
def _ordered(keys: tuple[str, ...]) -> tuple[str, ...]:
    capacity = 16
    while len(keys) > capacity * 3 // 4:
        capacity *= 2
    buckets: dict[int, list[str]] = {}
    for key in keys:
        h = _string_hash(key)
        buckets.setdefault((h ^ (h >> 16)) & (capacity - 1), []).append(key)
    return tuple(key for index in sorted(buckets) for key in buckets[index])


def hash_order(keys: Iterable[str]) -> tuple[str, ...]:
    """``keys`` (in insertion order) as a Java HashMap of them iterates."""
    return _ordered(tuple(keys))
