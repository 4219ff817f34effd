"""hawkama draft register and schema register: the public register entry."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "assessments").glob("*.yaml"))
DATE = "2026-05-01"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def check(instance: Any, schema: dict[str, Any], at: str = "$") -> list[str]:
    """The JSON Schema keywords the register schema uses (jsonschema is not a dependency)."""
    errors: list[str] = []
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{at}: {instance!r} != {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{at}: {instance!r} not in enum")
    kind = schema.get("type")
    types = {"object": dict, "string": str, "array": list}
    if kind and not isinstance(instance, types[kind]):
        return [*errors, f"{at}: not a {kind}"]
    if kind == "string" and len(instance) < schema.get("minLength", 0):
        errors.append(f"{at}: too short")
    if kind == "object":
        props = schema.get("properties", {})
        errors += [f"{at}.{k}: required" for k in schema.get("required", []) if k not in instance]
        if schema.get("additionalProperties") is False:
            errors += [f"{at}.{k}: not allowed" for k in instance if k not in props]
        for k, v in instance.items():
            if k in props:
                errors += check(v, props[k], f"{at}.{k}")
    if kind == "array":
        for n, item in enumerate(instance):
            errors += check(item, schema.get("items", {}), f"{at}[{n}]")
    return errors


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("register")
    for lang in ("en", "ar"):
        r = invoke(
            "draft",
            "register",
            *map(str, SAMPLES),
            "-o",
            str(out),
            "--lang",
            lang,
            "--format",
            "json",
            "--format",
            "csv",
            "--format",
            "html",
            "--date",
            DATE,
        )
        assert r.exit_code == 0, r.output
    return out


def test_schema_command_prints_the_schema() -> None:
    r = invoke("schema", "register")
    assert r.exit_code == 0
    schema = json.loads(r.output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"tier1", "tier2", "eurocities", "missing"} <= set(schema["properties"])


def test_every_entry_validates_against_the_schema(entries: Path) -> None:
    schema = json.loads(invoke("schema", "register").output)
    files = sorted(entries.glob("*.register*.json"))
    assert len(files) == 2 * len(SAMPLES)
    for path in files:
        entry = json.loads(path.read_text(encoding="utf-8"))
        assert check(entry, schema) == [], path.name
    # The checker does catch a broken entry.
    entry["tier1"]["invented"] = "x"
    del entry["missing"]
    assert len(check(entry, schema)) == 2


def test_empty_fields_are_listed_as_missing(entries: Path) -> None:
    for path in entries.glob("*.register.json"):
        entry = json.loads(path.read_text(encoding="utf-8"))
        empty = [
            f"{t}.{k}"
            for t in ("tier1", "tier2", "eurocities")
            for k, v in entry[t].items()
            if not v
        ]
        assert entry["missing"] == empty
        assert entry["tier1"]["name"]  # the project title always fills the name
        # Fields no answer can give (the mapping names none) are always missing.
        assert "tier1.offline_options" in entry["missing"]


def test_entry_names_its_sources(entries: Path) -> None:
    scores = json.loads(invoke("score", *map(str, SAMPLES), "--format", "json", "--detail").output)
    by_id = {r["project"]["id"]: r for r in scores}
    for path in entries.glob("*.register.json"):
        entry = json.loads(path.read_text(encoding="utf-8"))
        r = by_id[entry["project_id"]]
        assert entry["source"]["assessment_sha256"] == r["assessment_hash"]
        assert entry["source"]["policy_version"] == r["policy_version"]
        assert entry["source"]["date"] == DATE


def test_csv_rows_match_the_json(entries: Path) -> None:
    for path in entries.glob("*.register.csv"):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        entry = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert len(rows) == 1
        assert rows[0]["tier1.name"] == entry["tier1"]["name"]
        assert rows[0]["missing"].split() == entry["missing"]


def test_register_page_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    cai = next(p for p in SAMPLES if p.name.startswith("cai-"))
    r = invoke(
        "draft", "register", str(cai), "-o", str(tmp_path), "--format", "pdf", "--date", DATE
    )
    assert r.exit_code == 0, r.output
    (pdf,) = tmp_path.glob("*.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Tier 1" in text and "Eurocities" in text and cai.name in text
