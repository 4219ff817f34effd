"""Each benchmark script owns one marked section of bench/results.md and rewrites only that."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"
HEADER = (
    "# Benchmark results\n\n"
    "Each section is rewritten by the script named in its heading; run them on an otherwise idle "
    "machine (2 cores here, shared with other work while these were taken unless said otherwise).\n"
)


def write_section(name: str, body: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    section = f"{start}\n{body.strip()}\n{end}"
    if start in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")
