"""Importers: text in, items out (pure)."""
