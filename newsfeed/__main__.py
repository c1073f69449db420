"""`python -m newsfeed`: the same as the `newsfeed` command."""

from newsfeed.cli.entry import main

main()
