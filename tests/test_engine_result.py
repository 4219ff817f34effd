"""Pieces of the result the engine builds without pydantic, checked against pydantic."""

from __future__ import annotations

import datetime as dt

from hawkama.documents import load_assessment
from hawkama.engine.result import project_fields
from hawkama.models.assessment import Project
from tests.conftest import ROOT


def test_project_fields_are_pydantics_json_dump() -> None:
    projects = [load_assessment(p).project for p in sorted((ROOT / "assessments").glob("*.yaml"))]
    projects.append(
        Project(
            id="X-1",
            title="Dated",
            submitted=dt.date(2026, 1, 31),
            updated=dt.date(2026, 2, 1),
            summary="ملخص",
        )
    )
    assert any(p.submitted for p in projects)
    for p in projects:
        assert project_fields(p) == p.model_dump(mode="json", exclude_none=True)
        assert list(project_fields(p)) == list(p.model_dump(mode="json", exclude_none=True))
