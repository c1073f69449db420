"""The social networks as clients: Bluesky through the ``atproto`` SDK, Mastodon through
Mastodon.py. Each call either does what it says or raises one of four errors, which the outbox
(:mod:`newsfeed.jobs.social`) turns into what happens next:

- :class:`RateLimited`: the network asked to wait (HTTP 429, or its rate-limit headers say
  nothing is left): the account waits until ``until``; nothing counts as an attempt;
- :class:`Revoked`: the credentials were refused (401/403): the account is marked failing with
  the reason, shown on the admin page, until someone fixes it;
- :class:`Temporary`: the network is down or answered 5xx: this post backs off and is retried;
- :class:`Rejected`: the network refused this post for good (4xx): it is failed with the reason.

**Bluesky** (https://docs.bsky.app/docs/advanced-guides/posts): a post is an
``app.bsky.feed.post`` record created with ``com.atproto.repo.createRecord`` under a record key
chosen by newsfeed (:func:`newsfeed.domain.social.record_key`), so that a post repeated after a
crash is found (``getRecord``) rather than posted twice; the session is created once with the app
password and then refreshed (its string is handed back to be kept), not re-created per post; the
``ratelimit-reset`` header of a 429 says until when to wait
(https://docs.bsky.app/docs/advanced-guides/rate-limits). Bluesky has no edit: an edited item's
post stays as posted.

**Mastodon** (https://docs.joinmastodon.org/methods/statuses/): ``POST /api/v1/statuses`` with an
``Idempotency-Key`` (the server answers a repeat with the first status for an hour), ``PUT
/api/v1/statuses/:id`` to edit, ``DELETE /api/v1/statuses/:id`` to delete; the instance's
``configuration.statuses.max_characters`` (``GET /api/v2/instance``,
https://docs.joinmastodon.org/methods/instance/#v2) bounds the text; ``X-RateLimit-Remaining``
and ``X-RateLimit-Reset`` are read by Mastodon.py (``ratelimit_method="throw"``: it raises
rather than sleeps, so one account's limit never blocks the others).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsfeed.domain.social import Post


class SocialError(Exception):
    """A network did not do what was asked; the reason is safe to show (no secret in it)."""


class RateLimited(SocialError):
    def __init__(self, message: str, until: dt.datetime) -> None:
        super().__init__(message)
        self.until = until


class Revoked(SocialError):
    pass


class Temporary(SocialError):
    pass


class Rejected(SocialError):
    pass


@dataclass(frozen=True)
class Posted:
    remote_id: str  # Bluesky: the at:// URI; Mastodon: the status id
    cid: str | None
    url: str | None


def _reset(value: Any, now: dt.datetime) -> dt.datetime:
    """A rate-limit reset as an instant: epoch seconds (Bluesky, Mastodon.py) or an ISO time."""
    try:
        return dt.datetime.fromtimestamp(float(value), dt.UTC)
    except (TypeError, ValueError):
        pass
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    except ValueError:
        return now + dt.timedelta(minutes=5)


class Bluesky:
    """One Bluesky account on its PDS (``url``, https://bsky.social unless it lives elsewhere)."""

    network = "bluesky"

    def __init__(
        self,
        url: str,
        handle: str,
        password: str,
        *,
        session: str | None,
        keep_session: Callable[[str], None],
        timeout: float,
    ) -> None:
        from atproto import Client
        from atproto_client.request import Request

        hooks = {"response": [self._note_limit]}
        self.client = Client(base_url=url.rstrip("/"), request=Request(timeout=timeout, event_hooks=hooks))
        self.wait_until: dt.datetime | None = None
        self.handle = handle
        self.password = password
        self.session = session
        self.keep_session = keep_session
        self.did: str | None = None

    def limit(self) -> int | None:
        return None  # 300 graphemes, fixed by the lexicon

    def close(self) -> None:
        self.client.request.close()

    def _note_limit(self, response: Any) -> None:
        """Every answer's ``ratelimit-remaining``: at 0, nothing more is asked until its reset."""
        remaining = response.headers.get("ratelimit-remaining")
        if remaining is not None and remaining.strip().isdigit() and int(remaining) <= 0:
            self.wait_until = _reset(response.headers.get("ratelimit-reset"), dt.datetime.now(dt.UTC))

    def _call(self, what: str, call: Callable[[], Any]) -> Any:
        from atproto_client import exceptions as ex

        if self.wait_until is not None and dt.datetime.now(dt.UTC) < self.wait_until:
            raise RateLimited(f"Bluesky's rate limit is used up ({what})", self.wait_until)
        try:
            return call()
        except (ex.NetworkError, ex.InvokeTimeoutError) as exc:
            raise Temporary(f"Bluesky could not be reached ({what}): {type(exc).__name__}") from None
        except ex.RequestErrorBase as exc:  # an answer other than 2xx
            response = exc.response
            status = response.status_code if response is not None else 0
            raw = (response.headers or {}) if response is not None else {}
            headers = {k.lower(): v for k, v in raw.items()}
            if status == 429:
                until = _reset(headers.get("ratelimit-reset"), dt.datetime.now(dt.UTC))
                raise RateLimited(f"Bluesky asked to wait ({what})", until) from None
            if status in (401, 403):
                raise Revoked(f"Bluesky refused the credentials ({what}): {_message(exc)}") from None
            if status >= 500 or status == 0:
                raise Temporary(f"Bluesky answered {status} ({what}): {_message(exc)}") from None
            raise Rejected(f"Bluesky refused it ({what}): {status} {_message(exc)}") from None

    def _sign_in(self) -> str:
        """The account's DID, signed in: the kept session (refreshed by the SDK when it runs out),
        or a new one with the app password when there is none or it was refused."""
        if self.did is not None:
            return self.did
        from atproto_client.client.session import Session, SessionEvent

        def changed(_event: SessionEvent, session: Session) -> None:
            self.keep_session(session.encode())

        self.client.on_session_change(changed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.session:
                try:
                    self._call("session", lambda: self.client.login(session_string=self.session,
                                                                    fetch_bsky_profile=False))  # fmt: skip
                except Revoked:
                    self.session = None
            if not self.session:
                self._call(
                    "sign-in", lambda: self.client.login(self.handle, self.password, fetch_bsky_profile=False)
                )
        exported = self.client.export_session_string()
        self.keep_session(exported)
        self.did = Session.decode(exported).did
        return self.did

    def check(self) -> str:
        """Who this account is, signed in (``newsfeed social test``)."""
        return f"{self.handle} ({self._sign_in()})"

    def post(self, post: Post, key: str) -> Posted:
        from atproto import models

        did = self._sign_in()
        found = self._find(did, key)
        if found is not None:  # posted before a crash kept it from being recorded
            return found
        facets = [
            models.AppBskyRichtextFacet.Main(
                index=models.AppBskyRichtextFacet.ByteSlice(byte_start=f.start, byte_end=f.end),
                features=[
                    models.AppBskyRichtextFacet.Link(uri=f.link)
                    if f.link is not None
                    else models.AppBskyRichtextFacet.Tag(tag=f.tag or "")
                ],
            )
            for f in post.facets
        ]
        external = models.AppBskyEmbedExternal.External(
            uri=post.card_url, title=post.card_title, description=post.card_description
        )
        record = models.AppBskyFeedPost.Record(
            text=post.text,
            created_at=self.client.get_current_time_iso(),
            facets=facets,
            embed=models.AppBskyEmbedExternal.Main(external=external),
            langs=[post.language] if post.language else None,
        )
        data = models.ComAtprotoRepoCreateRecord.Data(
            repo=did, collection="app.bsky.feed.post", rkey=key, record=record
        )
        made = self._call("post", lambda: self.client.com.atproto.repo.create_record(data))
        return Posted(made.uri, made.cid, _bsky_url(self.handle, made.uri))

    def _find(self, did: str, key: str) -> Posted | None:
        from atproto import models

        params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection="app.bsky.feed.post", rkey=key)
        try:
            found = self._call("look-up", lambda: self.client.com.atproto.repo.get_record(params))
        except Rejected:  # RecordNotFound
            return None
        return Posted(found.uri, found.cid, _bsky_url(self.handle, found.uri))

    def edit(self, remote_id: str, post: Post) -> None:
        raise Rejected("Bluesky posts cannot be edited")

    def delete(self, remote_id: str) -> None:
        from atproto import models

        did = self._sign_in()
        key = remote_id.rsplit("/", 1)[-1]
        data = models.ComAtprotoRepoDeleteRecord.Data(repo=did, collection="app.bsky.feed.post", rkey=key)
        self._call("delete", lambda: self.client.com.atproto.repo.delete_record(data))


def _bsky_url(handle: str, uri: str) -> str:
    return f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}"


def _message(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    content = getattr(response, "content", None)
    message = getattr(content, "message", None) or getattr(content, "error", None)
    return str(message or type(exc).__name__)[:300]


class Mastodon:
    """One Mastodon account on its instance (``url``), with its access token."""

    network = "mastodon"

    def __init__(self, url: str, token: str, *, timeout: float) -> None:
        from mastodon import Mastodon as Api

        self.api = Api(
            access_token=token,
            api_base_url=url.rstrip("/"),
            ratelimit_method="throw",
            request_timeout=timeout,
            version_check_mode="none",
            user_agent="newsfeed",
        )

    def _call(self, what: str, call: Callable[[], Any]) -> Any:
        from mastodon import errors as me

        try:
            return call()
        except me.MastodonRatelimitError:
            until = _reset(self.api.ratelimit_reset, dt.datetime.now(dt.UTC))
            raise RateLimited(f"Mastodon asked to wait ({what})", until) from None
        except me.MastodonUnauthorizedError as exc:
            raise Revoked(f"Mastodon refused the token ({what}): {_mastodon_reason(exc)}") from None
        except (me.MastodonServerError, me.MastodonNetworkError) as exc:
            raise Temporary(f"Mastodon could not do it ({what}): {_mastodon_reason(exc)}") from None
        except me.MastodonAPIError as exc:
            if _status(exc) == 403:
                raise Revoked(f"Mastodon refused the token ({what}): {_mastodon_reason(exc)}") from None
            raise Rejected(f"Mastodon refused it ({what}): {_mastodon_reason(exc)}") from None

    def close(self) -> None:
        self.api.session.close()

    def limit(self) -> int | None:
        """The instance's limit on a status's characters."""
        instance = self._call("instance", self.api.instance_v2)
        try:
            return int(instance["configuration"]["statuses"]["max_characters"])
        except (KeyError, TypeError, ValueError):
            return None

    def check(self) -> str:
        me = self._call("account", self.api.account_verify_credentials)
        return f"@{me['acct']}"

    def post(self, post: Post, key: str) -> Posted:
        status = self._call(
            "post",
            lambda: self.api.status_post(
                post.text, visibility="public", language=post.language or None, idempotency_key=key
            ),
        )
        return Posted(str(status["id"]), None, status.get("url"))

    def edit(self, remote_id: str, post: Post) -> None:
        self._call("edit", lambda: self.api.status_update(remote_id, post.text))

    def delete(self, remote_id: str) -> None:
        from mastodon import errors as me

        def delete() -> None:
            try:
                self.api.status_delete(remote_id)
            except me.MastodonNotFoundError:
                return  # gone already (deleted by hand): what was asked is true

        self._call("delete", delete)


def _status(exc: Exception) -> int:
    args = getattr(exc, "args", ())
    for value in args:
        if isinstance(value, int):
            return value
    return 0


def _mastodon_reason(exc: Exception) -> str:
    args = [a for a in getattr(exc, "args", ()) if isinstance(a, str)]
    return (args[-1] if args else type(exc).__name__)[:300]


Client = Bluesky | Mastodon
