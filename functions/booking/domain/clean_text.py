"""Text that people type, cleaned where it enters: no control characters and
no bidirectional overrides.

Control characters (NUL, ESC, BEL, DEL, the C1 range) have no business in a
name and can upset terminals, logs and CSV exports. The bidi embedding,
override and isolate controls reorder what a reader sees: "Eve\u202egnp.exe"
reads "Eveexe.png". Left-to-right and right-to-left marks stay, since mixed
Arabic or Hebrew text needs them and they reorder nothing by themselves.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI."""
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


def one_line(value: str) -> str:
    """A name or label: line breaks and tabs become spaces, other control and
    bidi characters disappear."""
    return "".join(" " if char in LINE_BREAKS or char == "\t" else char for char in value if _kept(char, "\t"))


def lines(value: str) -> str:
    """Notes and answers: every kind of line break becomes `\\n`, tabs stay,
    other control and bidi characters disappear."""
    unified = value.replace("\r\n", "\n")
    return "".join("\n" if char in LINE_BREAKS else char for char in unified if _kept(char, "\t"))


def _kept(char: str, allowed: str) -> bool:
    if char in BIDI_CONTROLS:
        return False
    if char in LINE_BREAKS or char in allowed:
        return True
    return unicodedata.category(char) != "Cc"
