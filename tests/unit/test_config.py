"""Configuration: defaults, the TOML file, NEWSFEED_* overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfeed.config import ConfigError, build_config, load_config

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_file() -> None:
    config = load_config(env={})
    assert config.site.date_order == "dmy"
    assert config.database_url.startswith("sqlite:///") and config.database_url.endswith("newsfeed.sqlite3")
    assert config.feeds.limit == 50


def test_example_file_documents_every_key_with_its_default() -> None:
    """config.example.toml lists every key, and its values are the defaults."""
    import dataclasses
    import tomllib

    data = tomllib.loads((ROOT / "config.example.toml").read_text())
    default = build_config({}, env={})
    example = build_config(data, env={})
    for section in (
        "site",
        "database",
        "mail",
        "feeds",
        "digests",
        "admin",
        "sources",
        "scholarly",
        "log",
        "metrics",
    ):
        keys = {f.name for f in dataclasses.fields(getattr(default, section))}
        assert set(data[section]) == keys, section
        assert getattr(example, section) == getattr(default, section), section


def test_file_and_environment_overrides(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[site]\ntitle = "Lab"\n[mail]\nsmtp_port = 2525\n')
    env = {
        "NEWSFEED_CONFIG": str(path),
        "NEWSFEED_DATABASE_URL": "postgresql+psycopg://db/news",
        "NEWSFEED_SITE_BASE_URL": "https://news.example.org",
        "NEWSFEED_MAIL_SMTP_HOST": "mail.example.org",
        "NEWSFEED_MAIL_SMTP_PORT": "587",
        "NEWSFEED_MAIL_SENDER": "news@example.org",
        "NEWSFEED_ADMIN_SECURE_COOKIES": "false",
    }
    config = load_config(env=env)
    assert config.site.title == "Lab"
    assert config.database_url == "postgresql+psycopg://db/news"
    assert config.site.base_url == "https://news.example.org"
    assert config.host == "news.example.org"
    assert (config.mail.smtp_host, config.mail.smtp_port, config.mail.sender) == (
        "mail.example.org",
        587,
        "news@example.org",
    )
    assert config.admin.secure_cookies is False


@pytest.mark.parametrize(
    ("data", "env", "message"),
    [
        ({"site": {"titel": "x"}}, {}, r"\[site\] titel: unknown key"),
        ({"sight": {}}, {}, r"unknown section \[sight\]"),
        ({"mail": {"smtp_port": "25"}}, {}, r"\[mail\] smtp_port: expected a whole number"),
        ({"admin": {"secure_cookies": "false"}}, {}, r"\[admin\] secure_cookies: expected true or false"),
        ({"site": {"date_order": "ymd"}}, {}, r"\[site\] date_order: must be one of dmy, mdy"),
        ({"site": {"timezone": "Mars/Olympus"}}, {}, r"\[site\] timezone: unknown time zone"),
        ({"site": {"base_url": "news.example.org"}}, {}, r"\[site\] base_url"),
        ({}, {"NEWSFEED_MAIL_SMTP_PORT": "twenty"}, r"NEWSFEED_MAIL_SMTP_PORT: expected a whole number"),
        (
            {},
            {"NEWSFEED_ADMIN_SECURE_COOKIES": "maybe"},
            r"NEWSFEED_ADMIN_SECURE_COOKIES: expected true or false",
        ),
        ({}, {"NEWSFEED_SITE_COLOUR": "red"}, r"NEWSFEED_SITE_COLOUR: unknown key 'colour'"),
        ({"feeds": {"limit": 0}}, {}, r"\[feeds\] limit: must be at least 1"),
    ],
)
def test_bad_configuration_names_the_key(data: dict[str, object], env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_config(data, env=env)


def test_false_really_is_false_in_the_environment() -> None:
    for raw, expected in [
        ("false", False),
        ("0", False),
        ("no", False),
        ("true", True),
        ("1", True),
        ("on", True),
    ]:
        assert build_config({}, env={"NEWSFEED_ADMIN_SECURE_COOKIES": raw}).admin.secure_cookies is expected


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", env={})
    bad = tmp_path / "bad.toml"
    bad.write_text("[site\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad, env={})


def test_test_and_bench_variables_are_not_configuration() -> None:
    env = {
        "NEWSFEED_TEST_OUTPUT": "/tmp/x",
        "NEWSFEED_BENCH_DATABASE_URL": "sqlite://",
        "NEWSFEED_CONFIG": "",
    }
    assert build_config({}, env=env).site.title == "newsfeed"
