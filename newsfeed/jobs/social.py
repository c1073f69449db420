"""The social outbox: posts, edits and deletes on Bluesky and Mastodon, each done once. A job: it
owns its transactions.

A run **plans** (:func:`newsfeed.services.social.plan_posts`, :func:`follow_changes`) and
commits; then, batch after batch, it **claims** due rows under a token of its own with a lease
(one conditional UPDATE: of two sweeps racing for a row exactly one takes it), commits, and for
each row asks the network, then **records** the answer (the remote ids, or what went wrong) only
while its token still holds the row, and commits.

**At most one post per item and account.** A sweep killed between the network's answer and its
record leaves the row held; when the lease runs out the next sweep does it again. That repeat
names the same post: Mastodon gets the same ``Idempotency-Key`` and answers with the status it
made the first time; on Bluesky the record key is fixed by the row
(:func:`newsfeed.domain.social.record_key`) and the post is looked up before it is created. So a
repeat is found, not posted.

**One account never blocks another.** A rate limit (429, or no requests left) makes that account
wait until the time the network gave, without counting an attempt; refused credentials mark the
account failing with the reason (shown on the admin page and by ``newsfeed social list``) and its
posts wait; a 5xx or an unreachable network backs that row off (2 minutes, doubling, at most 6
hours; failed after ``[digests] max_attempts``); a post the network refuses for good is failed
with the reason. The other accounts' rows go on in the same run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from newsfeed.adapters.leases import SOCIAL_POSTS
from newsfeed.adapters.models import SocialAccount, SocialPost
from newsfeed.adapters.queries import visible_condition
from newsfeed.adapters.social import (
    Bluesky,
    Client,
    Mastodon,
    Posted,
    RateLimited,
    Rejected,
    Revoked,
    SocialError,
    Temporary,
)
from newsfeed.config import Config
from newsfeed.domain.social import record_key
from newsfeed.services.social import due, follow_changes, plan_posts, post_of, secret_variable

log = logging.getLogger(__name__)
BATCH = 20
BACKOFF = dt.timedelta(minutes=2)
BACKOFF_MOST = dt.timedelta(hours=6)


@dataclass
class SocialReport:
    planned: int = 0
    changed: int = 0
    posted: int = 0
    edited: int = 0
    deleted: int = 0
    cancelled: int = 0
    failed: int = 0
    waiting: int = 0  # given back: rate-limited or failing accounts
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"social: {self.planned} planned, {self.posted} posted, {self.edited} edited, "
            f"{self.deleted} deleted, {self.cancelled} cancelled, {self.failed} failed, "
            f"{self.waiting} waiting"
        )


def secret_of(account: SocialAccount, environ: Mapping[str, str] | None = None) -> str:
    """The account's secret: ``NEWSFEED_SOCIAL_<NAME>_SECRET``, else its secret file."""
    environ = os.environ if environ is None else environ
    value = environ.get(secret_variable(account.name), "").strip()
    if value:
        return value
    if account.secret_file:
        try:
            return Path(account.secret_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise Revoked(f"the secret file cannot be read: {exc.strerror}") from None
    raise Revoked(f"no secret: set {secret_variable(account.name)} or give the account a secret file")


Connect = Callable[[SocialAccount, Callable[[str], None]], Client]


def connect(config: Config) -> Connect:
    """How a run makes an account's client (``keep_session``: where Bluesky's refreshed session
    goes, to be stored with the account)."""

    def make(account: SocialAccount, keep_session: Callable[[str], None]) -> Client:
        secret = secret_of(account)
        if account.network == "bluesky":
            return Bluesky(account.url, account.handle or "", secret, session=account.session,
                           keep_session=keep_session, timeout=config.social.timeout)  # fmt: skip
        return Mastodon(account.url, secret, timeout=config.social.timeout)

    return make


def deliver(
    sessions: sessionmaker[Session],
    *,
    now: dt.datetime,
    config: Config,
    make_client: Connect | None = None,
    stop: threading.Event | None = None,
    plan: bool = True,
    after_answer: Callable[[SocialPost], None] | None = None,
) -> SocialReport:
    """Plan, then claim and do what is due, batch by batch. ``after_answer``: called between the
    network's answer and its record (the tests kill a run there)."""
    report = SocialReport()
    make_client = make_client or connect(config)
    if plan:
        with sessions() as session:
            report.planned = plan_posts(session, now=now, config=config)
            report.changed = follow_changes(session, now=now, config=config)
            session.commit()
    lease = dt.timedelta(seconds=config.social.timeout * 4 + 30)
    with sessions() as session:
        while not (stop is not None and stop.is_set()):
            token = uuid.uuid4().hex
            _reclaim(session, now)
            ids = list(
                session.scalars(select(SocialPost.id).where(due(now)).order_by(SocialPost.id).limit(BATCH))
            )
            if not ids:
                break
            SOCIAL_POSTS.take(session, SocialPost.id.in_(ids) & (SocialPost.status == "pending"), token,
                              now=now, until=now + lease)  # fmt: skip
            session.execute(
                update(SocialPost)
                .where(
                    SocialPost.id.in_(ids), SocialPost.lease_owner == token, SocialPost.status == "pending"
                )
                .values(status="sending")
                .execution_options(synchronize_session=False)
            )
            session.commit()
            rows = list(
                session.scalars(
                    select(SocialPost)
                    .where(SocialPost.lease_owner == token, SocialPost.status == "sending")
                    .order_by(SocialPost.id)
                    .options(selectinload(SocialPost.account), selectinload(SocialPost.item))
                )
            )
            if not rows:
                continue  # another sweep took them all
            run = _Run(session, token, now, config, make_client, report, after_answer)
            try:
                run.run(rows)
            finally:
                run.close()
            session.expunge_all()
    return report


def _reclaim(session: Session, now: dt.datetime) -> None:
    """Rows whose lease ran out (their sweep died or stalled) go back to pending."""
    session.execute(
        update(SocialPost)
        .where(SocialPost.status == "sending", SOCIAL_POSTS.expired(now))
        .values(status="pending", lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()


class _Run:
    def __init__(
        self,
        session: Session,
        token: str,
        now: dt.datetime,
        config: Config,
        make_client: Connect,
        report: SocialReport,
        after_answer: Callable[[SocialPost], None] | None,
    ) -> None:
        self.session, self.token, self.now, self.config = session, token, now, config
        self.make_client, self.report, self.after_answer = make_client, report, after_answer
        self.clients: dict[int, Client] = {}
        self.stopped: set[int] = set()  # accounts that must wait: their rows are given back

    def run(self, rows: list[SocialPost]) -> None:
        visible = set(
            self.session.scalars(
                select(SocialPost.item_id)
                .join(SocialPost.item)
                .where(SocialPost.lease_owner == self.token, visible_condition(self.now))
            )
        )
        for row in rows:
            if row.account_id in self.stopped:
                self._record(row, status="pending")
                self.report.waiting += 1
                continue
            try:
                self._do(row, row.item_id in visible)
            except RateLimited as exc:
                self._stop_account(row, limit_until=exc.until)
                self._record(row, status="pending", error=str(exc))
                self.report.waiting += 1
            except Revoked as exc:
                self._stop_account(row, failing=str(exc))
                self._record(row, status="pending", error=str(exc))
                self.report.waiting += 1
            except Temporary as exc:
                self._retry(row, str(exc))
            except (Rejected, SocialError) as exc:
                self._record(row, status="failed", error=str(exc))
                self.report.failed += 1
                self.report.errors.append(f"social post {row.id}: {exc}")

    def close(self) -> None:
        for client in self.clients.values():
            client.close()

    def _client(self, account: SocialAccount) -> Client:
        client = self.clients.get(account.id)
        if client is None:
            account_id = account.id

            def keep(session_string: str) -> None:
                self.session.execute(
                    update(SocialAccount).where(SocialAccount.id == account_id).values(session=session_string)
                )
                self.session.commit()

            client = self.make_client(account, keep)
            self.clients[account.id] = client
            if account.network == "mastodon" and account.max_characters is None:
                try:
                    most = client.limit()
                except (RateLimited, Temporary, Rejected):
                    most = None  # the default (500) until the instance says; the post goes on
                if most:
                    account.max_characters = most
                    self.session.execute(
                        update(SocialAccount)
                        .where(SocialAccount.id == account_id)
                        .values(max_characters=most)
                    )
                    self.session.commit()
        return client

    def _do(self, row: SocialPost, visible: bool) -> None:
        account = row.account
        if row.action in ("post", "edit") and not visible:
            if row.remote_id is None:  # retracted before it was posted
                self._record(row, status="cancelled", error="the item is no longer public")
                self.report.cancelled += 1
                return
            row.action = "delete"
        if row.action == "delete":
            if row.remote_id is not None:
                self._client(account).delete(row.remote_id)
                self._answered(row)
            self._record(row, status="done", action="delete")
            self.report.deleted += 1
            return
        assert row.item is not None
        post = post_of(row.item, account, self.config)
        client = self._client(account)
        if row.action == "edit" and row.remote_id is not None:
            client.edit(row.remote_id, post)
            self._answered(row)
            self._record(row, status="done", text_hash=post.digest)
            self.report.edited += 1
            return
        key = record_key(row.id, int(row.created_at.timestamp() * 1_000_000))
        posted: Posted = client.post(post, key if account.network == "bluesky" else row.idempotency_key)
        self._answered(row)
        self._record(row, status="done", posted=posted, text_hash=post.digest)
        self.report.posted += 1

    def _answered(self, row: SocialPost) -> None:
        if self.after_answer is not None:
            self.after_answer(row)

    def _stop_account(
        self, row: SocialPost, *, limit_until: dt.datetime | None = None, failing: str | None = None
    ) -> None:
        self.stopped.add(row.account_id)
        values: dict[str, object] = {}
        if limit_until is not None:
            values["limit_until"] = limit_until
        if failing is not None:
            values["failing"] = failing[:1000]
            log.warning("social account %s stopped: %s", row.account.name, failing)
        self.session.execute(update(SocialAccount).where(SocialAccount.id == row.account_id).values(**values))

    def _retry(self, row: SocialPost, error: str) -> None:
        attempts = row.attempts + 1
        if attempts >= self.config.digests.max_attempts:
            self._record(
                row, status="failed", attempts=attempts, error=f"gave up after {attempts} attempts: {error}"
            )
            self.report.failed += 1
            return
        wait = min(BACKOFF * (2 ** (attempts - 1)), BACKOFF_MOST)
        self._record(row, status="pending", attempts=attempts, error=error, next_attempt_at=self.now + wait)
        self.report.errors.append(f"social post {row.id}: {error} (again in {wait})")

    def _record(
        self,
        row: SocialPost,
        *,
        status: str,
        error: str | None = None,
        action: str | None = None,
        posted: Posted | None = None,
        text_hash: str | None = None,
        attempts: int | None = None,
        next_attempt_at: dt.datetime | None = None,
    ) -> None:
        """Write what happened to ``row``, only while this run's token still holds it."""
        values: dict[str, object] = {"status": status, "lease_owner": None, "lease_until": None}
        if error is not None:
            values["last_error"] = error[:1000]
        if action is not None:
            values["action"] = action
        if posted is not None:
            values.update(remote_id=posted.remote_id, remote_cid=posted.cid, remote_url=posted.url,
                          posted_at=self.now)  # fmt: skip
        if text_hash is not None:
            values["text_hash"] = text_hash
        if attempts is not None:
            values["attempts"] = attempts
        values["next_attempt_at"] = next_attempt_at  # a wait for the account is not an attempt
        self.session.execute(
            update(SocialPost)
            .where(SocialPost.id == row.id, SocialPost.lease_owner == self.token)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        self.session.commit()
