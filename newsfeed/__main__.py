"""`python -m newsfeed`: the same as the `newsfeed` command."""

from .entry import main

main()
