"""Make untrusted text safe to print on a terminal: visible, not interpreted.

Answers, notes and project metadata come from proposers and vendors. Control
characters could move the cursor or clear the screen, and bidi overrides (U+202E)
could make text read differently from what it is; both are shown as escapes.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def terminal_text(text: str) -> str:
    """Escape control and bidi-control characters as \\uXXXX; keep everything else."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
