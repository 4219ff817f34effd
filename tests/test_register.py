"""The register of issued reports: appended, checked, and each kind of tampering caught."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from hawkama.errors import InputError
from hawkama.report.register import GENESIS, Entry, append


def entry(n: int, sha: str = "", lang: str = "en") -> Entry:
    return Entry(
        report_id=f"HWK-{n:010d}",
        lang=lang,
        project_id=f"P-{n}",
        date="2026-11-26T00:00:00+00:00",
        file=f"P-{n}.pdf",
        file_sha256=sha or hashlib.sha256(str(n).encode()).hexdigest(),
        assessment_hash="a" * 64,
        policy_hash="b" * 64,
    )


def check(path: Path) -> Result:
    return CliRunner().invoke(cli, ["register", "check", str(path)], catch_exceptions=False)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "register.jsonl"
    append(path, [entry(1), entry(2)])
    append(path, [entry(3)])
    return path


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_append_chains_each_line_to_the_one_before(book: Path) -> None:
    got = [json.loads(line) for line in lines(book)]
    assert [g["report_id"] for g in got] == ["HWK-0000000001", "HWK-0000000002", "HWK-0000000003"]
    assert got[0]["prev"] == GENESIS
    for before, after in zip(lines(book), got[1:], strict=False):
        assert after["prev"] == hashlib.sha256(before.encode()).hexdigest()
    result = check(book)
    assert result.exit_code == 0
    head = hashlib.sha256(lines(book)[-1].encode()).hexdigest()
    assert result.output == f"OK  {book}: 3 report(s), the chain holds; head {head}\n"


def test_the_same_report_again_is_not_entered_twice(book: Path) -> None:
    assert append(book, [entry(2)]) == []
    assert len(lines(book)) == 3


def test_an_id_issued_for_another_file_is_refused(book: Path) -> None:
    before = book.read_bytes()
    with pytest.raises(InputError) as err:
        append(book, [entry(2, sha="c" * 64)])
    assert (
        f"{book}:2:1: report_id: HWK-0000000002 (en) is registered for another file"
        in err.value.format_message()
    )
    assert book.read_bytes() == before
    assert len(append(book, [entry(2, sha="c" * 64, lang="ar")])) == 1  # another language


def test_a_tampered_line(book: Path) -> None:
    text = lines(book)
    text[1] = text[1].replace(entry(2).file_sha256, "d" * 64)
    book.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = check(book)
    assert result.exit_code == 1
    assert (
        f"{book}:3:1: prev: does not match the SHA-256 of line 2: a line before it was "
        "edited or deleted"
    ) in result.output
    assert f"BROKEN  {book}: 1 problem(s) in 3 line(s)" in result.output


def test_a_deleted_line(book: Path) -> None:
    text = lines(book)
    book.write_text(text[0] + "\n" + text[2] + "\n", encoding="utf-8")
    result = check(book)
    assert result.exit_code == 1
    assert f"{book}:2:1: prev: does not match the SHA-256 of line 1" in result.output
    book.write_text(text[1] + "\n" + text[2] + "\n", encoding="utf-8")
    assert "1:1: prev: the first line must carry 64 zeros" in check(book).output


def test_a_duplicate_id_is_caught_even_with_the_chain_redone(book: Path) -> None:
    head = hashlib.sha256(lines(book)[-1].encode()).hexdigest()
    dup = entry(1, sha="e" * 64).model_copy(update={"prev": head})
    with book.open("ab") as handle:
        handle.write(dup.line() + b"\n")
    result = check(book)
    assert result.exit_code == 1
    assert (
        f"{book}:4:1: report_id: HWK-0000000001 (en) is already registered on line 1; "
        "a report id is registered once"
    ) in result.output
    with pytest.raises(InputError):  # nothing is appended to a damaged register
        append(book, [entry(5)])


def test_a_line_that_is_not_an_entry(book: Path) -> None:
    with book.open("a", encoding="utf-8") as handle:
        handle.write('{"report_id": "HWK-1", "extra": 1}\nnot json\n')
    out = check(book).output
    assert f"{book}:4:1: extra: Extra inputs are not permitted" in out
    assert f"{book}:5:1: not a JSON line" in out


def test_a_missing_register_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["register", "check", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2


def test_report_refuses_an_id_registered_for_another_file(tmp_path: Path) -> None:
    import datetime as dt

    from hawkama.report.bundle import report_id
    from hawkama.service import score_files

    data = Path(__file__).parent / "data" / "report"
    scored = score_files([data / "reviewed.yaml"], data / "nested")[0]
    rid = report_id(scored.result, dt.datetime(2026, 11, 26, tzinfo=dt.UTC))
    book = tmp_path / "register.jsonl"
    append(book, [entry(1).model_copy(update={"report_id": rid})])
    result = CliRunner().invoke(
        cli,
        [
            "report",
            str(data / "reviewed.yaml"),
            "--policy",
            str(data / "nested"),
            "--date",
            "2026-11-26",
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2
    assert f"{book}:1:1: report_id: {rid} (en) is registered for another file" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [".register.jsonl.lock", "register.jsonl"]
    assert len(lines(book)) == 1
