"""The admin page's Social list: an account added with its secret typed in the form keeps the
secret in a file only the server reads and never shows it; bad input is a 400 naming the field;
an editor sees and adds only their own person's accounts; a stopped account shows why and
resumes."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Person, SocialAccount
from newsfeed.config import Config
from newsfeed.domain.vocab import Role
from tests.web.test_admin import add_user, sign_in, token

SECRET = "abcd-efgh-ijkl-mnop"  # noqa: S105 (a test app password)


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Config:
    from tests.conftest import make_config

    return make_config(tmp_path, database_url, sources={"allow_networks": "127.0.0.0/8"})


def _people(session: Session, password_hash: str) -> None:
    ada, bob = Person(slug="ada", name="Ada Lovelace"), Person(slug="bob", name="Bob Babbage")
    session.add_all([ada, bob])
    session.flush()
    add_user(session, password_hash, "root@example.org", role=Role.ADMIN)
    add_user(session, password_hash, "ada@example.org", role=Role.EDITOR, person_id=ada.id)


def test_an_account_keeps_its_typed_secret_in_a_private_file_and_never_shows_it(
    session: Session, password_hash: str, client: Any, config: Config
) -> None:
    _people(session, password_hash)
    assert sign_in(client, "root@example.org").status_code == 302
    csrf = token(client, "/admin/social")
    form = {"csrf_token": csrf, "name": "lab", "network": "mastodon", "url": "http://127.0.0.1:9",
            "secret": SECRET, "kinds": ["talk", "award"], "tags": "seminar"}  # fmt: skip
    assert client.post("/admin/social", data=form).status_code == 302
    account = session.scalar(select(SocialAccount))
    assert account is not None and account.kinds == ["talk", "award"] and account.tags == ["seminar"]
    secret_file = Path(account.secret_file or "")
    assert secret_file.read_text() == SECRET
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert SECRET not in client.get("/admin/social").data.decode()
    # bad input: 400 naming the field, the form kept without the secret
    bad = client.post("/admin/social", data={**form, "name": "lab", "secret": "another-secret"})
    assert bad.status_code == 400 and b'data-field="name"' in bad.data and b"another-secret" not in bad.data
    worse = client.post("/admin/social", data={**form, "name": "lab2", "network": "myspace"})
    assert worse.status_code == 400 and b'data-field="network"' in worse.data


def test_an_editor_sees_and_adds_only_their_own_persons_accounts_and_resumes_a_stopped_one(
    session: Session, password_hash: str, client: Any
) -> None:
    _people(session, password_hash)
    bob = session.scalar(select(Person).where(Person.slug == "bob"))
    assert bob is not None
    session.add(SocialAccount(name="bobs", network="mastodon", url="https://m.example", person_id=bob.id,
                              kinds=["talk"], tags=[]))  # fmt: skip
    session.commit()
    assert sign_in(client, "ada@example.org").status_code == 302
    csrf = token(client, "/admin/social")
    assert "bobs" not in client.get("/admin/social").data.decode()
    form = {
        "csrf_token": csrf,
        "name": "adas",
        "network": "mastodon",
        "url": "http://127.0.0.1:9",
        "person": "bob",
    }
    assert client.post("/admin/social", data=form).status_code == 302
    adas = session.scalar(select(SocialAccount).where(SocialAccount.name == "adas"))
    assert adas is not None and adas.person is not None and adas.person.slug == "ada"  # not bob: her own
    bobs = session.scalar(select(SocialAccount).where(SocialAccount.name == "bobs"))
    assert bobs is not None
    assert client.post(f"/admin/social/{bobs.id}/remove", data={"csrf_token": csrf}).status_code == 404
    adas.failing = "Mastodon refused the token (post): The access token is invalid"
    session.commit()
    page = html.fromstring(client.get("/admin/social").data)
    assert "Stopped: Mastodon refused the token" in page.text_content()
    assert client.post(f"/admin/social/{adas.id}/resume", data={"csrf_token": csrf}).status_code == 302
    session.expire_all()
    assert session.get(SocialAccount, adas.id).failing is None  # type: ignore[union-attr]
