"""Make user-written text safe to print with the bundled fonts.

Two things in free text would make an audit report lie or change shape:
- bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E/F) can reorder what follows
  them, so a note could display something other than what it says;
- characters the bundled fonts lack (emoji, arrows) make fontconfig pull in a
  system font, so the PDF would depend on the machine that rendered it.
Both are shown as a visible code point, e.g. ``[U+202E]``: nothing is hidden or dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {
    "Hawkama Sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "Hawkama Naskh": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
}
BIDI_CONTROLS = frozenset([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Handled by the shaper without a glyph of their own.
SHAPING_MARKS = frozenset([0x200C, 0x200D, 0x034F])


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Code points every face of at least one bundled family can draw."""
    # A WeasyPrint dependency, but not WeasyPrint itself: ~50 ms, only when text is printed.
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    points: set[int] = set()
    for regular, bold in FONT_FILES.values():
        maps = [set(TTFont(FONT_DIR / name, lazy=True).getBestCmap()) for name in (regular, bold)]
        points |= maps[0] & maps[1]
    return frozenset(points)


def _visible(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn")
_SPACE = re.compile(r"[ \t\n]")
# WeasyPrint's line breaking is quadratic in the length of an unbreakable run: a
# 10,000-character word took ten minutes. Offer a break (U+200B, invisible) every
# LONG_RUN characters of a longer run; words, hashes (64) and most URLs are untouched.
LONG_RUN = 64
_RUN = re.compile(r"[^ \t\n\u200b]{" + str(LONG_RUN + 1) + ",}")


def _breakable(match: re.Match[str]) -> str:
    run = match.group(0)
    return "\u200b".join(run[i : i + LONG_RUN] for i in range(0, len(run), LONG_RUN))


def clean(text: str) -> str:
    """Return ``text`` with bidi controls, other controls and undrawable characters made
    visible, and break opportunities in very long words."""
    text = unicodedata.normalize("NFC", text)
    points = covered()
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if _SPACE.match(ch) or cp in SHAPING_MARKS:
            out.append(ch)
        elif cp in BIDI_CONTROLS or cp not in points or unicodedata.category(ch) in _HIDDEN:
            out.append(_visible(ch))
        else:
            out.append(ch)
    return _RUN.sub(_breakable, "".join(out))


def direction_of(text: str, default: str = "ltr") -> str:
    """'rtl' or 'ltr' from the first strongly directional character, as HTML's dir=auto."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default
