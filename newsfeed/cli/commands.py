"""Every command of the `newsfeed` group: importing a group's module adds its commands."""

from . import (
    backup,
    build,
    dates,
    db,
    init,
    news,
    outbox,
    people,
    proposals,
    serve,
    social,
    sources,
    status,
    subscribers,
    users,
)
from .app import main

__all__ = [
    "backup",
    "build",
    "dates",
    "db",
    "init",
    "main",
    "news",
    "outbox",
    "people",
    "proposals",
    "serve",
    "social",
    "sources",
    "status",
    "subscribers",
    "users",
]
