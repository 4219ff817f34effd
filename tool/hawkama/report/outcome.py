"""What `hawkama verify` found: each check's state, the differences in words, notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHECKS = ("sources", "pages", "signature", "register")


@dataclass
class Verification:
    path: Path
    report_id: str = ""
    verdict: str = ""
    lang: str = ""
    project_id: str = ""
    sha256: str = ""
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # check -> "holds", "differs" or why it was not done; see CHECKS
    checks: dict[str, str] = field(default_factory=dict)
    signer: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.differences

    def lines(self) -> list[str]:
        rid = f" {self.report_id}" if self.report_id else ""
        if self.ok:
            head = [
                f"OK  {self.path}{rid}: the embedded sources re-score to the recorded result "
                f"(verdict {self.verdict})"
            ]
        else:
            head = [
                f"MISMATCH  {self.path}{rid}: {len(self.differences)} difference(s) "
                "between what the report records and what its sources give now"
            ]
            head += [f"  - {d}" for d in self.differences]
        head += [f"  {name}: {self.checks[name]}" for name in CHECKS if name in self.checks]
        return head + [f"  note: {n}" for n in self.notes]

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "ok": self.ok,
            "report_id": self.report_id,
            "sha256": self.sha256,
            "verdict": self.verdict,
            "checks": {name: self.checks.get(name, "not checked") for name in CHECKS},
            "signer": self.signer,
            "differences": self.differences,
            "notes": self.notes,
        }
