"""Tell the WebSub hub which feeds changed (:mod:`newsfeed.services.websub`): the scheduler runs
this after each sweep, under its lease, so one scheduler tells it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.fetch import FetchError, post_form
from newsfeed.config import Config
from newsfeed.services.websub import Told, changed_topics, pause_after, pending, record

log = logging.getLogger(__name__)
TIMEOUT = 10.0

Post = Callable[[str, list[tuple[str, str]]], int]


def _post(url: str, fields: list[tuple[str, str]]) -> int:
    return post_form(url, fields, timeout=TIMEOUT)


def tell_hub(sessions: sessionmaker[Session], config: Config, *, now: dt.datetime, post: Post = _post) -> str:
    """One try: "off" (no hub), "current" (nothing new), "waiting" (after a failure), "told", or
    "failed: why" (tried again after a pause)."""
    hub = config.feeds.websub_hub
    if not hub:
        return "off"
    with sessions() as session:
        version, state = pending(session)
        if version == state.version:
            return "current"
        if state.next_at is not None and state.next_at > now:
            return "waiting"
        topics = changed_topics(session, config, since=state.at)
    problem = None
    for topic in topics:  # one feed per request: every hub takes that form
        try:
            post(hub, [("hub.mode", "publish"), ("hub.url", topic)])
        except FetchError as exc:
            problem = str(exc)
            break
    with sessions() as session:
        if problem is None:
            record(session, Told(version, now), now=now)
        else:
            failures = state.failures + 1
            later = Told(state.version, state.at, failures, now + pause_after(failures), problem)
            record(session, later, now=now)
        session.commit()
    if problem is not None:
        log.warning("the WebSub hub was not told (%s): trying again later", problem)
        return f"failed: {problem}"
    log.info("told the WebSub hub about %d feeds", len(topics))
    return "told"
