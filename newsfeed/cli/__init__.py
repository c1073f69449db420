"""The command line: the only package that imports click (one module per command group)."""
