"""A real browser (the distribution's Chromium, headless, through Selenium) fills a whole
assessment in Arabic on the desk, uploads evidence and submits it; the page is laid out
right to left; the file written equals what `hawkama assess` writes for the same answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hawkama.engine.evaluate import evaluate
from hawkama.questionnaire.display import answered_plainly
from hawkama.questionnaire.skeleton import resolve_policy
from hawkama.questionnaire.store import PROJECT_FIELDS, AssessmentFile
from tests.test_web_proposer import new_desk
from tests.web_support import cli_ok, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Chromium and chromedriver are not installed (setup.sh installs chromium chromium-driver)",
)

# Answers other than "the first option": fewer questions apply after two noes, one
# "don't know", one note in Arabic; risks are rated 2x3.
CHOICES = {"intake.C-04": "no", "intake.C-05": "no", "ETH-02": "u"}
NOTES = {"intake.C-02": "مواقف السيارات في دمياط فقط"}
COMMIT = ("ETH-01", "ETH-01-M1", "إدارة المرور", "2027-03-01")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    desk, path = new_desk(tmp_path)
    proc, base = start_server(desk, "--lang", "ar")
    try:
        yield base, desk, path
    finally:
        stop_server(proc)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _typed(qid: str) -> str:
    """What the test answers to ``qid``, as one would type it at `hawkama assess`."""
    qd = resolve_policy(None).questions[qid]
    if qid in CHOICES:
        return CHOICES[qid]
    if qd.question.type == "risk":
        return "2x3"
    return qd.question.effective_options[0].id


def _click_and_wait(driver: object, button: object) -> None:
    """Click a form's button and wait for the next page (POST, redirect, GET) to be loaded."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("document.documentElement.dataset.old = '1'")  # type: ignore[attr-defined]
    button.click()  # type: ignore[attr-defined]

    def loaded(d: object) -> bool:
        try:
            return bool(
                d.execute_script(  # type: ignore[attr-defined]
                    "return document.readyState === 'complete' && !document.documentElement.dataset.old"
                )
            )
        except WebDriverException:
            return False  # between two documents

    WebDriverWait(driver, 60).until(loaded)


def _fill(driver: object, article: object, qid: str, evidence: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    typed = _typed(qid)
    if "x" in typed and typed[0].isdigit():
        likelihood, impact = typed.split("x")
        Select(article.find_element(By.NAME, "likelihood")).select_by_value(likelihood)  # type: ignore[attr-defined]
        Select(article.find_element(By.NAME, "impact")).select_by_value(impact)  # type: ignore[attr-defined]
    else:
        article.find_element(By.CSS_SELECTOR, f'input[name="value"][value="{typed}"]').click()  # type: ignore[attr-defined]
    if qid in NOTES:
        article.find_element(By.NAME, "note").send_keys(NOTES[qid])  # type: ignore[attr-defined]
    _click_and_wait(driver, article.find_element(By.CSS_SELECTOR, 'button[name="save"]'))  # type: ignore[attr-defined]
    if qid == COMMIT[0]:
        _commit_and_upload(driver, qid, evidence)


def _commit_and_upload(driver: object, qid: str, evidence: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    _, mid, owner, due = COMMIT
    article = driver.find_element(By.ID, f"q-{qid}")  # type: ignore[attr-defined]
    Select(article.find_element(By.NAME, f"m-{mid}-status")).select_by_value("committed")
    article.find_element(By.NAME, f"m-{mid}-owner").send_keys(owner)
    due_input = article.find_element(By.NAME, f"m-{mid}-due")
    driver.execute_script("arguments[0].value = arguments[1]", due_input, due)  # type: ignore[attr-defined]
    _click_and_wait(driver, article.find_element(By.CSS_SELECTOR, 'button[name="save"]'))
    article = driver.find_element(By.ID, f"q-{qid}")  # type: ignore[attr-defined]
    article.find_element(By.NAME, "file").send_keys(str(evidence))
    _click_and_wait(driver, article.find_element(By.CSS_SELECTOR, "form.upload button"))


def _check_rtl(driver: object, shot: Path) -> None:
    """dir=rtl, and the page reads from the right: in the DOM's boxes and in the pixels."""
    from PIL import Image
    from selenium.webdriver.common.by import By

    assert driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"  # type: ignore[attr-defined]
    brand = driver.find_element(By.CLASS_NAME, "brand").rect  # type: ignore[attr-defined]
    switch = driver.find_element(By.ID, "lang-switch").rect  # type: ignore[attr-defined]
    assert brand["x"] > switch["x"], "the name of the desk is at the right, the tools at the left"
    choice = driver.find_element(By.CSS_SELECTOR, "label.choice")  # type: ignore[attr-defined]
    radio = choice.find_element(By.TAG_NAME, "input").rect
    words = choice.find_element(By.TAG_NAME, "span").rect
    assert radio["x"] > words["x"], "a radio button stands at the right of its words"
    driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    h1 = driver.find_element(By.TAG_NAME, "h1").rect  # type: ignore[attr-defined]
    image = Image.open(shot).convert("L")
    box = (int(h1["x"]), int(h1["y"]), int(h1["x"] + h1["width"]), int(h1["y"] + h1["height"]))
    heading = image.crop(box)
    ink = [
        x
        for x in range(heading.width)
        for y in range(heading.height)
        if heading.getpixel((x, y)) < 128
    ]  # type: ignore[operator]
    assert ink, "the heading is drawn"
    assert min(ink) > heading.width / 2, "the heading's ink is in the right half of its line"


def test_fill_in_arabic_upload_and_submit(
    server: tuple[str, Path, Path], browser: object, tmp_path: Path
) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    base, desk, path = server
    driver = browser
    evidence = tmp_path / "dpia.pdf"
    evidence.write_bytes(PDF)
    link = cli_ok("invite", "new-project", "--dir", str(desk), "--url", base).strip()
    driver.get(link)  # type: ignore[attr-defined]
    driver.get(base + "/p/s/intake")  # type: ignore[attr-defined]
    _check_rtl(driver, tmp_path / "intake-ar.png")
    answered: list[str] = []
    for _ in range(5):  # a pass over every section; answers can make more questions apply
        driver.get(base + "/p")  # type: ignore[attr-defined]
        sections = [
            a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".sections a")
        ]  # type: ignore[attr-defined]
        found = False
        for url in sections:
            driver.get(url)  # type: ignore[attr-defined]
            while True:
                open_ = driver.find_elements(By.CSS_SELECTOR, 'article.q[data-answered="0"]')  # type: ignore[attr-defined]
                if not open_:
                    break
                try:
                    qid = open_[0].get_attribute("id").removeprefix("q-")
                    _fill(driver, open_[0], qid, evidence)
                except StaleElementReferenceException:
                    continue  # the page was still being replaced: look again
                answered.append(qid)
                found = True
        if not found:
            break
    driver.get(base + "/p")  # type: ignore[attr-defined]
    _click_and_wait(driver, driver.find_element(By.ID, "submit-review"))  # type: ignore[attr-defined]
    assert "أُرسل للمراجعة" in driver.find_element(By.CSS_SELECTOR, "main").text  # type: ignore[attr-defined]
    assert not driver.find_elements(By.ID, "submit-review")  # type: ignore[attr-defined]

    web = AssessmentFile.load(path).assessment
    ps = resolve_policy(None)
    result = evaluate(ps, web)
    assert result.completeness.required_missing == []
    assert answered and all(q.answered for q in result.questions if q.applies)
    [e] = web.answers[COMMIT[0]].evidence
    assert e.path and (path.parent / e.path).read_bytes() == PDF
    cli_ok("validate", "--check-evidence", str(path))

    # The same answers through `hawkama assess`, in the order it asks them.
    lines = [""] * len(PROJECT_FIELDS)
    for q in result.questions:
        if not q.applies:
            continue
        typed = _typed(q.id)
        lines.append(f"{typed} # {NOTES[q.id]}" if q.id in NOTES else typed)
        qd = ps.questions[q.id]
        if answered_plainly(qd.question, q):
            for m in qd.mitigations:
                lines.append(f"c ; {COMMIT[2]} ; {COMMIT[3]}" if m.id == COMMIT[1] else "")
    twin = tmp_path / "cli" / path.name
    twin.parent.mkdir()
    cli_ok("new", "-o", str(twin))
    cli_ok("assess", str(twin), input="\n".join(lines) + "\n")
    cli = AssessmentFile.load(twin).assessment
    web_data = web.model_dump(mode="json")
    web_data["answers"][COMMIT[0]]["evidence"] = []
    assert web_data == cli.model_dump(mode="json")
