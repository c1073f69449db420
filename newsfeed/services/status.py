"""How the installation is doing, for an operator (`newsfeed status`, /healthz, /metrics).

- **schema**: the database's Alembic revision against the one this code needs;
- **scheduler**: who holds the scheduler lease, until when, and how long ago its last tick
  started (the scheduler ticks every minute: older than :data:`TICK_STALE` means it is down);
- **deliveries**: what waits to be sent, what failed, what was sent in the last 24 hours, and how
  long the oldest pending email has been due;
- **sources**: how many there are and which fail, with their last error;
- **warnings**: what the configuration should fix (:func:`newsfeed.config.warnings_of`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters import state
from newsfeed.adapters.models import Delivery, Lease, Source, User
from newsfeed.config import Config, warnings_of
from newsfeed.domain.vocab import DeliveryStatus, Role

TICK_STALE = dt.timedelta(minutes=3)
SCHEDULER_LEASE = "scheduler"


@dataclass(frozen=True)
class Schema:
    revision: str | None
    expected: str | None

    @property
    def ok(self) -> bool:
        return self.revision is not None and self.revision == self.expected

    @property
    def problem(self) -> str | None:
        if self.revision is None:
            return "the database has no tables yet: run `newsfeed db upgrade`"
        if not self.ok:
            return f"the database is at revision {self.revision}, this newsfeed needs {self.expected}"
        return None


def scheduler_state(session: Session, *, now: dt.datetime) -> dict[str, Any]:
    lease = session.get(Lease, SCHEDULER_LEASE)
    tick = state.last(session, state.SCHEDULER_TICK)
    age = (now - tick[0]).total_seconds() if tick else None
    return {
        "lease_holder": lease.owner if lease is not None and lease.expires_at > now else None,
        "lease_until": lease.expires_at.isoformat() if lease is not None else None,
        "last_tick": tick[0].isoformat() if tick else None,
        "last_tick_by": tick[1] if tick else None,
        "last_tick_age_seconds": round(age, 1) if age is not None else None,
        "ok": age is not None and age <= TICK_STALE.total_seconds(),
    }


def deliveries_state(session: Session, *, now: dt.datetime) -> dict[str, Any]:
    counts = dict(
        session.execute(select(Delivery.status, func.count(Delivery.id)).group_by(Delivery.status)).all()
    )
    sent_24h = session.scalar(
        select(func.count(Delivery.id)).where(
            Delivery.status == DeliveryStatus.SENT, Delivery.sent_at > now - dt.timedelta(hours=24)
        )
    )
    oldest = session.scalar(
        select(func.min(Delivery.due_at)).where(
            Delivery.status.in_([DeliveryStatus.PENDING, DeliveryStatus.SENDING]), Delivery.due_at <= now
        )
    )
    if isinstance(oldest, str):  # SQLite gives an aggregate of a datetime column back as text
        oldest = dt.datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    return {
        "by_status": {str(k.value if hasattr(k, "value") else k): int(v) for k, v in counts.items()},
        "pending": int(counts.get(DeliveryStatus.PENDING, 0)) + int(counts.get(DeliveryStatus.SENDING, 0)),
        "failed": int(counts.get(DeliveryStatus.FAILED, 0)),
        "sent_24h": int(sent_24h or 0),
        "oldest_pending_due": oldest.isoformat() if oldest else None,
        "oldest_pending_age_seconds": round((now - oldest).total_seconds(), 1) if oldest else None,
    }


def sources_state(session: Session) -> dict[str, Any]:
    rows = session.execute(
        select(Source.name, Source.last_status, Source.failures, Source.last_error).order_by(Source.name)
    ).all()
    failing = [
        {"name": name, "failures": failures, "error": (error or "")[:300]}
        for name, status, failures, error in rows
        if status == "error"
    ]
    by_status: dict[str, int] = {}
    for _, status, _, _ in rows:
        by_status[status] = by_status.get(status, 0) + 1
    return {"total": len(rows), "by_status": by_status, "failing": failing}


def report(session: Session, config: Config, schema: Schema, *, now: dt.datetime) -> dict[str, Any]:
    """Everything ``newsfeed status --json`` prints (the schema only when it is not ready)."""
    out: dict[str, Any] = {
        "schema": {"revision": schema.revision, "expected": schema.expected, "ok": schema.ok},
        "scheduler": None,
        "deliveries": None,
        "sources": None,
        "warnings": warnings_of(config),
    }
    if schema.problem is not None:
        out["warnings"].append(schema.problem)
        return out
    out["scheduler"] = scheduler_state(session, now=now)
    out["deliveries"] = deliveries_state(session, now=now)
    out["sources"] = sources_state(session)
    if not out["scheduler"]["ok"]:
        out["warnings"].append(
            "no scheduler tick in the last 3 minutes: no email, scheduled post or source sync is "
            "happening (start `newsfeed scheduler`)"
        )
    if out["sources"]["failing"]:
        names = ", ".join(s["name"] for s in out["sources"]["failing"][:5])
        out["warnings"].append(f"{len(out['sources']['failing'])} source(s) failing: {names}")
    personless = list(
        session.scalars(select(User.email).where(User.role == Role.EDITOR, User.person_id.is_(None)).limit(6))
    )
    if personless:
        out["warnings"].append(
            f"editor account(s) without a person, allowed nothing until given one "
            f"(`newsfeed user set-person EMAIL SLUG`): {', '.join(personless[:5])}"
        )
    return out
