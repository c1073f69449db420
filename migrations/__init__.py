"""Alembic migrations; `newsfeed db upgrade` applies them."""
