"""Configuration: one TOML file parsed into frozen, typed dataclasses and validated at start-up.

``NEWSFEED_CONFIG`` names the file (none: every default). ``NEWSFEED_<SECTION>_<KEY>`` environment
variables override single keys, e.g. ``NEWSFEED_DATABASE_URL`` or ``NEWSFEED_MAIL_SMTP_PORT``.
An unknown section or key, or a value of the wrong type, raises :class:`ConfigError` naming it.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsfeed.domain.dates.zones import UnknownZone, zone_of
from newsfeed.domain.urls import Urls


class ConfigError(ValueError):
    """The configuration cannot be used; the message names the key and what is wrong."""


# What [site] base_url is when not configured: `newsfeed serve --port` replaces it with its own address.
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


@dataclass(frozen=True)
class SiteConfig:
    title: str = "newsfeed"
    description: str = "Academic news and announcements"
    base_url: str = DEFAULT_BASE_URL
    timezone: str = "UTC"
    date_order: str = "dmy"
    language: str = "en"
    month_events: bool = False
    max_request_kb: int = 1024


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = ""
    echo: bool = False


@dataclass(frozen=True)
class MailConfig:
    transport: str = "console"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    security: str = "none"
    username: str = ""
    password: str = ""
    sender: str = "newsfeed@localhost"
    file_dir: str = ""
    timeout: float = 30.0
    max_message_kb: int = 5_000  # a larger message is not sent (Postfix refuses 10 MB by default)


@dataclass(frozen=True)
class FeedsConfig:
    limit: int = 50
    max_age: int = 300
    version_ttl: float = 1.0
    # An event written with a start time and no end (a talk at 14:00) lasts this long in calendars.
    event_minutes: int = 60
    # How often calendar apps are asked to look again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    calendar_refresh_hours: int = 6
    # A WebSub hub (e.g. https://pubsubhubbub.appspot.com/): feeds name it, and the scheduler
    # tells it which feeds changed after each change. Empty: no hub.
    websub_hub: str = ""


@dataclass(frozen=True)
class SourcesConfig:
    """Pages and feeds synced by the scheduler (``newsfeed sources``)."""

    every_hours: float = 6.0  # how often a new source is looked at, unless given
    min_every_minutes: int = 15  # no source is fetched more often than this
    timeout: float = 15.0  # seconds for connecting and for each read
    max_kb: int = 5_000  # a larger answer is refused
    max_redirects: int = 5
    max_items: int = 1_000  # items read from one fetch; the rest is cut, and the cut reported
    # Networks that may be fetched although private, loopback or link-local (comma separated,
    # e.g. "10.1.0.0/16, 127.0.0.1/32"); by default only public addresses are.
    allow_networks: str = ""


@dataclass(frozen=True)
class DigestsConfig:
    upcoming_days: int = 30
    send_hour: int = 8
    bounce_limit: int = 3
    confirm_hours: int = 72
    batch_size: int = 200
    lease_seconds: int = 300
    max_attempts: int = 8
    confirmations_per_day: int = 3
    signups_per_hour: int = 20
    max_items: int = 50  # items in one digest; more are counted, with a link to them all
    max_reminders: int = 20  # events in one reminder email; more are counted likewise


@dataclass(frozen=True)
class AdminConfig:
    secret_key: str = ""
    secure_cookies: bool = True
    login_attempts: int = 5
    lockout_minutes: int = 15
    address_attempts: int = 50
    account_attempts: int = 100
    concurrent_hashes: int = 2
    proxies: int = 0
    max_upload_mb: int = 20


@dataclass(frozen=True)
class LogConfig:
    """What the processes log: newsfeed's own events at ``level``, libraries only their
    warnings; ``format`` "text" (a line per event) or "json" (a JSON object per line)."""

    format: str = "text"
    level: str = "info"


@dataclass(frozen=True)
class MetricsConfig:
    """``/metrics`` (Prometheus): answered only to the addresses and networks listed (comma
    separated), by default this machine alone."""

    allow: str = "127.0.0.1, ::1"


@dataclass(frozen=True)
class ScholarlyConfig:
    """Where papers are read from (``newsfeed sources add ID --format arxiv|dblp|orcid|crossref|
    openreview``): each API's base address (a mirror, or a test server, may stand in; a loopback or
    private one must be allowed by ``[sources] allow_networks`` as for any source), how far back
    a new paper is proposed as news, and arXiv's published rate (one request every 3 seconds)."""

    arxiv_api: str = "https://export.arxiv.org/api/query"
    dblp_api: str = "https://dblp.org"
    orcid_api: str = "https://pub.orcid.org/v3.0"
    crossref_api: str = "https://api.crossref.org"
    openreview_api: str = "https://api2.openreview.net"
    # A paper whose event (preprint, publication) is older than this is stored, not proposed.
    propose_days: int = 90
    arxiv_seconds: float = 3.0
    # Email the accounts of a person, once a day at [digests] send_hour, when news was proposed.
    daily_email: bool = True


@dataclass(frozen=True)
class SocialConfig:
    """Posting news to Bluesky and Mastodon (``newsfeed social add``): the accounts live in the
    database, their secrets in the environment (``NEWSFEED_SOCIAL_<NAME>_SECRET``) or a file.
    An item is posted only if it went public after its account was added and at most
    ``max_age_hours`` before the sweep that plans it (an import or a backfill is never posted)."""

    max_age_hours: int = 24
    timeout: float = 20.0


@dataclass(frozen=True)
class Config:
    site: SiteConfig = field(default_factory=SiteConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    mail: MailConfig = field(default_factory=MailConfig)
    feeds: FeedsConfig = field(default_factory=FeedsConfig)
    digests: DigestsConfig = field(default_factory=DigestsConfig)
    admin: AdminConfig = field(default_factory=AdminConfig)
    sources: SourcesConfig = field(default_factory=SourcesConfig)
    scholarly: ScholarlyConfig = field(default_factory=ScholarlyConfig)
    social: SocialConfig = field(default_factory=SocialConfig)
    log: LogConfig = field(default_factory=LogConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    instance_path: str = "instance"

    @property
    def database_url(self) -> str:
        """The configured URL, or an SQLite file in the instance folder (zero set-up)."""
        if self.database.url:
            return self.database.url
        return f"sqlite:///{Path(self.instance_path).resolve() / 'newsfeed.sqlite3'}"

    @property
    def host(self) -> str:
        return urlsplit(self.site.base_url).hostname or "localhost"

    @property
    def urls(self) -> Urls:
        """The site's public URLs, absolute (for emails, feeds, calendars and the embed)."""
        return Urls.of(self.site.base_url)


_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("site", "date_order"): ("dmy", "mdy"),
    ("mail", "transport"): ("smtp", "console", "file"),
    ("mail", "security"): ("none", "starttls", "tls"),
    ("log", "format"): ("text", "json"),
    ("log", "level"): ("debug", "info", "warning", "error"),
}
_POSITIVE = {
    ("feeds", "limit"),
    ("feeds", "event_minutes"),
    ("scholarly", "propose_days"),
    ("social", "max_age_hours"),
    ("feeds", "calendar_refresh_hours"),
    ("digests", "upcoming_days"),
    ("digests", "bounce_limit"),
    ("digests", "confirm_hours"),
    ("digests", "batch_size"),
    ("digests", "lease_seconds"),
    ("digests", "max_attempts"),
    ("digests", "confirmations_per_day"),
    ("digests", "signups_per_hour"),
    ("digests", "max_items"),
    ("digests", "max_reminders"),
    ("mail", "max_message_kb"),
    ("sources", "max_items"),
    ("admin", "login_attempts"),
    ("admin", "lockout_minutes"),
    ("admin", "address_attempts"),
    ("admin", "account_attempts"),
    ("admin", "concurrent_hashes"),
    ("admin", "max_upload_mb"),
    ("site", "max_request_kb"),
    ("sources", "min_every_minutes"),
    ("sources", "max_kb"),
}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _sections() -> dict[str, type[Any]]:
    hints = typing.get_type_hints(Config)
    return {f.name: hints[f.name] for f in dataclasses.fields(Config) if f.name != "instance_path"}


def _coerce(where: str, kind: Any, value: Any, *, from_env: bool) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        if from_env and isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, bool):
            raise ConfigError(f"{where}: expected a whole number, got {value!r}")
        if isinstance(value, int):
            return value
        if from_env and isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise ConfigError(f"{where}: expected a whole number, got {value!r}")
    if kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if from_env and isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                pass
        raise ConfigError(f"{where}: expected a number, got {value!r}")
    if kind is str:
        if isinstance(value, str):
            return value
        raise ConfigError(f"{where}: expected text, got {value!r}")
    raise ConfigError(f"{where}: unsupported type")  # pragma: no cover


def _validate(config: Config) -> None:
    for (section, key), choices in _CHOICES.items():
        value = getattr(getattr(config, section), key)
        if value not in choices:
            raise ConfigError(f"[{section}] {key}: must be one of {', '.join(choices)}, got {value!r}")
    for section, key in _POSITIVE:
        if getattr(getattr(config, section), key) < 1:
            raise ConfigError(f"[{section}] {key}: must be at least 1")
    base = urlsplit(config.site.base_url)
    if base.scheme not in ("http", "https") or not base.hostname:
        raise ConfigError(f"[site] base_url: must be an http(s) URL, got {config.site.base_url!r}")
    hub = urlsplit(config.feeds.websub_hub) if config.feeds.websub_hub else None
    if hub is not None and (hub.scheme not in ("http", "https") or not hub.hostname):
        raise ConfigError(f"[feeds] websub_hub: must be an http(s) URL, got {config.feeds.websub_hub!r}")
    try:
        zone_of(config.site.timezone)
    except UnknownZone as exc:
        raise ConfigError(f"[site] timezone: {exc}") from None
    if not 0 <= config.digests.send_hour <= 23:
        raise ConfigError("[digests] send_hour: must be an hour from 0 to 23")
    if config.digests.lease_seconds <= config.mail.timeout:
        raise ConfigError(
            "[digests] lease_seconds: must be longer than [mail] timeout, so that a message being sent "
            "is never taken over by another sweep"
        )
    if not 0 < config.mail.smtp_port < 65536:
        raise ConfigError("[mail] smtp_port: must be a port number")
    if not 0 <= config.admin.proxies <= 5:
        raise ConfigError("[admin] proxies: the number of reverse proxies in front, from 0 to 5")
    if config.feeds.max_age < 0:
        raise ConfigError("[feeds] max_age: must not be negative")
    if not 0 <= config.feeds.version_ttl <= 60:
        raise ConfigError("[feeds] version_ttl: must be between 0 and 60 seconds")
    if not 0 < config.sources.timeout <= 300:
        raise ConfigError("[sources] timeout: must be between 0 and 300 seconds")
    if not 0 < config.social.timeout <= 300:
        raise ConfigError("[social] timeout: must be between 0 and 300 seconds")
    if config.sources.every_hours * 60 < config.sources.min_every_minutes:
        raise ConfigError("[sources] every_hours: must not be shorter than min_every_minutes")
    if not 0 <= config.sources.max_redirects <= 20:
        raise ConfigError("[sources] max_redirects: must be between 0 and 20")
    try:
        allowed_networks(config.sources.allow_networks)
    except ValueError as exc:
        raise ConfigError(f"[sources] allow_networks: {exc}") from None
    try:
        allowed_networks(config.metrics.allow)
    except ValueError as exc:
        raise ConfigError(f"[metrics] allow: {exc}") from None


def warnings_of(config: Config, *, listening: str | None = None) -> list[str]:
    """What an operator should fix though the configuration is valid: links that point at this
    machine's development address, session cookies a plain-http site never gets back."""
    out = []
    if config.site.base_url.rstrip("/") == DEFAULT_BASE_URL:
        where = f" (the server listens on {listening})" if listening else ""
        out.append(
            f"[site] base_url is the default {DEFAULT_BASE_URL}{where}: every link in emails, feeds and "
            "calendars points at it; set the address readers use (NEWSFEED_SITE_BASE_URL)"
        )
    if config.admin.secure_cookies and config.site.base_url.startswith("http://"):
        out.append(
            "[admin] secure_cookies is on but [site] base_url is plain http: browsers never send the "
            'session cookie back, so signing in fails ("CSRF session token is missing"); serve over '
            "https, or set secure_cookies = false for a plain-http test"
        )
    return out


def allowed_networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``[sources] allow_networks`` as networks ("127.0.0.1/32, 10.0.0.0/8")."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def build_config(
    data: Mapping[str, Any], env: Mapping[str, str] | None = None, *, source: str = ""
) -> Config:
    """A validated Config from parsed TOML data plus ``NEWSFEED_*`` overrides from ``env``."""
    prefix = f"{source}: " if source else ""
    sections = _sections()
    values: dict[str, dict[str, Any]] = {name: {} for name in sections}
    instance_path = "instance"
    for name, table in data.items():
        if name == "instance_path":
            instance_path = _coerce(f"{prefix}instance_path", str, table, from_env=False)
            continue
        if name not in sections:
            raise ConfigError(f"{prefix}unknown section [{name}] (known: {', '.join(sections)})")
        if not isinstance(table, Mapping):
            raise ConfigError(f"{prefix}[{name}] must be a table")
        hints = typing.get_type_hints(sections[name])
        for key, value in table.items():
            if key not in hints:
                raise ConfigError(f"{prefix}[{name}] {key}: unknown key (known: {', '.join(hints)})")
            values[name][key] = _coerce(f"{prefix}[{name}] {key}", hints[key], value, from_env=False)
    for var, raw in (env or {}).items():
        # NEWSFEED_CONFIG names the file; NEWSFEED_TEST_* and NEWSFEED_BENCH_* belong to the tests
        # and benchmarks. Every other NEWSFEED_* variable must name a key.
        if not var.startswith("NEWSFEED_") or var == "NEWSFEED_CONFIG":
            continue
        if var.startswith(("NEWSFEED_TEST_", "NEWSFEED_BENCH_")):
            continue
        if var.startswith("NEWSFEED_SOCIAL_") and var.endswith("_SECRET"):
            continue  # a social account's secret, read when it posts (never kept in the config)
        rest = var[len("NEWSFEED_") :].lower()
        if rest == "instance_path":
            instance_path = raw
            continue
        section, _, key = rest.partition("_")
        if section not in sections:
            raise ConfigError(f"{var}: unknown section {section!r} (known: {', '.join(sections)})")
        hints = typing.get_type_hints(sections[section])
        if key not in hints:
            raise ConfigError(f"{var}: unknown key {key!r} in [{section}] (known: {', '.join(hints)})")
        values[section][key] = _coerce(var, hints[key], raw, from_env=True)
    config = Config(
        instance_path=instance_path,
        **{name: cls(**values[name]) for name, cls in sections.items()},
    )
    _validate(config)
    return config


def load_config(path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read the file named by ``path`` or ``$NEWSFEED_CONFIG`` (or none), then the env overrides."""
    env = os.environ if env is None else env
    path = path or env.get("NEWSFEED_CONFIG") or None
    data: dict[str, Any] = {}
    source = ""
    if path:
        source = str(path)
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"{source}: configuration file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    return build_config(data, env, source=source)


def replace(config: Config, **sections: Mapping[str, Any]) -> Config:
    """A copy with some keys changed, validated: ``replace(cfg, site={"title": "Lab"})``."""
    changes: dict[str, Any] = {}
    for name, updates in sections.items():
        if name == "instance_path":
            changes[name] = updates
            continue
        changes[name] = dataclasses.replace(getattr(config, name), **updates)
    new = dataclasses.replace(config, **changes)
    _validate(new)
    return new


__all__ = ["Config", "ConfigError", "build_config", "load_config", "replace", "secret_key"]


def secret_key(config: Config) -> str:
    """The configured secret, or one generated once into the instance folder (zero set-up).

    The web app, the CLI and the scheduler all call this, so that links signed by one are
    accepted by the others. Made atomically: the key is written whole to a file of its own, then
    linked into place, which fails if another process got there first; that one's key is read
    instead. So processes starting together (gunicorn's workers, the scheduler) share one key.
    """
    if config.admin.secret_key:
        return config.admin.secret_key
    import os
    import secrets

    path = Path(config.instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    draft.write_text(secrets.token_urlsafe(48))
    draft.chmod(0o600)
    try:
        os.link(draft, path)  # atomic: the name appears with the whole key, or not at all
    except FileExistsError:
        pass  # another process made it first: theirs is the key
    finally:
        draft.unlink(missing_ok=True)
    return path.read_text().strip()
