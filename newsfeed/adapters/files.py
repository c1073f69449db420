"""Documents read from disk for the importers (which are pure and take text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsfeed.domain.dates import DateOrder
from newsfeed.domain.importers import MAX_BYTES, ImportResult, UnreadableDocument, parse_folder, parse_text

FOLDER_SUFFIXES = (".md", ".markdown", ".html", ".rst", ".org")


def read_text(path: Path) -> str:
    """A document's text: UTF-8 (a BOM allowed), at most MAX_BYTES, no NUL; otherwise
    UnreadableDocument naming the file and what is wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"{path}: {len(data):,} bytes is more than the {MAX_BYTES:,} a document may have"
        )
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise UnreadableDocument(f"{path}: a NUL byte at line {line}: a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"{path}: not UTF-8 text (byte {exc.start})") from None


def read_path(
    path: str | Path,
    *,
    today: dt.date,
    fmt: str = "auto",
    date_order: DateOrder | None = None,
    default_order: DateOrder = "dmy",
) -> ImportResult:
    """Items from a file, or from a folder of news files (al-folio ``_news/``, Hugo
    ``content/post/`` with its page bundles ``name/index.md``, Jekyll ``_posts/``). Raises
    UnreadableDocument."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
        files += sorted(
            bundle / name
            for bundle in path.iterdir()
            if bundle.is_dir()
            for name in ("index.md", "index.markdown")
            if (bundle / name).is_file()
        )
        return parse_folder([(str(p), read_text(p)) for p in files], today=today, fmt=fmt, name=str(path))
    if not path.exists():
        raise UnreadableDocument(f"{path}: no such file")
    text = read_text(path)
    if not text.strip():
        raise UnreadableDocument(f"{path}: the file is empty")
    return parse_text(
        text, today=today, fmt=fmt, date_order=date_order, default_order=default_order, path=str(path)
    )
