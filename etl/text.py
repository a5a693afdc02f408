"""Finding a quote in a document the way a reader would.

Documents break lines in the middle of sentences, put spaces inside numbers ("50 家左右") and mix
full-width and half-width punctuation ("（" and "("). A quote matches when it equals a stretch of the
document after both drop all whitespace and fold character widths (Unicode NFKC), so a curator
may copy a quote across a line break. Offsets returned point into the original text.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> tuple[str, list[int]]:
    """The text with whitespace removed and widths folded, and for each kept character its original offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            continue
        for folded in unicodedata.normalize("NFKC", char):
            if not folded.isspace():
                chars.append(folded)
                offsets.append(index)
    return "".join(chars), offsets


def squash(text: str) -> str:
    return fold(text)[0]


class Searchable:
    """A document prepared once for many quote look-ups."""

    def __init__(self, text: str):
        self.text = text
        self.folded, self._offsets = fold(text)

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Original (start, end) offsets of the first match of `quote`, or None."""
        needle = squash(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        return self._offsets[at], self._offsets[at + len(needle) - 1] + 1

    def count(self, quote: str) -> int:
        needle = squash(quote)
        return self.folded.count(needle) if needle else 0

    def longest_matching_prefix(self, quote: str) -> str:
        """The longest start of `quote` that the document contains: tells a curator where a copy went wrong."""
        needle = squash(quote)
        low, high = 0, len(needle)
        while low < high:
            mid = (low + high + 1) // 2
            if needle[:mid] in self.folded:
                low = mid
            else:
                high = mid - 1
        return needle[:low]

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1
