"""Every command of the `newsfeed` group: importing a group's module adds its commands."""

from . import dates, db, news, outbox, serve, sources, status, subscribers, users
from .app import main

__all__ = ["dates", "db", "main", "news", "outbox", "serve", "sources", "status", "subscribers", "users"]
