"""What an operator's tools ask the web app: health for load balancers and monitoring, metrics
for Prometheus.

- ``/healthz``: the database answers and is at the schema this code needs; otherwise 503 with
  the reason (a load balancer takes the worker out, the reason is in the answer);
- ``/healthz/scheduler``: the scheduler's last tick started less than three minutes ago;
  otherwise 503 (a monitor pages someone: no email leaves without it);
- ``/metrics``: Prometheus' text format, only to the addresses ``[metrics] allow`` names
  (others get 404, as if there were nothing here). Requests by route and status and render
  durations are counted by this worker; deliveries by status, sources by their last result and
  the scheduler's last tick and sweep are read from the database at each scrape, so every worker
  answers the same for them.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from newsfeed.adapters import schema, state
from newsfeed.config import allowed_networks
from newsfeed.services.status import deliveries_state, scheduler_state, sources_state

from .database import get_config, get_session, now

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    problem = schema.problem(current_app.extensions["newsfeed.sessions"].kw["bind"])
    if problem is not None:
        return {"status": "unavailable", "reason": problem}, 503
    return {"status": "ok", "schema": schema.HEAD}, 200


@bp.get("/healthz/scheduler")
def scheduler_health() -> tuple[dict[str, Any], int]:
    found = scheduler_state(get_session(), now=now())
    if not found["ok"]:
        age = found["last_tick_age_seconds"]
        reason = (
            "no scheduler has ever ticked"
            if age is None
            else f"the last tick started {age:.0f} s ago (more than 180 s)"
        )
        return {"status": "unavailable", "reason": reason, **found}, 503
    return {"status": "ok", **found}, 200


@bp.get("/metrics")
def metrics() -> Response:
    allowed = allowed_networks(get_config().metrics.allow)
    try:
        address = ipaddress.ip_address((request.remote_addr or "").split("%")[0])
    except ValueError:
        abort(404)
    if not any(address in network for network in allowed):
        abort(404)
    registry: CollectorRegistry = current_app.extensions["newsfeed.metrics"].registry
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


class Metrics:
    """The app's Prometheus registry (one per app: several apps in one process never collide)."""

    def __init__(self, app: Flask) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "newsfeed_requests",
            "Requests answered, by route and status",
            ["route", "status"],
            registry=self.registry,
        )
        self.render = Histogram(
            "newsfeed_render_seconds",
            "Time to render a feed, calendar or list page that was not cached",
            ["kind"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
        )
        self.registry.register(_DatabaseCollector(app))

    def count(self, route: str, status: int) -> None:
        self.requests.labels(route=route, status=str(status)).inc()


class _DatabaseCollector(Collector):
    """What the database says at scrape time."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[GaugeMetricFamily]:
        sessions = self.app.extensions["newsfeed.sessions"]
        at = self.app.extensions["newsfeed.clock"]()
        try:
            with sessions() as session:
                deliveries = deliveries_state(session, now=at)
                sources = sources_state(session)
                scheduler = scheduler_state(session, now=at)
                sweep = state.last(session, state.LAST_SWEEP)
        except Exception:  # a database that cannot answer: /healthz says so; metrics say nothing
            return
        family = GaugeMetricFamily("newsfeed_deliveries", "Deliveries by status", labels=["status"])
        for status, n in sorted(deliveries["by_status"].items()):
            family.add_metric([status], n)
        yield family
        yield GaugeMetricFamily(
            "newsfeed_deliveries_sent_24h",
            "Deliveries sent in the last 24 hours",
            value=deliveries["sent_24h"],
        )
        yield GaugeMetricFamily(
            "newsfeed_oldest_pending_delivery_seconds",
            "How long the oldest due delivery has waited (0: none waits)",
            value=deliveries["oldest_pending_age_seconds"] or 0,
        )
        family = GaugeMetricFamily(
            "newsfeed_sources", "Sources by the result of their last fetch", labels=["result"]
        )
        for status, n in sorted(sources["by_status"].items()):
            family.add_metric([status], n)
        yield family
        age = scheduler["last_tick_age_seconds"]
        yield GaugeMetricFamily(
            "newsfeed_scheduler_last_tick_age_seconds",
            "Seconds since the scheduler's last tick started (-1: never)",
            value=age if age is not None else -1,
        )
        if sweep is not None and sweep[1]:
            report = json.loads(sweep[1])
            yield GaugeMetricFamily(
                "newsfeed_last_sweep_seconds",
                "Duration of the last outbox sweep",
                value=report.get("seconds", 0),
            )
            family = GaugeMetricFamily(
                "newsfeed_last_sweep_messages", "Messages of the last sweep by outcome", labels=["outcome"]
            )
            for outcome in ("sent", "retried", "failed", "cancelled"):
                family.add_metric([outcome], report.get(outcome, 0))
            yield family


def init_app(app: Flask) -> None:
    metrics = Metrics(app)
    app.extensions["newsfeed.metrics"] = metrics

    @app.after_request
    def _counted(response: Response) -> Response:
        rule = request.url_rule.rule if request.url_rule is not None else "(no route)"
        metrics.count(rule, response.status_code)
        return response

    app.register_blueprint(bp)


def observe_render(kind: str, seconds: float) -> None:
    metrics: Metrics | None = current_app.extensions.get("newsfeed.metrics")
    if metrics is not None:
        metrics.render.labels(kind=kind).observe(seconds)
