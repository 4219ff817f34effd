"""What a report embeds: the verbatim sources, the result, and a manifest naming them.

Attachment names keep the file names the policy refers to (``policy/<rubric path as
written in the policy>``), so `hawkama verify` can write them back and load the policy
exactly as it was. The manifest says which attachment is which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any

from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet

MANIFEST = "hawkama.json"
RESULT = "result.json"
FORMAT = 1


@dataclass(frozen=True)
class Embedded:
    name: str
    data: bytes
    relationship: str  # PDF/A-3 AFRelationship: Source or Data
    description: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Issue:
    """When a report is issued, and the id derived from what it reports on."""

    when: dt.datetime  # timezone-aware, UTC
    report_id: str

    @property
    def date(self) -> str:
        return self.when.date().isoformat()


def report_id(result: Result, when: dt.datetime) -> str:
    """The sources' hashes and the issue date; the time too when there is one.

    Reports issued at midnight (--date, a day's SOURCE_DATE_EPOCH) keep the date alone;
    two runs on one day without --date get two ids, so the register (which names one
    file per id) takes both.
    """
    utc = when.astimezone(dt.UTC)
    stamp = utc.date().isoformat() if utc.time() == dt.time(0) else utc.isoformat()
    seed = f"{result.assessment_hash}:{result.policy_hash}:{stamp}"
    return "HWK-" + hashlib.sha256(seed.encode("ascii")).hexdigest()[:10]


def issue(result: Result, when: dt.datetime) -> Issue:
    return Issue(when, report_id(result, when))


def policy_names(ps: PolicySet) -> list[str]:
    """Attachment names of the policy file and its rubrics, as the policy refers to them."""
    names = [f"policy/{ps.path.name}"]
    for rel in ps.policy.rubrics:
        names.append("policy/" + str(PurePosixPath(rel.replace("\\", "/"))))
    return names


@lru_cache(maxsize=1)
def renderer() -> dict[str, str]:
    """What the pages are drawn with: equal renderers give equal pages from equal sources.

    The templates and fonts are digested, not just Hawkama's version, because they change
    between releases of a development copy too. WeasyPrint's version is read without
    importing it (``--format html`` stays light).
    """
    from hawkama import __version__

    here = Path(__file__).resolve().parent
    try:
        weasy = version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        weasy = "absent"
    out = {"hawkama": __version__, "weasyprint": weasy}
    for part in ("templates", "fonts"):
        h = hashlib.sha256()
        for f in sorted((here / part).rglob("*")):
            if f.is_file():
                h.update(f.relative_to(here).as_posix().encode() + b"\0" + f.read_bytes())
        out[part] = h.hexdigest()[:16]
    return out


def issue_record(lang: str, when: dt.datetime, filename: str) -> dict[str, Any]:
    """How the pages were made, for `hawkama verify` to make them again."""
    return {"date": when.isoformat(), "lang": lang, "filename": filename, "renderer": renderer()}


def result_json(result: Result) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def embedded_files(
    assessment_name: str,
    assessment_text: str,
    ps: PolicySet,
    result: Result,
    previous: tuple[str, bytes, str] | None = None,
    issued: dict[str, Any] | None = None,
) -> list[Embedded]:
    """The attachments of a report, the manifest last (it lists the others' hashes).

    ``previous`` (name, bytes, description): the earlier version the report's changes
    section compares with. It completes the record; `hawkama verify` does not re-score it.
    """
    files = [
        Embedded(
            f"assessment/{assessment_name}",
            assessment_text.encode("utf-8"),
            "Source",
            "The assessment, verbatim as scored",
        )
    ]
    names = policy_names(ps)
    # PolicySet.files: the policy first, then the rubrics in the policy's order.
    if len(names) != len(ps.files):
        raise ValueError(f"policy {ps.id}: {len(ps.files)} source files for {len(names)} names")
    for name, src in zip(names, ps.files, strict=True):
        files.append(
            Embedded(name, src.text.encode("utf-8"), "Source", f"Policy source {src.path.name}")
        )
    files.append(
        Embedded(RESULT, result_json(result).encode("utf-8"), "Data", "The engine's result")
    )
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "assessment": files[0].name,
        "policy": names[0],
        "rubrics": names[1:],
        "result": RESULT,
    }
    if previous is not None:
        name, data, description = previous
        files.append(Embedded(name, data, "Source", description))
        manifest["previous"] = name
    if issued is not None:
        manifest["issued"] = issued
    manifest["sha256"] = {f.name: f.sha256 for f in files}
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    files.append(
        Embedded(MANIFEST, text.encode("utf-8"), "Data", "Index of the Hawkama attachments")
    )
    return files


def fingerprint(html: str, files: list[Embedded]) -> bytes:
    """The PDF /ID: a digest of everything the PDF is made from, so equal input, equal bytes."""
    h = hashlib.sha256(html.encode("utf-8"))
    for f in files:
        h.update(f.name.encode("utf-8") + b"\0" + f.data)
    return h.hexdigest()[:32].encode("ascii")
