"""Committee accounts: scrypt hashes with a salt per user, a private file, `hawkama users add`."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.web.accounts import authenticate, check_password, hash_password, load_users
from tests.web_support import PASSWORD, make_desk


def test_users_file_holds_salted_hashes_only(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, "dam-2026-004-smart-parking.yaml")
    path = desk / ".hawkama" / "users.yaml"
    text = path.read_text()
    assert PASSWORD not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    data = yaml.safe_load(text)["users"]
    assert {name: u["role"] for name, u in data.items()} == {
        "mona": "chair",
        "sami": "member",
        "hala": "secretary",
    }
    salts = {u["password"]["salt"] for u in data.values()}
    assert len(salts) == 3, "every user has their own salt"


def test_password_check() -> None:
    h = hash_password("a long passphrase")
    assert check_password(h, "a long passphrase")
    assert not check_password(h, "a long passphrasE")
    assert not check_password(None, "a long passphrase")
    assert not check_password(h, "x" * 5000)


def test_authenticate(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, "dam-2026-004-smart-parking.yaml")
    user = authenticate(desk, "sami", PASSWORD)
    assert user is not None and user.role == "member"
    assert authenticate(desk, "sami", PASSWORD + "!") is None
    assert authenticate(desk, "nobody", PASSWORD) is None


def test_users_add_prompts_twice(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        cli,
        ["users", "add", "mona", "--role", "chair", "--dir", str(tmp_path)],
        input="long enough pw\nlong enough pw\n",
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    assert "Repeat for confirmation" in r.output
    assert load_users(tmp_path).users["mona"].role == "chair"


def test_users_add_again_changes_role_and_password(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["users", "add", "mona", "--password-stdin", "--dir", str(tmp_path), "--role"]
    runner.invoke(cli, [*args, "member"], input="first password\n", catch_exceptions=False)
    r = runner.invoke(cli, [*args, "chair"], input="second password\n", catch_exceptions=False)
    assert r.exit_code == 0 and "Updated mona (chair)" in r.output
    assert authenticate(tmp_path, "mona", "second password") is not None
    assert authenticate(tmp_path, "mona", "first password") is None


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("mona", "short", "users.mona: the password must have at least 10 characters"),
        ("../x", "long enough pw", "users: '../x' is not a user name"),
    ],
)
def test_users_add_refuses_bad_input(
    tmp_path: Path, name: str, password: str, message: str
) -> None:
    r = CliRunner().invoke(
        cli,
        ["users", "add", name, "--role", "chair", "--password-stdin", "--dir", str(tmp_path)],
        input=password + "\n",
    )
    assert r.exit_code == 2
    assert message in r.stderr
    assert "Traceback" not in r.output
    assert not (tmp_path / ".hawkama" / "users.yaml").exists()
