"""The assessments a desk serves: only regular files inside its folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from hawkama.web.projects import assessment_files
from tests.conftest import ROOT


def test_finds_assessments_and_skips_links_and_private_folders(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    outside = tmp_path / "outside"
    (desk / "sub").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(ROOT / "assessments" / "dam-2026-004-smart-parking.yaml", desk / "sub" / "dam.yaml")
    shutil.copy(
        ROOT / "assessments" / "qen-2026-002-cash-transfer-eligibility.yaml", outside / "qen.yaml"
    )
    shutil.copy(ROOT / "assessments" / "fay-2026-003-irrigation-iot.yaml", outside / "fay.yaml")
    (desk / "qen.yaml").symlink_to(outside / "qen.yaml")
    (desk / "linked").symlink_to(outside, target_is_directory=True)
    (desk / ".hawkama").mkdir()
    shutil.copy(
        ROOT / "assessments" / "cai-2026-001-safe-squares.yaml", desk / ".hawkama" / "x.yaml"
    )
    (desk / "notes.yaml").write_text("just: a note\n")
    assert assessment_files(desk) == {"DAM-2026-004": desk / "sub" / "dam.yaml"}
