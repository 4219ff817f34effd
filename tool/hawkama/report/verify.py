"""`hawkama verify`: re-score the sources a report carries and compare with what it records.

A report is trusted for what it can prove: the attachments are written back to a
temporary folder under the names the policy refers to, loaded and scored by this
Hawkama, and the outcome is compared with the embedded result.json and the PDF's
metadata. Any difference is listed; nothing is fetched or executed from the PDF.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from hawkama.errors import InputError, Problem
from hawkama.jsonio import parse_json
from hawkama.report.bundle import MANIFEST, RESULT
from hawkama.report.compare import compare_results

META_KEYS = {
    "/verdict": ("verdict", "id"),
    "/policyhash": ("policy_hash",),
    "/assessmenthash": ("assessment_hash",),
    "/projectid": ("project", "id"),
}


@dataclass
class Verification:
    path: Path
    report_id: str = ""
    verdict: str = ""
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

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
        return head + [f"  note: {n}" for n in self.notes]


def _not_a_report(path: Path, why: str) -> InputError:
    return InputError(Problem.unlocated(path, "", f"not a Hawkama report: {why}"))


def _read(path: Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The attachments (first copy of each name) and the document metadata."""
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise _not_a_report(path, "not a PDF file")
    import pypdf

    try:
        reader = pypdf.PdfReader(path)
        attachments = {name: copies[0] for name, copies in reader.attachments.items() if copies}
        meta = dict(reader.metadata or {})
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise _not_a_report(path, f"the PDF cannot be read ({type(exc).__name__}: {exc})") from None
    return attachments, {k: str(v) for k, v in meta.items()}


def _manifest(path: Path, attachments: dict[str, bytes]) -> dict[str, Any]:
    if MANIFEST not in attachments:
        raise _not_a_report(path, f"it carries no {MANIFEST} attachment")
    try:
        manifest = parse_json(attachments[MANIFEST].decode("utf-8"), MANIFEST)
    except (ValueError, InputError) as exc:  # bounded: no RecursionError on deep nesting
        why = f" ({exc.problems[0]})" if isinstance(exc, InputError) else ""
        raise _not_a_report(path, f"its {MANIFEST} is not JSON{why}") from None
    want = {"assessment": str, "policy": str, "rubrics": list, "result": str, "sha256": dict}
    if not isinstance(manifest, dict) or any(
        not isinstance(manifest.get(k), t) for k, t in want.items()
    ):
        raise _not_a_report(path, f"its {MANIFEST} lacks {', '.join(want)}")
    return manifest


def _place(root: Path, name: str, depth: int) -> Path:
    """Where attachment ``name`` goes under ``root``; never outside it."""
    rel = PurePosixPath(name)
    if rel.is_absolute():
        raise InputError(f"attachment name {name!r} is an absolute path")
    target = (root.joinpath(*(["d"] * depth)) / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise InputError(f"attachment name {name!r} points outside its folder")
    return target


def _write_sources(
    tmp: Path, manifest: dict[str, Any], attachments: dict[str, bytes]
) -> tuple[Path, Path]:
    names = [manifest["assessment"], manifest["policy"], *manifest["rubrics"]]
    # Rubric paths such as ../shared/x.yaml climb out of the policy folder: nest it deep enough.
    depth = max((PurePosixPath(n).parts.count("..") for n in names), default=0)
    placed = {}
    for name in names:
        if name not in attachments:
            raise InputError(f"the report lists {name!r} but does not carry it")
        target = _place(tmp, str(name), depth)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(attachments[name])
        placed[name] = target
    return placed[manifest["assessment"]], placed[manifest["policy"]]


def _rescore(assessment_path: Path, policy_path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    from hawkama.checks import check_assessment
    from hawkama.engine import evaluate
    from hawkama.loader import load_assessment_doc
    from hawkama.policyset import load_policy_set

    try:
        ps = load_policy_set(policy_path)
        assessment, doc = load_assessment_doc(assessment_path)
    except InputError as exc:
        return None, [
            f"the embedded sources no longer load with this Hawkama: {exc.format_message()}"
        ]
    problems = check_assessment(ps, assessment, doc, any_version=True)
    if problems:
        return None, [f"the embedded assessment no longer checks: {p}" for p in problems]
    return evaluate(ps, assessment).model_dump(mode="json"), []


def _dig(data: Any, keys: tuple[str, ...]) -> Any:
    for k in keys:
        data = data.get(k) if isinstance(data, dict) else None
    return data


def verify(path: Path) -> Verification:
    attachments, meta = _read(path)
    manifest = _manifest(path, attachments)
    out = Verification(path, report_id=meta.get("/reportid", ""))
    for name, digest in manifest["sha256"].items():
        data = attachments.get(name)
        if data is None:
            out.differences.append(f"attachment {name} is listed in {MANIFEST} but missing")
        elif (actual := hashlib.sha256(data).hexdigest()) != digest:
            out.differences.append(
                f"attachment {name} changed after the report was issued "
                f"(SHA-256 recorded {digest[:12]}..., now {actual[:12]}...)"
            )
    previous = manifest.get("previous")
    if isinstance(previous, str):
        # The changes section's earlier version: kept for the record, hashed, never re-scored.
        out.notes.append(f"{previous} is the previous version shown as context; not re-scored")
    try:
        recorded = parse_json(attachments.get(manifest["result"], b"").decode("utf-8"), RESULT)
    except (ValueError, InputError):
        raise _not_a_report(path, f"its {RESULT} is not JSON") from None
    with tempfile.TemporaryDirectory(prefix="hawkama-verify-") as tmp:
        a_path, p_path = _write_sources(Path(tmp), manifest, attachments)
        now, problems = _rescore(a_path, p_path)
    out.differences += problems
    if now is None:
        return out
    out.verdict = str(_dig(now, ("verdict", "id")))
    diffs, notes = compare_results(recorded, now)
    out.differences += diffs
    out.notes += notes
    for key, where in META_KEYS.items():
        if key in meta and meta[key] != str(_dig(now, where)):
            out.differences.append(
                f"PDF metadata {key[1:]}: recorded {meta[key]!r}, re-scored {_dig(now, where)!r}"
            )
    return out
