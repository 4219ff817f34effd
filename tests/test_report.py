"""The PDF report, read back with pypdf. Few renders (~1 s each): one per fixture, many asserts."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.report.batch import from_scored
from hawkama.report.html import prepare
from hawkama.report.pdf import REPORT_DIR, write_pdf
from hawkama.service import score_files

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
DATA = ROOT / "tests" / "data" / "report"
REVIEWED = DATA / "reviewed.yaml"
HOSTILE = DATA / "hostile.yaml"
DATE = "2026-11-26"
BUNDLED = {"Hawkama-Sans", "Hawkama-Sans-Bold", "Hawkama-Naskh", "Hawkama-Naskh-Bold"}
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u200b]")


def normal(text: str) -> str:
    """NFC, bidi controls and zero-width spaces out, runs of white space as one space."""
    return re.sub(r"\s+", " ", BIDI.sub("", unicodedata.normalize("NFC", text)))


def text_of(reader: pypdf.PdfReader) -> str:
    return normal(" ".join(page.extract_text() for page in reader.pages))


def base_fonts(reader: pypdf.PdfReader) -> set[str]:
    """Every /BaseFont used by the pages and their form XObjects, without subset prefixes."""
    found: set[str] = set()

    def walk(resources: Any) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            found.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
        for xobj in (resources.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if "/Resources" in xobj:
                walk(xobj["/Resources"])

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def render(tmp: Path, *args: str) -> Path:
    result = CliRunner().invoke(
        cli,
        ["report", *args, "--policy", str(MINI), "--date", DATE, "-o", str(tmp)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return tmp


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("reports")
    render(tmp, str(REVIEWED))
    render(tmp, str(REVIEWED), "--lang", "ar")
    return tmp


@pytest.fixture(scope="module")
def en(out: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(out / "REV-2026-001.pdf")


@pytest.fixture(scope="module")
def ar(out: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(out / "REV-2026-001.ar.pdf")


def test_english_report_says_what_it_must(en: pypdf.PdfReader) -> None:
    text = text_of(en)
    assert 4 <= len(en.pages) <= 12
    for phrase in [
        "Damietta smart parking",
        "New Damietta, Damietta",
        "Low risk",
        "LOW_RISK",
        "Executive summary",
        "What it requires of the committee",
        "Approve.",
        "Dimension scores, inherent beside residual",
        "Risk heat map",
        "Most sensitive data?",
        "Only the district of the port.",
        "SHA-256 0f343b0931126a20f133d67c2b018a3b5fe8d5ff0f5e53a8a8c2f0e9c1a2b3c4",
        "R1-M2 Breach plan: committed",
        "Traffic Department",
        "Due 2027-03-01",
        "Committee record",
        "Approve with conditions",
        "Dr. Amal Hassan",
        "Publish the breach response plan",
        "Sources cited",
        "General Data Protection Regulation",
        "Answers ignored",
        "hawkama verify REV-2026-001.pdf",
        f"Page 1 of {len(en.pages)}",
    ]:
        assert phrase in text, phrase
    assert "P1 the question does not apply" in text  # answered, but intake says no personal data


def test_arabic_report_is_arabic(ar: pypdf.PdfReader, en: pypdf.PdfReader) -> None:
    text = text_of(ar)
    for phrase in [
        "الملخص التنفيذي",
        "سجل اللجنة",
        "مخاطر منخفضة",
        "خريطة المخاطر الحرارية",
        "الخصوصية",
        "التوقيعات",
        "كيفية التحقق من هذا التقرير",
        "REV-2026-001",
        "2026-11-26",
        "0f343b0931126a20f133d67c2b018a3b5fe8d5ff0f5e53a8a8c2f0e9c1a2b3c4",
    ]:
        assert phrase in text, phrase
    for english_label in ["Executive summary", "Committee record", "Signature"]:
        assert english_label not in text
    assert ar.metadata["/reportid"] == en.metadata["/reportid"]  # same report, two languages


def test_metadata(en: pypdf.PdfReader) -> None:
    meta = en.metadata
    result = json.loads(en.attachments["result.json"][0])
    assert meta["/Title"] == "Audit report: REV-2026-001 Damietta smart parking"
    assert "LOW_RISK" in meta["/Subject"]
    assert "REV-2026-001" in meta["/Keywords"]
    assert meta["/projectid"] == "REV-2026-001"
    assert meta["/verdict"] == "LOW_RISK" == result["verdict"]["id"]
    assert meta["/policyhash"] == result["policy_hash"]
    assert meta["/assessmenthash"] == result["assessment_hash"]
    assert re.fullmatch(r"HWK-[0-9a-f]{10}", meta["/reportid"])
    assert meta["/CreationDate"].startswith("D:20261126000000")
    xmp = en.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp or b'pdfaid:part="3"' in xmp


def test_pdf_is_tagged_for_screen_readers(en: pypdf.PdfReader, ar: pypdf.PdfReader) -> None:
    for reader, lang in ((en, "en"), (ar, "ar")):
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == lang


def test_outline_follows_the_headings(en: pypdf.PdfReader) -> None:
    def titles(items: list[Any]) -> list[str]:
        out: list[str] = []
        for item in items:
            out += titles(item) if isinstance(item, list) else [normal(item.title)]
        return out

    got = titles(en.outline)
    for want in [
        "Damietta smart parking",
        "1. Executive summary",
        "2. Scores and risks at a glance",
        "3. Dimensions",
        "Privacy",
        "4. Derived findings",
        "5. Committee record",
        "6. Annex",
    ]:
        assert want in got, got


def test_attachments_are_the_sources(en: pypdf.PdfReader) -> None:
    att = {name: copies[0] for name, copies in en.attachments.items()}
    assert set(att) == {
        "assessment/reviewed.yaml",
        "policy/policy.yaml",
        "policy/privacy.yaml",
        "result.json",
        "hawkama.json",
    }
    assert att["assessment/reviewed.yaml"] == REVIEWED.read_bytes()
    assert att["policy/policy.yaml"] == (MINI / "policy.yaml").read_bytes()
    assert att["policy/privacy.yaml"] == (MINI / "privacy.yaml").read_bytes()
    manifest = json.loads(att["hawkama.json"])
    assert manifest["policy"] == "policy/policy.yaml"
    assert manifest["rubrics"] == ["policy/privacy.yaml"]
    relationships = {f.name: f.associated_file_relationship for f in en.attachment_list}
    assert relationships["assessment/reviewed.yaml"] == "/Source"
    assert relationships["result.json"] == "/Data"


def test_system_noto_fonts_are_installed_for_the_font_check() -> None:
    """The check below means something only where the system has Noto fonts of its own
    (setup.sh installs fonts-noto-core): they once replaced the bundled ones (issue #12)."""
    listed = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto Sans" in listed.splitlines(), "run setup.sh: fonts-noto-core is missing"


def test_only_bundled_fonts_are_embedded(en: pypdf.PdfReader, ar: pypdf.PdfReader) -> None:
    assert base_fonts(en) <= BUNDLED
    assert base_fonts(ar) <= BUNDLED
    assert "Hawkama-Naskh" in base_fonts(ar)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_page_renders_to_a_non_blank_png(out: Path, tmp_path: Path) -> None:
    from PIL import Image

    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            str(out / "REV-2026-001.ar.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:128])
    assert image.size[0] > 200 and dark > 500


def test_same_inputs_same_bytes(out: Path, tmp_path: Path) -> None:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1795651200"}).invoke(
        cli,
        ["report", str(REVIEWED), "--policy", str(MINI), "-o", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    # 1795651200 is 2026-11-26T00:00:00Z, the --date of the fixture.
    assert (tmp_path / "REV-2026-001.pdf").read_bytes() == (out / "REV-2026-001.pdf").read_bytes()


@pytest.fixture(scope="module")
def hostile() -> tuple[pypdf.PdfReader, list[str]]:
    scored = score_files([HOSTILE], MINI)[0]
    when = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    html, files, _ = prepare(from_scored(scored), "en", when)
    fetched: list[str] = []
    data = write_pdf(html, files, when, record=fetched)
    assert data is not None
    return pypdf.PdfReader(io.BytesIO(data)), fetched


def test_hostile_text_is_printed_not_obeyed(hostile: tuple[pypdf.PdfReader, list[str]]) -> None:
    reader, fetched = hostile
    assert fetched, "the fonts are fetched through the restricted fetcher"
    for url in fetched:
        assert url.startswith("file://") and url.endswith(".ttf"), url
        assert Path(url.removeprefix("file://")).resolve().is_relative_to(REPORT_DIR)
    text = text_of(reader)
    assert '<img src="file:///etc/passwd">' in text
    assert 'href="http://evil.example/a.css"' in text
    assert "<script>alert(1)</script>" in text
    assert "abc[U+202E]evil[U+202C] def [U+1F600]" in text
    assert "تقييم الأثر" in text
    assert "A" * 40 in text  # the 10,000-character word is there, wrapped
    assert text.count("A") > 10_000
    assert base_fonts(reader) <= BUNDLED


def test_bad_input_is_a_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        REVIEWED.read_text(encoding="utf-8").replace("P1: c", "P1: zz"), encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["report", str(bad), "--policy", str(MINI), "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert re.search(r"bad\.yaml:\d+:\d+: ", result.output), result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_two_assessments_with_one_project_id_are_refused(tmp_path: Path) -> None:
    twin = tmp_path / "twin.yaml"
    twin.write_text(REVIEWED.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["report", str(REVIEWED), str(twin), "--policy", str(MINI), "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "same project id 'REV-2026-001'" in result.output
