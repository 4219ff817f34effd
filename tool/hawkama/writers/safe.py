"""Terminal-safe text now lives in :mod:`hawkama.terminal` (the engine's explain needs it,
and the engine sits below the writers); re-exported here for the writers' callers."""

from __future__ import annotations

from hawkama.terminal import terminal_text

__all__ = ["terminal_text"]
