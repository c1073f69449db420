"""Small text rules shared by every layer: slugs (pure)."""

from __future__ import annotations

import re

_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 80


def slugify(text: str) -> str:
    """ "Machine Learning" -> "machine-learning"; never empty ("x")."""
    return _SLUG.sub("-", text.lower()).strip("-")[:SLUG_MAX].strip("-") or "x"
