"""The GitHub Actions workflow `newsfeed init github` writes (pure): on every push and once a day
it imports the repository's News, builds the site and deploys it to GitHub Pages.

Each run starts from an empty SQLite database: the repository's News (an al-folio ``_news/``
folder, a ``_data/news.yml``, a Markdown page…) is the single source, so what is on Pages is
exactly what the repository holds, and the daily run keeps countdowns and "coming up" right
and publishes scheduled items on their day. The steps are the README's commands, nothing else.
"""

from __future__ import annotations

import json

WORKFLOW = """\
# Written by `newsfeed init github`: the News in @SOURCE@ as a site on GitHub Pages (feeds,
# calendars, an embeddable list, news.json). Turn Pages on with "GitHub Actions" as the source:
# Settings -> Pages -> Build and deployment -> Source.
name: newsfeed

on:
  push:
    branches: [@BRANCH@]
  schedule:
    - cron: "@CRON@"  # daily: countdowns, "coming up" and scheduled items stay right
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    env:
      NEWSFEED_DATABASE_URL: sqlite:///${{ github.workspace }}/.newsfeed/news.sqlite3
      NEWSFEED_INSTANCE_PATH: ${{ github.workspace }}/.newsfeed
      NEWSFEED_SITE_TITLE: @TITLE@
      NEWSFEED_SITE_TIMEZONE: @TIMEZONE@
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install newsfeed
        run: python -m pip install @PACKAGE@
      - name: Import the News
        run: |
          newsfeed db upgrade
          newsfeed import @SOURCE@ --format @FORMAT@
      - name: Build the site
        run: newsfeed build _site --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


def _shell_word(text: str) -> str:
    """A value safe in a YAML plain scalar and as one shell word (quoted when needed)."""
    if text and all(c.isalnum() or c in "._/-@:=+" for c in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def github_workflow(
    *,
    source: str,
    fmt: str = "auto",
    title: str = "News",
    timezone: str = "UTC",
    package: str = "newsfeed",
    branch: str = "main",
    cron: str = "17 5 * * *",
) -> str:
    """The workflow's text; every value is quoted for YAML and the shell."""
    values = {
        "@SOURCE@": _shell_word(source),
        "@FORMAT@": _shell_word(fmt),
        "@TITLE@": json.dumps(title),  # a JSON string is a YAML double-quoted scalar
        "@TIMEZONE@": json.dumps(timezone),
        "@PACKAGE@": _shell_word(package),
        "@BRANCH@": json.dumps(branch),
        "@CRON@": cron,
    }
    text = WORKFLOW
    for marker, value in values.items():
        text = text.replace(marker, value)
    return text
