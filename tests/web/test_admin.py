"""The admin page through the Flask client: access control, CSRF, forms, XSS, rate limits, roles."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from pathlib import Path
from typing import Any

import feedparser
import pytest
from lxml import html
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, ItemRevision, LoginAttempt, Person, User
from newsfeed.domain.vocab import Role, Status
from tests.conftest import PASSWORD
from tests.html_checks import no_active_content

FIXTURES = Path(__file__).parent.parent / "fixtures"


def add_user(session: Session, password_hash: str, email: str = "admin@example.org", **kw: Any) -> User:
    user = User(email=email, password_hash=password_hash, role=kw.pop("role", Role.ADMIN), **kw)
    session.add(user)
    session.commit()
    return user


def token(client: Any, url: str = "/admin/login") -> str:
    page = client.get(url).data.decode()
    m = re.search(r'name="csrf_token" value="([^"]+)"', page) or re.search(
        r'name="csrf-token" content="([^"]+)"', page
    )
    assert m, page[:500]
    return m.group(1)


def sign_in(client: Any, email: str = "admin@example.org", password: str = PASSWORD, **extra: str) -> Any:
    return client.post(
        "/admin/login", data={"email": email, "password": password, "csrf_token": token(client), **extra}
    )


@pytest.fixture
def admin(session: Session, password_hash: str, client: Any) -> Any:
    add_user(session, password_hash)
    response = sign_in(client)
    assert response.status_code == 302
    return client


def item_form(csrf: str, **fields: str) -> dict[str, str]:
    form = {
        "csrf_token": csrf,
        "title": "Attending ICLR 2024",
        "kind": "travel",
        "status": "published",
        "visibility": "public",
        "publish_at": "",
        "posted": "05/2024",
        "body": "See you in **Vienna**.",
        "venue": "ICLR 2024",
        "location": "Vienna",
        "person": "",
        "tags": "conference, ml",
        "links": "https://iclr.cc ICLR\nslides: https://example.org/s.pdf My slides",
        "milestone_count": "2",
        "m0_label": "Trip",
        "m0_date": "06/05/2024 to 12/05/2024",
        "m0_time": "",
        "m0_zone": "",
        "m0_location": "Vienna",
        "m1_label": "",
        "m1_date": "",
        "m1_time": "",
        "m1_zone": "",
        "m1_location": "",
    }
    form.update(fields)
    return form


# ---------------------------------------------------------------------------------------------
# access control and CSRF


def test_every_admin_route_refuses_anonymous_users(app: Any, client: Any) -> None:
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or rule.endpoint in ("auth.login", "static"):
            continue
        url = re.sub(r"<(?:int:)?[^>]+>", "1", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            # a valid CSRF token, so that what refuses is the sign-in check, not the CSRF check
            response = client.open(url, method=method, data={"csrf_token": token(client)})
            checked += 1
            if rule.endpoint == "auth.logout":
                assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
                continue
            assert response.status_code in (302, 401), (method, url, response.status_code)
            if response.status_code == 302:
                assert response.headers["Location"].startswith("/admin/login")
    assert checked >= 14


def test_post_without_csrf_token_is_400(admin: Any, session: Session) -> None:
    response = admin.post(
        "/admin/items/new", data={k: v for k, v in item_form("x").items() if k != "csrf_token"}
    )
    assert response.status_code == 400
    assert b"CSRF" in response.data
    assert session.scalar(select(func.count(Item.id))) == 0
    assert admin.post("/admin/import/preview", data={"text": "* 05/2024 x"}).status_code == 400


def test_session_cookie_flags(
    session: Session, password_hash: str, tmp_path: Path, database_url: str, app_factory: Any
) -> None:
    from tests.conftest import make_config

    add_user(session, password_hash)
    secure = app_factory(make_config(tmp_path, database_url, admin={"secure_cookies": True})).test_client()
    response = sign_in(secure)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


@pytest.mark.password_strength
def test_passwords_are_hashed_at_asvs_strength(session: Session, runner: Any) -> None:
    result = runner(
        ["user", "create", "a@example.org", "--role", "admin", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0
    stored = session.scalar(select(User.password_hash))
    assert stored is not None and stored.startswith("scrypt:131072:8:1$")  # N = 2^17, p = 1


# ---------------------------------------------------------------------------------------------
# signing in and out


def test_sign_in_redirects_only_within_the_site(session: Session, password_hash: str, client: Any) -> None:
    add_user(session, password_hash)
    for target, expected in [
        ("/admin/import", "/admin/import"),
        ("https://evil.example/", "/admin/"),
        ("//evil.example/x", "/admin/"),
        ("/\\evil.example", "/admin/"),
        ("javascript:alert(1)", "/admin/"),
    ]:
        client.post("/admin/logout", data={"csrf_token": token(client, "/admin/login")})
        response = sign_in(client, next=target)
        assert response.status_code == 302
        assert response.headers["Location"] == expected, target


def test_sign_out_ends_the_session_server_side(session: Session, password_hash: str, app: Any) -> None:
    add_user(session, password_hash)
    browser = app.test_client()
    sign_in(browser)
    assert browser.get("/admin/").status_code == 200
    stolen = browser.get_cookie("session").value
    browser.post("/admin/logout", data={"csrf_token": token(browser, "/admin/")})
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login")


def test_a_new_sign_in_gets_a_new_session(session: Session, password_hash: str, app: Any) -> None:
    add_user(session, password_hash)
    first, second = app.test_client(), app.test_client()
    sign_in(first)
    old = first.get_cookie("session").value
    sign_in(second)  # the same account signs in elsewhere: the token rotates
    first_again = app.test_client()
    first_again.set_cookie("session", old)
    assert first_again.get("/admin/").status_code == 302


def test_wrong_password_is_400_without_saying_which_part(
    session: Session, password_hash: str, client: Any
) -> None:
    add_user(session, password_hash)
    response = sign_in(client, password="wrong")
    assert response.status_code == 400
    assert b"email or password" in response.data
    unknown = sign_in(client, email="nobody@example.org")
    assert unknown.status_code == 400 and b"email or password" in unknown.data


def test_rate_limit_per_account_and_address_counted_in_the_database(
    session: Session, password_hash: str, app: Any, app_factory: Any
) -> None:
    add_user(session, password_hash)
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, password="wrong").status_code == 400
    locked = sign_in(client)  # even the right password, now, from this address
    assert locked.status_code == 429
    assert b"too many failed sign-ins" in locked.data
    other_worker = app_factory(app.extensions["newsfeed.config"]).test_client()
    assert sign_in(other_worker).status_code == 429  # counted in the database: every worker knows
    # the owner, from another address, is not locked out by someone guessing from this one
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert sign_in(owner).status_code == 302
    failures = session.scalar(select(func.count(LoginAttempt.id)).where(LoginAttempt.success.is_(False)))
    assert failures == 5  # the five wrong passwords; refused attempts check nothing and are not kept


def test_rate_limit_per_address_across_accounts(
    session: Session, password_hash: str, app_factory: Any, config: Any, clock: Any
) -> None:
    from newsfeed.config import replace

    app = app_factory(replace(config, admin={"address_attempts": 5}))
    add_user(session, password_hash)
    client = app.test_client()
    for n in range(5):
        sign_in(client, email=f"guess{n}@example.org", password="x")
    assert sign_in(client).status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.8"
    assert sign_in(elsewhere).status_code == 302
    clock.advance(minutes=16)  # the wait is over
    assert sign_in(client).status_code == 302


def test_waits_grow_after_each_further_failure(
    session: Session, password_hash: str, client: Any, clock: Any
) -> None:
    add_user(session, password_hash)
    for _ in range(5):
        sign_in(client, password="wrong")
    clock.advance(minutes=16)
    assert sign_in(client, password="wrong").status_code == 400  # allowed again, and wrong again
    refused = sign_in(client)
    assert refused.status_code == 429 and b"try again in 30 minutes" in refused.data
    clock.advance(minutes=29)
    assert sign_in(client).status_code == 429  # still waiting
    clock.advance(minutes=2)
    last = sign_in(client)
    assert last.status_code == 302, last.data.decode()[-800:]


# ---------------------------------------------------------------------------------------------
# items


def test_create_with_a_fuzzy_date_then_find_it_in_the_feed(admin: Any, session: Session) -> None:
    preview = admin.get(
        "/admin/api/date", query_string={"text": "06/05/2024 to 12/05/2024", "role": "milestone"}
    )
    assert preview.json["label"] == "6–12 May 2024 · day precision"
    bad = admin.get("/admin/api/date", query_string={"text": "31/02/2024"})
    assert bad.json == {"ok": False, "error": "31/02/2024: February 2024 has 29 days"}
    timed = admin.get(
        "/admin/api/date", query_string={"text": "1 Feb 2025", "time": "11.59pm", "zone": "AoE"}
    )
    assert timed.json["instant"] == "2025-02-02T11:59:00Z"
    response = admin.post("/admin/items/new", data=item_form(token(admin, "/admin/items/new")))
    assert response.status_code == 302
    item = session.scalar(select(Item))
    assert item is not None
    assert (item.posted.grain, item.milestones[0].start, item.milestones[0].end) == (
        "month",
        dt.date(2024, 5, 6),
        dt.date(2024, 5, 12),
    )
    assert [link.rel for link in item.links] == ["url", "slides"]
    entries = feedparser.parse(admin.get("/feed.atom").data).entries
    assert [e.title for e in entries] == ["Attending ICLR 2024"]


def test_form_errors_name_the_field_and_keep_what_was_typed(admin: Any, session: Session) -> None:
    csrf = token(admin, "/admin/items/new")
    cases = [
        ({"posted": "13/13/2024"}, "posted: 13/13/2024: there is no month 13"),
        ({"title": "  "}, "title: a title is required"),
        ({"m0_date": "Feb 30, 2024"}, "milestones[1]: Feb 30, 2024: February 2024 has 29 days"),
        ({"m0_label": ""}, "milestones[1]: a dated milestone needs a label"),
        ({"status": "scheduled"}, "publish_at: a scheduled item needs a publication time"),
        ({"publish_at": "tomorrow"}, "publish_at: 'tomorrow' is not a date and time"),
        ({"links": "ftp://x.org"}, "links: line 1: 'ftp://x.org' is not an http(s) link"),
        ({"kind": "party"}, "kind: 'party' is not a kind (one of"),
    ]
    for fields, message in cases:
        response = admin.post("/admin/items/new", data=item_form(csrf, **fields))
        assert response.status_code == 400, fields
        page = htmllib.unescape(response.data.decode())
        assert message in page, message
        assert "Attending ICLR 2024" in page or "title" in fields
    assert session.scalar(select(func.count(Item.id))) == 0


def test_edit_keeps_history_and_retract_removes_from_feeds(admin: Any, session: Session) -> None:
    admin.post("/admin/items/new", data=item_form(token(admin, "/admin/items/new")))
    item = session.scalar(select(Item))
    assert item is not None
    csrf = token(admin, f"/admin/items/{item.id}")
    edited = item_form(csrf, title="Attending ICLR 2024 in Vienna", m0_date="07/05/2024 to 12/05/2024")
    assert admin.post(f"/admin/items/{item.id}", data=edited).status_code == 302
    assert admin.post(f"/admin/items/{item.id}", data=edited).status_code == 302  # no change: no revision
    session.expire_all()
    item = session.get(Item, item.id)
    assert item is not None and item.revision == 2
    page = admin.get(f"/admin/items/{item.id}/history").data.decode()
    assert "admin@example.org" in page and "Attending ICLR 2024 in Vienna" in page
    assert admin.post(f"/admin/items/{item.id}/retract", data={"csrf_token": csrf}).status_code == 302
    session.expire_all()
    assert session.get(Item, item.id).status == Status.RETRACTED  # type: ignore[union-attr]
    assert feedparser.parse(admin.get("/feed.atom").data).entries == []
    revisions = session.scalars(select(ItemRevision).order_by(ItemRevision.revision)).all()
    assert [r.revision for r in revisions] == [1, 2, 3]
    assert revisions[-1].changes["status"] == ["published", "retracted"]


def test_admin_list_searches_text_and_filters_by_status_and_kind(admin: Any, session: Session) -> None:
    csrf = token(admin, "/admin/items/new")
    admin.post("/admin/items/new", data=item_form(csrf))
    admin.post(
        "/admin/items/new", data=item_form(csrf, title="Paper at NeurIPS", kind="acceptance", status="draft")
    )
    assert "Paper at NeurIPS" in admin.get("/admin/?q=neurips").data.decode()
    assert "Attending ICLR" not in admin.get("/admin/?q=neurips").data.decode()
    assert "Paper at NeurIPS" not in admin.get("/admin/?status=published").data.decode()
    assert "Attending ICLR" in admin.get("/admin/?kind=travel").data.decode()
    assert admin.get("/admin/?kind=party").status_code == 400


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_xss_payloads_are_escaped_or_sanitised_everywhere(admin: Any, session: Session) -> None:
    csrf = token(admin, "/admin/items/new")
    form = item_form(
        csrf,
        title=f"Title {XSS}",
        body=f"Body {XSS} [click](javascript:alert(3)) <a href='javascript:alert(4)'>x</a>",
        links=f"https://example.org/{XSS.replace(' ', '')} {XSS}",
        m0_label=f"Label {XSS}",
        location=f"Place {XSS}",
    )
    assert admin.post("/admin/items/new", data=form).status_code == 302
    item = session.scalar(select(Item))
    assert item is not None
    pages = [
        "/admin/",
        f"/admin/items/{item.id}",
        f"/admin/items/{item.id}/history",
        "/",
        f"/items/{item.id}",
        "/upcoming",
    ]
    for url in pages:
        body = admin.get(url).data.decode()
        assert "<script>alert" not in body, url
        assert "<img src=x" not in body, url
        assert 'href="javascript:' not in body, url
    for url in ("/feed.atom", "/feed.rss", "/feed.json", "/calendar.ics"):
        body = admin.get(url).data.decode()
        assert "<script>alert" not in body, url
    preview = admin.post("/admin/api/markdown", data={"csrf_token": csrf, "body": XSS + "[a](javascript:x)"})
    no_active_content(preview.json["html"])
    for url in pages:
        page = html.fromstring(admin.get(url).data)
        for element in page.iter():
            if element.tag == "script":
                assert element.get("src") in ("/static/admin.js", "/static/public.js")  # none inline
                assert "alert" not in (element.text or "")
            assert not [a for a in element.attrib if str(a).lower().startswith("on")], (url, element.attrib)


# ---------------------------------------------------------------------------------------------
# roles


def test_editors_post_only_as_their_own_person(session: Session, password_hash: str, app: Any) -> None:
    ada = Person(slug="ada", name="Ada")
    alan = Person(slug="alan", name="Alan")
    session.add_all([ada, alan])
    session.commit()
    add_user(session, password_hash)
    add_user(session, password_hash, email="ada@example.org", role=Role.EDITOR, person_id=ada.id)
    boss, editor = app.test_client(), app.test_client()
    sign_in(boss)
    sign_in(editor, email="ada@example.org")
    boss.post(
        "/admin/items/new",
        data=item_form(token(boss, "/admin/items/new"), title="Alan's news", person="alan"),
    )
    editor.post(
        "/admin/items/new",
        data=item_form(token(editor, "/admin/items/new"), title="Ada's news", person="alan"),
    )
    by_title = {i.title: i for i in session.scalars(select(Item))}
    assert by_title["Ada's news"].person.slug == "ada"  # type: ignore[union-attr]  # forced, whatever was sent
    assert by_title["Alan's news"].person.slug == "alan"  # type: ignore[union-attr]
    listing = htmllib.unescape(editor.get("/admin/").data.decode())
    assert "Ada's news" in listing and "Alan's news" not in listing
    alans = by_title["Alan's news"].id
    assert editor.get(f"/admin/items/{alans}").status_code == 404
    assert editor.get("/admin/users").status_code == 403


def test_admins_create_editors_with_a_password_shown_once_and_no_duplicates(
    admin: Any, session: Session
) -> None:
    session.add(Person(slug="ada", name="Ada"))
    session.commit()
    csrf = token(admin, "/admin/users")
    response = admin.post(
        "/admin/users",
        data={"csrf_token": csrf, "email": "ada@example.org", "role": "editor", "person": "ada"},
    )
    assert response.status_code == 200
    assert "Password (shown once)" in response.data.decode()
    user = session.scalar(select(User).where(User.email == "ada@example.org"))
    assert user is not None and user.role == Role.EDITOR and user.person is not None
    again = admin.post(
        "/admin/users", data={"csrf_token": csrf, "email": "ada@example.org", "role": "editor"}
    )
    assert again.status_code == 400 and "email: a user ada@example.org exists already" in again.data.decode()


# ---------------------------------------------------------------------------------------------
# import by paste


def test_import_by_paste_preview_then_confirm(admin: Any, session: Session) -> None:
    text = (FIXTURES / "seeds" / "000_00131e9a34f93c5c.txt").read_text()
    csrf = token(admin, "/admin/import")
    preview = admin.post("/admin/import/preview", data={"csrf_token": csrf, "text": text, "format": "auto"})
    assert preview.status_code == 200
    page = preview.data.decode()
    assert "34 item(s) read as news" in page
    assert "“accepted”" in page and "“arrived in”" in page  # the rule beside each kind
    assert "6–12 May 2024 · Vienna" in page
    assert "day-first" in page
    assert session.scalar(select(func.count(Item.id))) == 0  # nothing written by a preview
    confirm = admin.post(
        "/admin/import/confirm", data={"csrf_token": csrf, "text": text, "path": "pasted", "format": "auto"}
    )
    assert "created 34, updated 0, unchanged 0, failed 0" in confirm.data.decode()
    assert session.scalar(select(func.count(Item.id))) == 34
    empty = admin.post("/admin/import/preview", data={"csrf_token": csrf, "text": "  "})
    assert empty.status_code == 400 and "text: paste a news list" in empty.data.decode()


def test_an_uploaded_news_list_is_previewed_then_imported(admin: Any) -> None:
    import io

    csrf = token(admin, "/admin/import")
    data = {
        "csrf_token": csrf,
        "text": "",
        "file": (io.BytesIO(b"## News\n* 05/2024 Gave a talk at MIT.\n"), "news.md"),
    }
    response = admin.post("/admin/import/preview", data=data, content_type="multipart/form-data")
    assert response.status_code == 200 and "1 item(s) read as news" in response.data.decode()
    table = b"date;headline\n2025-03-14;Paper accepted at ICML 2025.\n2025-01-20;Gave a talk at MIT.\n"
    data = {"csrf_token": csrf, "text": "", "file": (io.BytesIO(table), "news.csv")}
    response = admin.post("/admin/import/preview", data=data, content_type="multipart/form-data")
    assert response.status_code == 200 and "2 item(s) read as csv" in response.data.decode()
    # the file chooser offers every format the importer reads
    chooser = html.fromstring(admin.get("/admin/import").data).get_element_by_id("file")
    offered = set(chooser.get("accept").split(","))
    assert {
        ".md",
        ".qmd",
        ".html",
        ".yml",
        ".yaml",
        ".json",
        ".toml",
        ".csv",
        ".tsv",
        ".org",
        ".rst",
    } <= offered
    bad = {"csrf_token": csrf, "file": (io.BytesIO(b"\xff\xfe\x00bad"), "x.md")}
    assert (
        admin.post("/admin/import/preview", data=bad, content_type="multipart/form-data").status_code == 400
    )


def test_more_dates_than_an_item_may_have_are_refused_naming_the_field_never_dropped(
    admin: Any, session: Session
) -> None:
    def form(count: int, rows: int | None = None) -> dict[str, str]:
        fields = item_form(token(admin, "/admin/items/new"), milestone_count=str(rows or count))
        for i in range(count):
            fields |= {f"m{i}_label": f"Session {i + 1}", f"m{i}_date": f"{i % 28 + 1} Jun 2025"}
            fields |= {f"m{i}_time": "", f"m{i}_zone": "", f"m{i}_location": ""}
        return fields

    too_many = admin.post("/admin/items/new", data=form(21))
    assert too_many.status_code == 400
    page = html.fromstring(too_many.data)
    assert "at most 20 dates per item, not 21" in page.xpath("string(//*[@data-field='milestones'])")
    assert session.scalar(select(func.count(Item.id))) == 0
    rows = admin.post("/admin/items/new", data=form(3, rows=5000))
    assert rows.status_code == 400 and b"at most 100 rows of dates" in rows.data
    assert admin.post("/admin/items/new", data=form(20)).status_code == 302
    session.expire_all()
    (item,) = session.scalars(select(Item)).all()
    assert len(item.milestones) == 20
