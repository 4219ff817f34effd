"""`hawkama verify`: does a report say what its sources give, and who vouches for it?

A report is trusted for what it can prove: the attachments are written back to a
temporary folder under the names the policy refers to, loaded and scored by this
Hawkama, and the outcome is compared with the embedded result.json and the PDF's
metadata (the *sources* check). The report is then rendered again from those sources
with its recorded date and language and its pages are compared with the file's (the
*pages* check, pages.py). Nothing is fetched or executed from the PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from hawkama.errors import InputError, Problem
from hawkama.jsonio import parse_json
from hawkama.models.diff import Diff
from hawkama.report.bundle import MANIFEST, RESULT, renderer, report_id
from hawkama.report.compare import compare_results
from hawkama.report.outcome import Verification

META_KEYS = {
    "/verdict": ("verdict", "id"),
    "/policyhash": ("policy_hash",),
    "/assessmenthash": ("assessment_hash",),
    "/projectid": ("project", "id"),
}
# Metadata a signing tool may rewrite in its own revision; the signature covers that.
_SIGNING_META = {"/ModDate", "/Producer"}
MAX_REPORT_BYTES = 200 * 1024 * 1024
# (the report's assessment, its previous version, the policy) -> their diff
Differ = Callable[[Path, Path, Path], Diff]
LANGS = ("en", "ar", "fr")


def _not_a_report(path: Path, why: str) -> InputError:
    return InputError(Problem.unlocated(path, "", f"not a Hawkama report: {why}"))


def read_pdf(path: Path) -> tuple[bytes, Any]:
    """The file's bytes (bounded) and a pypdf reader over them."""
    from hawkama.files import read_bounded  # refuses FIFOs and devices (issue #12)

    data = read_bounded(path, MAX_REPORT_BYTES, "report")
    if not data.startswith(b"%PDF-"):
        raise _not_a_report(path, "not a PDF file")
    pypdf = quiet_pypdf()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        len(reader.pages)  # parses the page tree now, inside the try
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise _not_a_report(path, f"the PDF cannot be read ({type(exc).__name__}: {exc})") from None
    return data, reader


def quiet_pypdf() -> Any:
    """pypdf, its logging silenced: a library must not print before our one-line error.

    (pypdf logs "EOF marker not found" for a truncated PDF that we then refuse with a
    located message.) Here rather than at start-up: `logging` is 10 ms that `score` and
    `validate` need not import.
    """
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    return pypdf


def attachments_of(path: Path, reader: Any) -> dict[str, bytes]:
    """The attachments, first copy of each name."""
    try:
        return {name: copies[0] for name, copies in reader.attachments.items() if copies}
    except Exception as exc:
        raise _not_a_report(path, f"its attachments cannot be read ({exc})") from None


def metadata_of(reader: Any) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    except Exception:  # a damaged Info dictionary reads as none: every key then differs
        return {}


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
) -> dict[str, Path]:
    names = [manifest["assessment"], manifest["policy"], *manifest["rubrics"]]
    if isinstance(manifest.get("previous"), str):
        names.append(manifest["previous"])
    # Rubric paths such as ../shared/x.yaml climb out of the policy folder: nest it deep enough.
    depth = max((PurePosixPath(str(n)).parts.count("..") for n in names), default=0)
    placed = {}
    for name in names:
        if name not in attachments:
            raise InputError(f"the report lists {name!r} but does not carry it")
        target = _place(tmp, str(name), depth)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(attachments[name])
        placed[name] = target
    return placed


def _rescore(assessment_path: Path, policy_path: Path) -> tuple[Any, list[str]]:
    """(policy set, assessment, result) from the written-back sources, or the problems."""
    from hawkama.documents import load_assessment_doc
    from hawkama.engine.evaluate import evaluate
    from hawkama.policy.checks import check_assessment
    from hawkama.policy.load import load_policy_set

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
    return (ps, assessment, evaluate(ps, assessment)), []


def _dig(data: Any, keys: tuple[str, ...]) -> Any:
    for k in keys:
        data = data.get(k) if isinstance(data, dict) else None
    return data


def _check_sources(
    out: Verification, manifest: dict[str, Any], attachments: dict[str, bytes]
) -> None:
    for name, digest in manifest["sha256"].items():
        data = attachments.get(name)
        if data is None:
            out.differences.append(f"attachment {name} is listed in {MANIFEST} but missing")
        elif (actual := hashlib.sha256(data).hexdigest()) != digest:
            out.differences.append(
                f"attachment {name} changed after the report was issued "
                f"(SHA-256 recorded {digest[:12]}..., now {actual[:12]}...)"
            )


def _check_metadata(out: Verification, meta: dict[str, str], now: dict[str, Any]) -> None:
    for key, where in META_KEYS.items():
        want = str(_dig(now, where))
        if key not in meta:
            out.differences.append(f"PDF metadata {key[1:]} is missing (the sources give {want})")
        elif meta[key] != want:
            out.differences.append(
                f"PDF metadata {key[1:]}: recorded {meta[key]!r}, re-scored {want!r}"
            )


class _Issued:
    """The date, language and file name the pages were rendered with, and by what."""

    def __init__(self, manifest: dict[str, Any], reader: Any, meta: dict[str, str]) -> None:
        rec = manifest.get("issued")
        self.problems: list[str] = []
        self.recorded = isinstance(rec, dict)
        rec = rec if isinstance(rec, dict) else {}
        self.renderer = rec.get("renderer") if isinstance(rec.get("renderer"), dict) else None
        lang = rec.get("lang", _catalog_lang(reader))
        self.lang = lang if lang in LANGS else "en"
        if lang not in LANGS:
            self.problems.append(f"the recorded language {lang!r} is not one Hawkama writes")
        self.when = _when(rec.get("date"), reader)
        if self.when is None:
            self.problems.append("the report records no readable issue date")
        name = rec.get("filename")
        self.filename = name if isinstance(name, str) and len(name) < 256 else None


def _catalog_lang(reader: Any) -> str:
    try:
        return str(reader.trailer["/Root"].get("/Lang", "en"))
    except Exception:
        return "en"


def _when(recorded: Any, reader: Any) -> dt.datetime | None:
    try:
        if isinstance(recorded, str):
            when = dt.datetime.fromisoformat(recorded)
        else:
            when = reader.metadata.creation_date
        return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    except Exception:
        return None


def verify(
    path: Path,
    register: Path | None = None,
    trust: list[Path] | None = None,
    *,
    diff: Differ,
) -> Verification:
    """Check the report at ``path``: sources, pages, signature; with ``register``, its
    entry there; with ``trust``, whether the signer holds one of those certificates.

    ``diff`` rebuilds the changes section of a report made with --previous/--rev from its
    embedded previous version (the caller passes hawkama.committee.sources.diff_embedded).
    """
    from hawkama.report.signature_check import check_signatures, load_trust

    if trust:
        load_trust(trust)  # a bad --trust file is a usage error, before any work
    try:
        out, data, reader = _verify(path, diff)
        sig = check_signatures(data, trust or [], reader)
    except Exception as exc:
        # pypdf reads lazily, so a damaged object can surface on any page access, with
        # any exception type (issue #12's fuzz battery: NotImplementedError, PdfStreamError,
        # KeyError, ...). Those are a damaged file; an error of our own keeps its traceback.
        if isinstance(exc, InputError) or not _raised_in_pypdf(exc):
            raise
        raise _not_a_report(
            path, f"the PDF is damaged ({type(exc).__name__}: {str(exc)[:200]})"
        ) from None
    out.differences += sig.differences
    out.notes += sig.notes
    out.signer = sig.signer
    out.checks["signature"] = sig.state
    if register is not None:
        from hawkama.report import register as reg

        diffs, holds = reg.check_report(
            reg.read(register), out.report_id, out.lang, out.sha256, out.project_id
        )
        out.differences += diffs
        out.checks["register"] = f"holds: {holds}" if holds else "differs"
    return out


def _raised_in_pypdf(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if f"{os.sep}pypdf{os.sep}" in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


def _verify(path: Path, diff: Differ) -> tuple[Verification, bytes, Any]:
    data, reader = read_pdf(path)
    attachments = attachments_of(path, reader)
    meta = metadata_of(reader)
    manifest = _manifest(path, attachments)
    out = Verification(path, report_id=meta.get("/reportid", ""))
    out.sha256 = hashlib.sha256(data).hexdigest()
    _check_sources(out, manifest, attachments)
    try:
        recorded = parse_json(attachments.get(manifest["result"], b"").decode("utf-8"), RESULT)
    except (ValueError, InputError):
        raise _not_a_report(path, f"its {RESULT} is not JSON") from None
    if isinstance(manifest.get("previous"), str):
        # The changes section's earlier version: kept for the record, hashed, never re-scored.
        out.notes.append(
            f"{manifest['previous']} is the previous version shown as context; not re-scored"
        )
    issued = _Issued(manifest, reader, meta)
    out.lang = issued.lang
    out.project_id = meta.get("/projectid", "")
    with tempfile.TemporaryDirectory(prefix="hawkama-verify-") as tmp:
        placed = _write_sources(Path(tmp), manifest, attachments)
        scored, problems = _rescore(placed[manifest["assessment"]], placed[manifest["policy"]])
        out.differences += problems
        if scored is None:
            out.checks["sources"] = "differs"
            out.checks["pages"] = "not checked: the sources do not load"
            return out, data, reader
        ps, assessment, result = scored
        now = result.model_dump(mode="json")
        out.verdict = str(_dig(now, ("verdict", "id")))
        diffs, notes = compare_results(recorded, now)
        out.differences += diffs
        out.notes += notes
        _check_metadata(out, meta, now)
        if issued.when is not None:
            want_id = report_id(result, issued.when)
            if out.report_id != want_id:
                out.differences.append(
                    f"report id: recorded {out.report_id or 'none'!r}, "
                    f"the sources and issue date give {want_id!r}"
                )
        out.checks["sources"] = "differs" if out.differences else "holds"
        previous = _previous(manifest, placed, ps, diff)
        from hawkama.report.context import ReportInput

        inp = ReportInput(
            assessment,
            PurePosixPath(manifest["assessment"]).name,
            attachments[manifest["assessment"]].decode("utf-8", "replace"),
            ps,
            result,
            previous,
        )
        _check_pages(out, data, reader, inp, issued, attachments)
    return out, data, reader


def _previous(manifest: dict[str, Any], placed: dict[str, Path], ps: Any, diff: Differ) -> Any:
    """The changes section's input, rebuilt from the embedded previous version."""
    name = manifest.get("previous")
    if not isinstance(name, str):
        return None
    from hawkama.report.changes import Previous

    issued = manifest.get("issued")
    rev = issued.get("previous_rev") if isinstance(issued, dict) else None
    try:
        changes = diff(placed[manifest["assessment"]], placed[name], ps.path)
    except InputError:
        return None  # the pages will differ in the changes section and say so
    base = PurePosixPath(name).name
    return Previous(changes, base, placed[name].read_bytes(), rev if isinstance(rev, str) else None)


def _check_pages(
    out: Verification,
    data: bytes,
    reader: Any,
    inp: Any,
    issued: _Issued,
    attachments: dict[str, bytes],
) -> None:
    from hawkama.report.batch import output_path
    from hawkama.report.html import prepare
    from hawkama.report.pages import compare_pages
    from hawkama.report.pdf import write_pdf

    if issued.when is None:
        out.differences += issued.problems
        out.checks["pages"] = "not checked: no issue date"
        return
    out.differences += issued.problems
    filename = (
        issued.filename or output_path(Path(), inp.assessment.project.id, issued.lang, "pdf").name
    )
    html, files, _ = prepare(inp, issued.lang, issued.when, filename)
    rendered = write_pdf(html, files, issued.when)
    assert rendered is not None
    if rendered == data:
        out.checks["pages"] = "holds"
        return
    text_only = issued.renderer != renderer()
    if text_only:
        out.notes.append(_renderer_note(issued.renderer))
    again = quiet_pypdf().PdfReader(io.BytesIO(rendered))
    found: list[str] = []
    if not text_only:
        found += _compare_meta(metadata_of(reader), metadata_of(again))
        found += _compare_attachments(attachments, attachments_of(Path(), again))
    found += compare_pages(reader, again, text_only)
    out.differences += found
    if found:
        out.checks["pages"] = "differs"
    else:
        out.checks["pages"] = "holds (text only)" if text_only else "holds"


def _renderer_note(recorded: dict[str, Any] | None) -> str:
    installed = renderer()
    if recorded is None:
        return (
            "the report does not record what rendered it: only the text of each page was compared"
        )
    changed = [
        f"{k} {recorded.get(k)!r} (installed {v!r})"
        for k, v in installed.items()
        if recorded.get(k) != v
    ]
    return (
        f"rendered with a different {', '.join(changed)}: only the text of each page "
        "was compared, the drawing may legitimately differ"
    )


def _compare_meta(found: dict[str, str], want: dict[str, str]) -> list[str]:
    out = []
    # The keys the sources check already compared are not listed twice.
    for key in sorted((set(found) | set(want)) - _SIGNING_META - set(META_KEYS) - {"/reportid"}):
        if key not in found:
            out.append(f"PDF metadata {key[1:]} is missing (the sources give {want[key]!r})")
        elif key not in want:
            out.append(f"PDF metadata {key[1:]} = {found[key]!r} is not from the sources")
        elif found[key] != want[key]:
            out.append(
                f"PDF metadata {key[1:]}: reads {found[key]!r}, the sources give {want[key]!r}"
            )
    return out


def _compare_attachments(found: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    out = [f"attachment {n} is not from the sources" for n in sorted(set(found) - set(want))]
    out += [f"attachment {n} is missing" for n in sorted(set(want) - set(found))]
    out += [
        f"attachment {n} differs from what the sources give"
        for n in sorted(set(found) & set(want))
        if found[n] != want[n]
    ]
    return out
