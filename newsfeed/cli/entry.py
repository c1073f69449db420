"""The `newsfeed` command.

`newsfeed dates batch` is a streaming filter (JSON lines in, JSON lines out) that tools call once
per file and time end to end; written exactly so, it starts without loading the command-line
framework. Everything else, that command with any other option included, is the click CLI in
:mod:`newsfeed.cli.commands`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["dates", "batch"]:
        from newsfeed.domain.dates.batch import run

        run(sys.stdin, sys.stdout)
        return
    from .commands import main as cli

    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
