"""The site as people see it, in a real browser (Playwright driving Debian's Chromium):

- axe-core on every public and admin page, light and dark: no serious or critical violation;
- the subscribe form and the admin item form used with the keyboard alone;
- screenshots of every page at desktop (1280 px) and phone (390 px) width, written to the test
  output folder ($NEWSFEED_TEST_OUTPUT, or test-output/) under screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Source, Subscriber, User
from newsfeed.config import secret_key
from newsfeed.domain.vocab import Kind, Role, SubscriberStatus
from newsfeed.services.demo import load_demo
from newsfeed.services.subscriptions import add_confirmed, confirm_token, read_preferences
from newsfeed.services.users import hash_password
from tests import factories
from tests.web.test_browser import CHROMIUM, OUTPUT, PASSWORD

pytestmark = [
    pytest.mark.browser,
    # Werkzeug's development server (the live server here; production runs gunicorn) leaves a
    # static file unclosed when the browser drops the request for it (a page left before its
    # favicon arrived): that warning is about the test server, not about the pages under test.
    pytest.mark.filterwarnings("ignore:unclosed file:ResourceWarning"),
    pytest.mark.filterwarnings("ignore:Exception ignored in. <_io:pytest.PytestUnraisableExceptionWarning"),
]
SHOTS = OUTPUT / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        yield launched
        launched.close()


def _seed(session: Session, clock: Any) -> dict[str, str]:
    load_demo(session, now=clock.now, host="news.example.org")
    session.add(User(email="editor@example.org", password_hash=hash_password(PASSWORD), role=Role.ADMIN))
    factories.item(session, "Tagged seminar news", "02/2025", tags=["seminar"], person="wei-huang")
    session.add(
        Source(
            name="wei-huang-homepage",
            url="https://weihuang05.github.io/",
            tags=["ml"],
            every_minutes=360,
            last_status="error",
            last_error="weihuang05.github.io: no answer within 15 s",
            failures=2,
            last_report={"created": 10, "updated": 1},
        )
    )
    session.commit()
    workshop = session.scalar(select(Item.id).where(Item.title.like("Theory of Deep Generative%")))
    subscriber = session.scalars(select(Subscriber).order_by(Subscriber.id)).first()
    assert workshop is not None and subscriber is not None
    return {"item": str(workshop), "token": subscriber.token, "subscriber": str(subscriber.id)}


def _sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/admin/login")
    page.fill("#email", "editor@example.org")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def _violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


def test_every_page_passes_axe_in_light_and_dark_and_is_photographed_at_two_widths(
    session: Session, live_server: str, browser: Any, app: Any, clock: Any
) -> None:
    ids = _seed(session, clock)
    subscriber = session.get(Subscriber, int(ids["subscriber"]))
    assert subscriber is not None
    confirm = confirm_token(secret_key(app.extensions["newsfeed.config"]), subscriber, clock.now)
    public = {
        "news": "/",
        "news-page-filtered": "/?kind=travel",
        "person": "/people/wei-huang",
        "kind": "/kinds/organizing",
        "tag": "/tags/seminar",
        "upcoming": "/upcoming",
        "item": f"/items/{ids['item']}",
        "follow": "/follow",
        "embed": "/embed/news?limit=5",
        "subscribe": "/subscribe",
        "preferences": f"/preferences/{ids['token']}",
        "unsubscribe": f"/unsubscribe/{ids['token']}",
        "confirm": f"/subscribe/confirm/{confirm}",
        "not-found": "/items/99999",
        "bad-request": "/?kind=bogus",
    }
    admin = {
        "admin-items": "/admin/",
        "admin-item-form": "/admin/items/new",
        "admin-item-edit": f"/admin/items/{ids['item']}",
        "admin-history": f"/admin/items/{ids['item']}/history",
        "admin-import": "/admin/import",
        "admin-sources": "/admin/sources",
        "admin-subscribers": "/admin/subscribers",
        "admin-digest-preview": f"/admin/subscribers/{ids['subscriber']}/preview",
        "admin-users": "/admin/users",
        "admin-people": "/admin/people",
        "admin-person": "/admin/people/wei-huang",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, list[str]] = {}
    for scheme in ("light", "dark"):
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors, page=page: errors.append(f"{page.url}: {exc}"))
            page.goto(f"{live_server}/admin/login")
            if width_name == "desktop" and scheme == "light":
                problems["admin-login"] = _violations(page)
            page.screenshot(path=str(SHOTS / f"admin-login-{width_name}-{scheme}.png"))
            _sign_in(page, live_server)
            for name, path in {**public, **admin}.items():
                response = page.goto(f"{live_server}{path}")
                assert response is not None
                expected = 404 if name == "not-found" else 400 if name == "bad-request" else 200
                assert response.status == expected, (name, response.status)
                if width_name == "desktop":  # axe judges the page, not the viewport: once per scheme
                    found = _violations(page)
                    if found:
                        problems[f"{name} ({scheme})"] = found
                page.screenshot(path=str(SHOTS / f"{name}-{width_name}-{scheme}.png"), full_page=True)
                if width_name == "phone":  # nothing wider than the phone: no sideways scrolling
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    assert overflow <= 1, (name, overflow)
            assert errors == [], errors
            context.close()
    blocking = {k: v for k, v in problems.items() if v}
    assert not blocking, "\n".join(f"{page}: {found}" for page, found in blocking.items())
    assert len(list(SHOTS.glob("*-phone-light.png"))) == len(public) + len(admin) + 1


def _focus_until(page: Any, selector: str, *, most: int = 60) -> None:
    """Tab until ``selector`` has the focus, checking each stop shows a visible focus ring."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            ring = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return s.outlineStyle + ' ' + s.outlineWidth }"
            )
            assert not ring.startswith("none"), (selector, ring)
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_subscribing_with_the_keyboard_alone(
    session: Session, live_server: str, browser: Any, clock: Any
) -> None:
    _seed(session, clock)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(f"{live_server}/subscribe")
    # the browser's own zone is chosen for them (the site's zone without JavaScript)
    assert page.eval_on_selector("#f-timezone", "el => el.value") == "Asia/Tokyo"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    _focus_until(page, "#f-email")
    page.keyboard.type("not an address")
    _focus_until(page, "#f-cadence")
    page.keyboard.press("ArrowDown")  # weekly → monthly
    _focus_until(page, "input[name=kinds][value=talk]")
    page.keyboard.press("Space")
    _focus_until(page, "#f-lead_days")
    page.keyboard.type("7, 1, 900")
    _focus_until(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#form-errors")
    fields = page.eval_on_selector_all("#form-errors li", "els => els.map(e => e.dataset.field)")
    assert fields == ["email", "lead_days"]  # every problem at once, what was typed kept
    assert page.eval_on_selector("input[name=kinds][value=talk]", "el => el.checked")
    assert page.eval_on_selector("#f-cadence", "el => el.value") == "monthly"
    assert page.eval_on_selector("#f-timezone", "el => el.value") == "Asia/Tokyo"
    # the error list's links move the focus to the field
    page.focus("#form-errors a[href='#f-email']")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#f-email"
    page.focus("#f-email")
    page.keyboard.press("Control+A")
    page.keyboard.type("keyboard@example.org")
    _focus_until(page, "#f-lead_days")
    page.keyboard.press("Control+A")
    page.keyboard.type("7, 1")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Check your inbox')")
    context.close()
    session.expire_all()
    stored = session.scalar(select(Subscriber).where(Subscriber.email == "keyboard@example.org"))
    assert stored is not None and stored.status == SubscriberStatus.PENDING
    assert (stored.cadence.value, stored.kinds, stored.timezone, stored.lead_days) == (
        "monthly",
        ["talk"],
        "Asia/Tokyo",
        [7, 1],
    )


def test_posting_an_item_with_the_keyboard_alone(
    session: Session, live_server: str, browser: Any, clock: Any
) -> None:
    _seed(session, clock)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/admin/login")
    _focus_until(page, "#email")
    page.keyboard.type("editor@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/admin/")
    page.goto(f"{live_server}/admin/items/new")
    _focus_until(page, "#title")
    page.keyboard.type("I will give an invited talk at the Vienna seminar on 12 March 2025")
    page.wait_for_selector("#kind-suggestion:not([hidden])")
    _focus_until(page, "#take-kind")
    page.keyboard.press("Enter")
    assert page.eval_on_selector("#kind", "el => el.value") == "talk"
    _focus_until(page, "#posted")
    page.keyboard.press("Control+A")  # the form starts with this month
    page.keyboard.type("Feb 2")
    page.wait_for_selector("#posted-preview:has-text('2025')")
    _focus_until(page, "input[name=m0_label]")
    page.keyboard.type("Talk")
    page.keyboard.press("Tab")
    page.keyboard.type("12 March 2025")
    page.keyboard.press("Tab")
    page.keyboard.type("14:00")
    page.keyboard.press("Tab")
    page.keyboard.type("Europe/Vienna")
    _focus_until(page, "#save")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/admin/items/\d+$|.*/admin/$"))
    context.close()
    session.expire_all()
    typed = "I will give an invited talk at the Vienna seminar on 12 March 2025"
    item = session.scalar(select(Item).where(Item.title == typed))
    assert item is not None
    assert item.kind == Kind.TALK and item.posted.display() == "2 Feb 2025"
    (talk,) = item.milestones
    assert (talk.label, talk.date.display()) == ("Talk", "12 Mar 2025, 14:00 Europe/Vienna")


def test_saving_preferences_from_a_browser_in_another_zone_keeps_the_stored_zone(
    session: Session, live_server: str, browser: Any, clock: Any
) -> None:
    """A Berlin subscriber changes only their cadence from a laptop set to Los Angeles time."""
    _seed(session, clock)
    prefs = read_preferences(session, cadence="weekly", timezone="Europe/Berlin")
    berlin = add_confirmed(session, "berlin@example.org", prefs, now=clock.now, confirmed=True)
    session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.goto(f"{live_server}/subscribe")
    assert page.eval_on_selector("#f-timezone", "el => el.value") == "America/Los_Angeles"  # new: theirs
    page.goto(f"{live_server}/preferences/{berlin.token}")
    assert page.eval_on_selector("#f-timezone", "el => el.value") == "Europe/Berlin"
    page.select_option("#f-cadence", "daily")
    page.click("button[type=submit]")
    page.wait_for_selector("p.flash:has-text('Saved')")
    context.close()
    session.expire_all()
    stored = session.get(Subscriber, berlin.id)
    assert stored is not None and (stored.cadence.value, stored.timezone) == ("daily", "Europe/Berlin")


@pytest.mark.parametrize(("width", "columns"), [(1280, 2), (1024, 2), (390, 1)])
def test_subscribe_and_preferences_forms_keep_their_columns_at_every_width(
    session: Session, live_server: str, browser: Any, clock: Any, width: int, columns: int
) -> None:
    """Every control (the checkboxes too) starts where the others start: right of the labels on a
    wide screen, under them on a phone; nothing is squeezed into the label column."""
    ids = _seed(session, clock)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("/subscribe", f"/preferences/{ids['token']}"):
        page.goto(f"{live_server}{path}")
        lefts = page.evaluate(
            """() => ['#f-cadence', '#f-kinds .choices', '#f-people .choices', '#f-tags', '#f-timezone']
                .map(s => document.querySelector(s)).filter(Boolean)
                .map(el => Math.round(el.getBoundingClientRect().left))"""
        )
        label_left = page.evaluate(
            "Math.round(document.querySelector('#l-kinds').getBoundingClientRect().left)"
        )
        assert len(lefts) == 5 and max(lefts) - min(lefts) <= 2, (path, width, lefts)
        if columns == 2:
            assert min(lefts) > label_left + 100, (path, width, lefts, label_left)
        else:
            assert abs(min(lefts) - label_left) <= 2, (path, width, lefts, label_left)
        first_box = page.evaluate(
            "document.querySelector('#f-kinds .choices label').getBoundingClientRect().width"
        )
        assert first_box > 40  # a checkbox with its word, not a squeezed column
    context.close()
