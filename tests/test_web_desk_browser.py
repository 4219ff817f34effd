"""A real browser (the distribution's Chromium, headless, through Selenium) on the committee
desk: sign in, open a submitted assessment from the portfolio, record the decision, issue
the report and download it; the PDF is read back with pypdf.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hawkama.policy.decision import expected_decision
from hawkama.service import score_files
from hawkama.web import audit, submissions
from tests.web_support import NOW, PASSWORD, make_desk, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Chromium and chromedriver are not installed (setup.sh installs chromium chromium-driver)",
)
DAM = "DAM-2026-004"
DAM_FILE = "dam-2026-004-smart-parking.yaml"


def chromium(downloads: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    folder = make_desk(tmp_path)
    # What the proposer's "submit for review" leaves (the proposer's browser test does it).
    sha = audit.file_sha256(folder / DAM_FILE) or ""
    submissions.submit(folder, DAM, DAM_FILE, "invite:test", sha, NOW)
    return folder


@pytest.fixture
def session(desk: Path, tmp_path: Path) -> Iterator[tuple[Any, str, Path]]:
    proc, base = start_server(desk, "--lang", "ar")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = None
    try:
        driver = chromium(downloads)
        yield driver, base, downloads
    finally:
        if driver is not None:
            driver.quit()
        stop_server(proc)


def sign_in(driver: Any, base: str, name: str = "mona") -> None:
    from selenium.webdriver.common.by import By

    driver.get(base + "/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def test_committee_reviews_decides_and_downloads_the_report(
    session: tuple[Any, str, Path], desk: Path
) -> None:
    from pypdf import PdfReader
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    driver, base, downloads = session
    s = score_files([desk / DAM_FILE])[0]
    usual = expected_decision(s.policy, s.result.verdict.id)
    assert usual is not None
    sign_in(driver, base)
    driver.find_element(By.ID, "desk-link").click()
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    row = driver.find_element(By.CSS_SELECTOR, f'#heat-map tr[data-project="{DAM}"]')
    row.find_element(By.TAG_NAME, "a").click()
    assert s.result.verdict.id in driver.find_element(By.ID, "verdict").text
    assert driver.find_element(By.ID, "submission").is_displayed()
    driver.find_element(By.ID, "review-link").click()

    driver.find_element(By.ID, "reviewers").send_keys("منى عادل|رئيسة اللجنة|محافظة دمياط")
    conflicts = driver.find_element(By.ID, "conflicts")
    conflicts.clear()
    conflicts.send_keys("لا يوجد")
    Select(driver.find_element(By.ID, "decision")).select_by_value(usual)
    driver.find_element(By.ID, "save-review").click()
    WebDriverWait(driver, 30).until(lambda d: "/review" not in d.current_url)
    assert usual in driver.find_element(By.ID, "decision").text
    review = score_files([desk / DAM_FILE])[0].assessment.review
    assert review is not None and review.decision == usual
    assert review.reviewers[0].name == "منى عادل"

    Select(driver.find_element(By.ID, "report-lang")).select_by_value("en")
    driver.find_element(By.ID, "issue-report").click()
    WebDriverWait(driver, 180, poll_frequency=1).until(
        lambda d: (
            d.find_element(By.ID, "report-state").get_attribute("data-state") in ("done", "failed")
        )
    )
    state = driver.find_element(By.ID, "report-state")
    assert state.get_attribute("data-state") == "done", state.text
    driver.find_element(By.ID, "download").click()
    target = downloads / f"{DAM}.pdf"
    WebDriverWait(driver, 30).until(lambda _: target.is_file() and target.stat().st_size > 0)
    assert target.read_bytes() == (desk / "reports" / f"{DAM}.pdf").read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert DAM in text
