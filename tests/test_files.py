"""The bounded reader: non-regular files are refused, nothing past the limit is read.

FIFOs, /dev/zero and huge files run in a subprocess with a timeout and a memory limit,
so that a regression fails the test instead of hanging or exhausting the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.errors import InputError
from tests.conftest import DATA, MINI

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space: a whole 3 GB file cannot be read


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def hawkama(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a child with bounded memory; a hang fails at ``timeout``."""
    return subprocess.run(
        [sys.executable, "-m", "hawkama", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )


def assert_refused(done: subprocess.CompletedProcess[str], path: Path | str, why: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == f"Error: {path}: {why}", done.stderr


@pytest.mark.parametrize("command", ["validate", "score", "explain"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    done = hawkama(command, str(fifo), timeout=30)
    assert_refused(
        done, fifo, "is a named pipe (FIFO), not a file; give the file as a regular file"
    )


def test_dev_zero_is_refused() -> None:
    done = hawkama("validate", "/dev/zero", timeout=30)
    assert_refused(
        done, "/dev/zero", "is a character device, not a file; give the file as a regular file"
    )


def test_a_3_gb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: no disk used, but 3 GB to any reader
    done = hawkama("validate", str(big))
    assert_refused(
        done,
        big,
        "the file is 3,221,225,472 bytes; the limit is 5,242,880 bytes "
        "(set HAWKAMA_MAX_FILE_BYTES to change it)",
    )


def test_read_bounded_reads_at_most_limit_plus_one(tmp_path: Path) -> None:
    from hawkama.files import read_bounded, read_head, sha256_file

    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    assert read_bounded(path, 10) == b"x" * 10
    with pytest.raises(InputError, match="the file is 10 bytes; the limit is 9 bytes"):
        read_bounded(path, 9)
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_bounded(tmp_path, 9)
    with pytest.raises(InputError, match="cannot read the report: No such file or directory"):
        read_bounded(tmp_path / "missing.pdf", 9, "report")
    assert read_head(Path("/dev/zero"), 4) == b""
    assert read_head(path, 4) == b"xxxx"
    with pytest.raises(InputError, match="is a character device"):
        sha256_file(Path("/dev/zero"))


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with one committed assessment of about 2 kB."""
    target = tmp_path / "repo" / "qen.yaml"
    target.parent.mkdir()
    shutil.copy(DATA / "committee" / "qen-v1.yaml", target)
    git(target.parent, "init", "-q")
    git(target.parent, "add", ".")
    git(target.parent, "commit", "-qm", "v1")
    return target


def test_a_git_blob_is_held_to_the_file_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = repo.stat().st_size
    limit = size - 1
    monkeypatch.setenv("HAWKAMA_MAX_FILE_BYTES", str(limit))
    result = CliRunner().invoke(cli, ["diff", str(repo), "--rev", "HEAD"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr == (
        f"Error: {repo}@'HEAD': the file at that revision is more than {limit:,} bytes; "
        f"the limit is {limit:,} bytes (set HAWKAMA_MAX_FILE_BYTES to change it)\n"
    )
    from hawkama.files import git_blob

    assert git_blob(repo, "HEAD", size) == repo.read_bytes()


def test_a_revision_with_a_newline_is_shown_whole(repo: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", str(repo), "--rev", "HEAD\nfoo"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {repo}: cannot read it at revision 'HEAD\\nfoo': fatal: "
    )
    assert result.stderr.count("\n") == 1  # one line, nothing cut off
    assert "HEAD\\nfoo" in result.stderr.split("fatal:")[1]


def test_report_previous_is_read_bounded(tmp_path: Path) -> None:
    fifo = tmp_path / "old.yaml"
    os.mkfifo(fifo)
    done = hawkama(
        "report", str(MINI / "low.yaml"), "--policy", str(MINI), "--previous", str(fifo),
        "--format", "html", "-o", str(tmp_path / "out"), timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "is a named pipe (FIFO), not a file" in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_verify_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "r.pdf"
    os.mkfifo(fifo)
    done = hawkama("verify", str(fifo), timeout=30)
    assert_refused(
        done, fifo, "is a named pipe (FIFO), not a file; give the report as a regular file"
    )


def test_a_cached_rubric_replaced_by_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    # The policy cache checks the SHA-256 of every file a cached policy came from.
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    env = {**os.environ, "HAWKAMA_CACHE_DIR": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "hawkama", "score", "--policy", str(folder),
            str(folder / "low.yaml")]  # fmt: skip
    first = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert first.returncode == 0, first.stderr
    assert list((tmp_path / "cache").glob("*.json"))
    (folder / "privacy.yaml").unlink()
    os.mkfifo(folder / "privacy.yaml")
    again = subprocess.run(args, capture_output=True, text=True, env=env, timeout=30, check=False)
    assert again.returncode == 2, again.stderr
    assert "rubrics[0]: rubric file 'privacy.yaml' not found next to the policy" in again.stderr
