"""Invitations: a random token shown once, stored as its SHA-256, revocable, expiring."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.web import invites
from tests.web_support import cli_ok, make_desk


def test_invite_prints_a_link_and_stores_only_its_hash(tmp_path: Path) -> None:
    desk = make_desk(tmp_path)
    url = cli_ok("invite", "DAM-2026-004", "--dir", str(desk), "--url", "https://desk.example/")
    assert url.startswith("https://desk.example/i/")
    token = url.strip().rsplit("/", 1)[1]
    path = desk / ".hawkama" / "invites.yaml"
    text = path.read_text()
    assert token not in text
    assert hashlib.sha256(token.encode()).hexdigest() in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [inv] = invites.load_invites(desk).invites
    assert (inv.project, inv.file) == ("DAM-2026-004", "dam-2026-004-smart-parking.yaml")
    assert inv.expires - inv.created == dt.timedelta(days=30)
    assert invites.by_token(desk, token, inv.created) == inv
    assert invites.by_token(desk, token, inv.expires) is None


def test_revoke_closes_the_projects_links_only(tmp_path: Path) -> None:
    desk = make_desk(tmp_path)
    cli_ok("invite", "DAM-2026-004", "--dir", str(desk))
    cli_ok("invite", "QEN-2026-002", "--dir", str(desk))
    out = cli_ok("invite", "DAM-2026-004", "--dir", str(desk), "--revoke")
    assert "Revoked 1 open invitation(s) for DAM-2026-004" in out
    now = dt.datetime.now(dt.UTC)
    state = {i.project: i.open_at(now) for i in invites.load_invites(desk).invites}
    assert state == {"DAM-2026-004": False, "QEN-2026-002": True}
    audit = (desk / ".hawkama" / "audit.jsonl").read_text()
    assert "revoked invitation" in audit


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("30d", dt.timedelta(days=30)),
        ("12h", dt.timedelta(hours=12)),
        ("2w", dt.timedelta(weeks=2)),
    ],
)
def test_durations(text: str, delta: dt.timedelta) -> None:
    assert invites.parse_duration(text) == delta


@pytest.mark.parametrize("text", ["0d", "30", "d", "1y", "-1d", "99999d"])
def test_bad_duration_is_a_usage_error(tmp_path: Path, text: str) -> None:
    desk = make_desk(tmp_path, "dam-2026-004-smart-parking.yaml")
    r = CliRunner().invoke(cli, ["invite", "DAM-2026-004", "--dir", str(desk), "--expires", text])
    assert r.exit_code == 2 and "--expires" in r.stderr
    assert not (desk / ".hawkama" / "invites.yaml").exists()


def test_unknown_project_is_refused(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, "dam-2026-004-smart-parking.yaml")
    r = CliRunner().invoke(cli, ["invite", "NOPE-1", "--dir", str(desk)])
    assert r.exit_code == 2
    assert "no assessment with project id 'NOPE-1' in this folder (found: DAM-2026-004)" in r.stderr
