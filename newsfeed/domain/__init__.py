"""The domain: pure values and rules (no Flask, SQLAlchemy, click, clock or I/O).

Dates, importers, kinds and the other vocabularies, selections, what is upcoming, digest periods,
public URLs, links, text, addresses and errors. Everything else builds on these; they build on
nothing of this package outside this folder.
"""
