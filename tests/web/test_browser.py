"""End to end in a real browser: Playwright driving Debian's Chromium against a live server.

Screenshots go to the test run's output folder: $NEWSFEED_TEST_OUTPUT, or test-output/ at the top
of the repository.
"""

from __future__ import annotations

import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from sqlalchemy.orm import Session

from newsfeed.adapters.models import User
from newsfeed.domain.vocab import Role
from newsfeed.services.users import hash_password

pytestmark = [
    pytest.mark.browser,
    # Werkzeug's development server (the live server here; production runs gunicorn) leaves a
    # static file unclosed when the browser drops the request for it (a page left before its
    # favicon arrived): that warning is about the test server, not about the pages under test.
    pytest.mark.filterwarnings("ignore:unclosed file:ResourceWarning"),
    pytest.mark.filterwarnings("ignore:Exception ignored in. <_io:pytest.PytestUnraisableExceptionWarning"),
]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FIXTURES = Path(__file__).parent.parent / "fixtures"
OUTPUT = Path(os.environ.get("NEWSFEED_TEST_OUTPUT", Path(__file__).resolve().parents[2] / "test-output"))
PASSWORD = "a browser-typed password"

if not Path(CHROMIUM).exists():  # .ci/run installs Debian's chromium; a developer may not have it
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def browser_page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield page
        browser.close()


def test_post_an_item_with_a_live_date_preview_and_find_it_in_the_feed(
    session: Session, live_server: str, browser_page: Any
) -> None:
    session.add(User(email="admin@example.org", password_hash=hash_password(PASSWORD), role=Role.ADMIN))
    session.commit()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page = browser_page

    page.goto(f"{live_server}/admin/login")
    page.fill("#email", "admin@example.org")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/admin/")

    page.goto(f"{live_server}/admin/items/new")
    page.fill("#title", "Attending ICLR 2024 in Vienna")
    page.select_option("#kind", "travel")
    page.fill("#posted", "06/05/2024 to 12/05/2024")
    preview = page.locator("#posted-preview")
    preview.get_by_text("6–12 May 2024 · day precision").wait_for(timeout=10_000)
    page.fill("input[name=m0_label]", "Paper submission")
    page.fill("input[name=m0_date]", "1 Feb 2025")
    page.fill("input[name=m0_time]", "11.59pm")
    page.fill("input[name=m0_zone]", "AoE")
    page.locator("tr", has=page.locator("input[name=m0_date]")).get_by_text(
        "1 Feb 2025, 23:59 AoE · minute precision"
    ).wait_for(timeout=10_000)
    page.fill("input[name=m1_label]", "Nonsense")
    page.fill("input[name=m1_date]", "31/02/2024")
    page.get_by_text("31/02/2024: February 2024 has 29 days").wait_for(timeout=10_000)
    page.fill("input[name=m1_label]", "")
    page.fill("input[name=m1_date]", "")
    page.fill("#body", "See you **there**.")
    page.locator("#body-preview strong").get_by_text("there").wait_for(timeout=10_000)
    page.screenshot(path=str(OUTPUT / "admin-item-form.png"), full_page=True)
    page.select_option("#status", "published")
    page.click("#save")
    page.get_by_text("Saved “Attending ICLR 2024 in Vienna”.").wait_for(timeout=10_000)

    with urllib.request.urlopen(f"{live_server}/feed.atom", timeout=10) as response:  # noqa: S310
        entries = feedparser.parse(response.read()).entries
    assert [e.title for e in entries] == ["Attending ICLR 2024 in Vienna"]
    assert "6–12 May 2024" in entries[0].summary

    page.goto(f"{live_server}/admin/import")
    page.fill("#text", (FIXTURES / "seeds" / "000_00131e9a34f93c5c.txt").read_text())
    page.click("#preview-import")
    page.get_by_text("34 item(s) read as news").wait_for(timeout=10_000)
    assert page.locator("table.preview-table tbody tr").count() == 34
    page.screenshot(path=str(OUTPUT / "admin-import-preview.png"), full_page=True)
    page.click("#confirm-import")
    page.get_by_text("created 34, updated 0, unchanged 0, failed 0").wait_for(timeout=10_000)
    assert (OUTPUT / "admin-item-form.png").stat().st_size > 10_000


def test_the_kind_is_suggested_live_and_taken_with_one_click(
    session: Session, live_server: str, browser_page: Any
) -> None:
    session.add(User(email="admin@example.org", password_hash=hash_password(PASSWORD), role=Role.ADMIN))
    session.commit()
    page = browser_page
    page.goto(f"{live_server}/admin/login")
    page.fill("#email", "admin@example.org")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/admin/")
    page.goto(f"{live_server}/admin/items/new")
    assert page.locator("#kind").input_value() == "other"
    page.fill("#title", "Awarded a travel grant")
    page.fill("#body", "The grant lets me present our talk at NeurIPS.")
    suggestion = page.locator("#kind-suggestion")
    suggestion.get_by_text("Suggested: award (also travel, talk)").wait_for(timeout=10_000)
    assert "travel grant" in suggestion.inner_text()
    page.click("#take-kind")
    assert page.locator("#kind").input_value() == "award"
    ticked = page.locator('#also input[name="also"]:checked').evaluate_all("boxes => boxes.map(b => b.value)")
    assert sorted(ticked) == ["talk", "travel"]
    page.fill("#posted", "05/2024")
    page.select_option("#status", "published")
    page.click("#save")
    page.get_by_text("Saved “Awarded a travel grant”.").wait_for(timeout=10_000)
