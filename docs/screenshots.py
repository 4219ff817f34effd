"""Make the README's two screenshots of the web desk with the headless Chromium.

    .venv/bin/python docs/screenshots.py   # docs/desk-committee.png, docs/desk-proposer.png

A temporary desk holds the sample assessments and one new assessment; `hawkama serve`
runs on loopback in Arabic; the committee's portfolio and the proposer's first section are
photographed at 1280x900.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PASSWORD = "correct horse battery"


def run(*args: str, stdin: str | None = None) -> str:
    exe = Path(sys.executable).with_name("hawkama")
    done = subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    desk = tmp / "assessments"
    shutil.copytree(ROOT / "assessments", desk)
    run("users", "add", "mona", "--role", "chair", "--password-stdin", "--dir", str(desk),
        stdin=PASSWORD + "\n")  # fmt: skip
    run("new", "-o", str(desk / "new-project.yaml"))
    link = run("invite", "new-project", "--dir", str(desk)).strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    base = f"http://127.0.0.1:{port}"
    exe = Path(sys.executable).with_name("hawkama")
    server = subprocess.Popen(
        [str(exe), "serve", str(desk), "--port", str(port), "--lang", "ar"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = None
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/login", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.get(base + "/login")
        driver.find_element(By.ID, "name").send_keys("mona")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        driver.get(base + "/desk")
        driver.set_window_size(1280, 1400)  # the counts and the heat map
        driver.save_screenshot(str(DOCS / "desk-committee.png"))
        driver.set_window_size(1280, 900)
        driver.delete_all_cookies()
        driver.get(base + re.sub(r"^https?://[^/]+", "", link))
        first = driver.find_element(By.CSS_SELECTOR, 'a[href^="/p/s/"]').get_attribute("href")
        driver.get(str(first))
        driver.save_screenshot(str(DOCS / "desk-proposer.png"))
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
