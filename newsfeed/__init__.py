"""newsfeed: academic news and announcements with fuzzy dates, as feeds, pages and email digests."""

__version__ = "0.1.0"
