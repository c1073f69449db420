"""The admin pages: items, import by paste or upload, people, sources, users, subscribers. Every route
needs a signed-in user; the permission matrix is :data:`~newsfeed.web.admin.common.ADMIN_ONLY`
and the editors' rule (their own person's items and sources only)."""

from . import imports, items, people, previews, proposals, social, sources, subscribers, users
from .common import ADMIN_ONLY, bp

__all__ = [
    "ADMIN_ONLY",
    "bp",
    "imports",
    "items",
    "people",
    "previews",
    "proposals",
    "social",
    "sources",
    "subscribers",
    "users",
]
