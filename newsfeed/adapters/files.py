"""Documents read from disk for the importers (which are pure and take text)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfeed.domain.dates import DateOrder
from newsfeed.domain.importers import MAX_BYTES, ImportResult, UnreadableDocument, parse_folder, parse_text
from newsfeed.domain.importers.feed import looks_like_feed, parse_feed
from newsfeed.domain.importers.folders import DATA_FILE_SUFFIXES, name_day, repository_document
from newsfeed.domain.importers.model import ImportedItem
from newsfeed.domain.importers.records import PLACEHOLDER_SAID
from newsfeed.domain.importers.structure import (
    LANGUAGE_CODE,
    NEWS_HEADING,
    OTHER_HEADING,
    has_news_heading,
    language_of,
    load_data,
    named_news,
    read_html,
    split_front_matter,
    toctree_entries,
)
from newsfeed.domain.importers.templates import (
    SITE_HOME_PAGES,
    SITE_MARKERS,
    SITE_NEWS_PLACES,
    included_pages,
    listing_sources,
    loop_sources,
    source_places,
)

FOLDER_SUFFIXES = (".md", ".markdown", ".mdx", ".qmd", ".rmd", ".html", ".rst", ".org")


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
    site: bool = True,
) -> ImportResult:
    """Items from a file, or from a folder of news files (al-folio ``_news/``, Hugo
    ``content/post/`` with its page bundles ``name/index.md``, Jekyll ``_posts/``), or from a
    site's own folder (``site``: where it keeps its news, :func:`site_news`). Raises
    UnreadableDocument."""
    path = Path(path)
    if site and path.is_dir() and _is_site(path):
        return _read_site(path, today=today, fmt=fmt, date_order=date_order, default_order=default_order)
    if path.is_dir():
        files = _folder_files(path)
        nested = _site_inside(path, files) if site else None
        if nested is not None:  # a repository that keeps its site in a subfolder (astro/, website/)
            result = _read_site(
                nested, today=today, fmt=fmt, date_order=date_order, default_order=default_order
            )
            result.description = f"{nested.name}/ of the folder: {result.description}"
            return result
        notes = _notes(path, files) if site else []
        if notes:
            shown = ", ".join(f.name for f in notes[:3]) + (
                f" and {len(notes) - 3} more" if len(notes) > 3 else ""
            )
            raise UnreadableDocument(
                f"{path}: a folder of {len(notes)} documents with no date in their names or front "
                f"matter ({shown}): pages or notes, not posts: import the file that holds the news"
            )
        texts: list[tuple[str, str]] = []
        skipped: list[str] = []
        for file in files:
            try:
                texts.append((str(file), read_text(file)))
            except UnreadableDocument as exc:  # a font or a picture named .html: the others are read
                skipped.append(str(exc))
        if skipped and not texts:
            raise UnreadableDocument(skipped[0])
        result = parse_folder(texts, today=today, fmt=fmt, name=str(path))
        result.warnings += [f"not read: {reason}" for reason in skipped]
        readme = _profile_readme(path) if not result.items else None
        if readme is not None:
            # a GitHub profile's repository (``alice/alice``): its README is the page people
            # see, and its News section the news
            found = read_path(
                readme, today=today, fmt=fmt, date_order=date_order, default_order=default_order
            )
            if found.items:
                found.description = (
                    f"{readme.name}, the repository's page with a News section: {found.description}"
                )
                return found
        return result
    if not path.exists():
        raise UnreadableDocument(f"{path}: no such file")
    text = read_text(path)
    if not text.strip():
        raise UnreadableDocument(f"{path}: the file is empty")
    if fmt == "auto" and looks_like_feed(text[:4096].encode("utf-8")):
        # a feed kept as a file (a built site's index.xml, feed.xml, feed.json): its entries
        found = parse_feed(text.encode("utf-8"), today=today, path=str(path))
        kind = "JSON Feed" if text.lstrip().startswith("{") else "Atom or RSS feed"
        found.description = f"{kind}, {len(found.items)} entries"
        return found
    result = parse_text(
        text, today=today, fmt=fmt, date_order=date_order, default_order=default_order, path=str(path)
    )
    if not result.items and path.suffix.lower() in (".rst", ".rest"):
        named = _toctree_files(path, toctree_entries(text))
        if named:  # a Sphinx News page that is only a table of contents: its news are the pages it names
            pages = [(str(p), read_text(p)) for p in named]
            found = parse_folder(pages, today=today, fmt=fmt, name=str(path))
            found.description = f"the {len(named)} pages its table of contents names, {found.description}"
            return found
    return result


# a built site's own feed of its posts, read when no other place holds news, before its home page
_SITE_FEEDS = ("feed.xml", "atom.xml", "index.xml", "rss.xml", "feed.json")


def _site_feed(folder: Path) -> list[str]:
    """The site's own feed files that are feeds (not a template that renders one), as paths in
    the folder."""
    found: list[str] = []
    for name in _SITE_FEEDS:
        file = folder / name
        try:
            with file.open("rb") as handle:
                head = handle.read(4_096)
        except OSError:
            continue
        if looks_like_feed(head):
            found.append(name)
    return found


_BUNDLE_PAGES = ("index.md", "index.markdown", "index.qmd", "index.Rmd", "index.rmd")
_TRANSLATED_PAGE = re.compile(r"index\.[a-z]{2}(?:[-_][A-Za-z]{2,4})?\.(?:md|markdown|qmd|rmd)", re.I)
_SKIPPED_FOLDERS = frozenset({"_drafts", "drafts", "node_modules"})


# folders that hold a site's posts or news: kept in subfolders by year or topic too
_COLLECTIONS = frozenset({"_news", "_posts", "news", "posts", "post", "blog", "updates", "announcements"})
_DATED_FOLDER = re.compile(r"\d{4}(?:[-_]\d{1,2})?|\d{1,2}")
# a topic of a folder of posts that holds the lab's members, one profile each (Jekyll's
# ``_posts/people/PhD/2023-09-01-name.md``, its date the day they joined): no news
_PEOPLE_FOLDERS = frozenset({"people", "members", "member", "team", "alumni", "staff", "students"})


# a repository's tool configuration, never news: a folder holding only these is no folder of
# data files (a repository of a front end and a back end, its docker-compose.yml at the top)
_TOOL_FILES = frozenset(
    {
        "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "package.json",
        "package-lock.json", "tsconfig.json", "jsconfig.json", "composer.json", "environment.yml",
        "environment.yaml", "mkdocs.yml", "netlify.toml", "vercel.json", "pyproject.toml",
        "cargo.toml", "renovate.json", "codecov.yml", "lerna.json", "nx.json", "firebase.json",
        "angular.json", "components.json", "wrangler.toml", "deno.json", "biome.json", "turbo.json",
        "pnpm-workspace.yaml", "pubspec.yaml", "app.json", "manifest.json", "vite.config.json",
    }
)  # fmt: skip


def _folder_files(folder: Path) -> list[Path]:
    """A folder's news files (:func:`_documents`); a folder that holds none but data files
    (Hugo's ``data/news/2024/en.yaml``) gives its data files, which are read as one tree."""
    return _documents(folder) or _documents(folder, DATA_FILE_SUFFIXES)


def _documents(
    folder: Path, suffixes: tuple[str, ...] = FOLDER_SUFFIXES, depth: int = 0, collection: bool | None = None
) -> list[Path]:
    """A folder's files of these kinds: its own, then each page bundle's page (Hugo's
    ``post/name/index.md``), then those of the folders it keeps them in, three levels down at
    most: by year anywhere (``_news/2025/…``), by topic too in a folder of posts (``_posts/news/…``,
    as Jekyll collections and Hugo sections allow), but not the members' profiles kept among
    them (``_posts/people/…``). A folder of documents (``docs/Training/…``) is read at its top
    only. Hidden folders, drafts and links are not followed, a nested folder's
    ``index.html`` is a page the site built (``news/2025acl/index.html``), not a post, and a data
    file named with a leading ``_`` is a folder's settings (Quarto's ``_metadata.yml``)."""
    if collection is None:
        collection = folder.name.lower() in _COLLECTIONS
    data = suffixes is DATA_FILE_SUFFIXES
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in suffixes
        and not (depth and p.name.lower() == "index.html")
        and not (data and (p.name.startswith("_") or p.name.lower() in _TOOL_FILES))
    )
    subfolders = sorted(
        p
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name not in _SKIPPED_FOLDERS
    )
    nested: list[Path] = []
    for sub in subfolders:
        pages = [sub / name for name in _BUNDLE_PAGES if (sub / name).is_file()][:1] or sorted(
            p for p in sub.iterdir() if _TRANSLATED_PAGE.fullmatch(p.name) and p.is_file()
        )
        if pages and not data and _headless(pages[0]):
            # Hugo's headless bundle (``news/items/index.md`` says ``headless: true``): no page
            # of its own, its Markdown files are the posts a template lists
            nested += [p for p in _documents(sub, suffixes, depth + 1, True) if p != pages[0]]
        elif pages and not data:
            # a page bundle: its page is the post (or its page in each language, of which the
            # folder reader keeps one), its other files its pictures
            files += pages
        elif (
            depth < 3
            and not sub.is_symlink()
            and (collection or _DATED_FOLDER.fullmatch(sub.name))
            and sub.name.lower() not in _PEOPLE_FOLDERS
        ):
            nested += _documents(sub, suffixes, depth + 1, collection)
    return files + nested


def _headless(page: Path) -> bool:
    """Whether a page bundle's page is headless (Hugo's ``headless: true`` in its front matter):
    the site shows no page for it, only what its templates take from its files. Only a page
    whose head names "headless" is read whole and its front matter parsed."""
    try:
        with page.open("rb") as handle:
            if b"headless" not in handle.read(4_096):
                return False
        meta, _, _ = split_front_matter(read_text(page))
    except (OSError, UnreadableDocument):
        return False
    return meta is not None and meta.get("headless") is True


def _toctree_files(page: Path, entries: list[str]) -> list[Path]:
    """The files beside ``page`` a Sphinx table of contents names ("news_2022_06_15", "news/*"
    is not followed): those that exist, in its order, none outside the page's folder."""
    files: list[Path] = []
    root = page.parent.resolve()
    for entry in entries[:5_000]:
        name = entry.split("<")[-1].rstrip(">").strip()  # "Title <file>"
        for candidate in (page.parent / name, page.parent / f"{name}.rst", page.parent / f"{name}.md"):
            try:
                inside = candidate.resolve().is_relative_to(root)
            except (OSError, ValueError):
                continue
            if inside and candidate.is_file() and candidate not in files and candidate != page:
                files.append(candidate)
                break
    return files


def _site_inside(folder: Path, files: list[Path]) -> Path | None:
    """The one subfolder that is a site (``astro/`` with its ``astro.config.mjs``, ``website/``
    with its ``hugo.toml``) of a folder that is no site and holds no news files itself (``files``:
    its own, as :func:`_folder_files` lists them), or of several such the one that keeps news
    where sites keep them (``frontend/src/data/news.ts`` beside ``backend/``); None otherwise
    (none, or several to choose from)."""
    # a configured site's home page (``docs/index.md`` beside ``docs/_config.yml``) is no post
    # of the folder, as a page bundle's is
    top = [f for f in files if f.parent == folder or not _configured(f.parent)]
    loose = [f for f in top if not repository_document(f.name)]
    if any(_dated_post(f) for f in loose):
        return None
    try:
        subfolders = [
            p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and not p.is_symlink()
        ]
    except OSError:
        return None
    sites = [p for p in subfolders if _is_site(p)]
    if len(sites) > 1:
        # a front end and a back end (frontend/, backend/): the one keeping news (beside the
        # owner's notes, undated, ``Website_Spec.md``, ``agent.md``, too: notes are no posts)
        sites = [p for p in sites if _keeps_news(p)]
    return sites[0] if len(sites) == 1 else None


# documents that are posts only when dated: a folder of them, none dated, holds pages or notes
_PAGE_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".qmd", ".rmd", ".txt"})


def _notes(folder: Path, files: list[Path]) -> list[Path]:
    """The documents of a folder that holds only undated pages or notes (a course's syllabi
    ``phy604_fall2025.md`` beside the README, an old site's page fragments ``WelcomeBody.html``):
    no date in their names or front matter, and the folder not named for posts or news, where
    undated posts may be kept (``news/``, ``_posts/``); none otherwise."""
    if folder.name.lower() in _COLLECTIONS:
        return []
    loose = [f for f in files if not repository_document(f.name)]
    if not loose or any(f.suffix.lower() not in _PAGE_SUFFIXES for f in loose):
        return []
    return [] if any(_dated_post(f) for f in loose) else loose


_POST_DATE = re.compile(r"^(?:date|pubDate|publishDate|published)\s*[:=]\s*\S", re.M)


def _dated_post(file: Path) -> bool:
    """Whether a file reads as a dated post: a date in its name (``2024-05-01-talk.md``,
    ``20250122.html``, as the folder's reader takes it) or a
    date field in its front matter, not a document of notes."""
    if name_day(file.name) or re.search(r"(?<!\d)(?:19|20)\d\d[-_](?:0?[1-9]|1[0-2])(?!\d)", file.name):
        return True
    try:
        with file.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return True  # unread: not taken for notes
    return head.lstrip().startswith(("---", "+++")) and bool(_POST_DATE.search(head))


_READMES = ("README.md", "readme.md", "README.markdown", "README.rst", "README.org", "README.html")


def _profile_readme(folder: Path) -> Path | None:
    """A folder's README when a heading of it names the News (a GitHub profile's repository,
    whose README is the page its owner keeps), else None."""
    for name in _READMES:
        readme = folder / name
        if readme.is_file() and not readme.is_symlink():
            try:
                return readme if has_news_heading(read_text(readme)) else None
            except UnreadableDocument:
                return None
    return None


def _configured(folder: Path) -> bool:
    """A folder with a site's configuration in it (``_config.yml``, ``hugo.toml``), not only a
    home page."""
    return any((folder / name).exists() for name in SITE_MARKERS if not name.startswith("index."))


def _keeps_news(site: Path) -> bool:
    """A site's folder has a place where sites keep their news (``src/data/news.ts``,
    ``_news/``, ``content/news/``, a data file named for news, ``db/news.json``); its home page
    does not count."""
    return any(
        (site / spot).exists() for spot in SITE_NEWS_PLACES if "#" not in spot and spot not in SITE_HOME_PAGES
    ) or bool(_news_data_files(site))


def _is_site(folder: Path) -> bool:
    """A site's own folder (a Jekyll or Hugo configuration in it), not a folder of news files;
    a headless bundle's ``index.md`` is no home page."""
    markers = [folder / name for name in SITE_MARKERS]
    return any(m.exists() and not (m.name == "index.md" and _headless(m)) for m in markers) or any(
        (folder / place).exists()
        for place in (spot.split("#")[0] for spot in SITE_NEWS_PLACES)
        if "/" in place or place.startswith("_")  # "_news", "content/news": not "news", "posts"
    )


def _read_site(
    folder: Path, *, today: dt.date, fmt: str, date_order: DateOrder | None, default_order: DateOrder
) -> ImportResult:
    """A site's folder (``newsfeed import ~/my-site``): its news where such sites keep them
    (:func:`site_news`); the report names that place and the others it saw."""
    name, result = site_news(folder, today=today, fmt=fmt, date_order=date_order, default_order=default_order)
    result.description = f"site folder: its news in {name}, {result.description}"
    return result


def site_news(
    folder: Path,
    *,
    today: dt.date,
    fmt: str = "auto",
    date_order: DateOrder | None = None,
    default_order: DateOrder = "dmy",
) -> tuple[str, ImportResult]:
    """Where a site's folder keeps its news (``_data/news.yml``, ``_news/``, ``data/news.yaml``,
    ``content/news/``, a News page, ``_posts/``, the home page: ``SITE_NEWS_PLACES``), the first
    place that holds any, as its path in the folder ("_news/") and what it holds; the result's
    warnings name the places looked at first and the others seen. The site's other pages
    (README, CONTRIBUTING, the CV) are never read as news. Raises UnreadableDocument saying
    where it looked when no place holds news."""
    places: list[Path] = []
    home_pages: set[Path] = set()  # read last, as a home page with no News section
    news_homes: set[Path] = set()  # the home pages with a News section, whose news may be undated
    languages = {top: _content_languages(folder, top) for top in _LANGUAGE_FOLDERS}
    spots = [
        variant
        for spot in SITE_NEWS_PLACES
        for top, _, rest in [spot.partition("/")]
        for variant in [spot, *(f"{top}/{lang}/{rest}" for lang in languages.get(top, []) if rest)]
    ]
    scripts = _site_scripts(folder)  # walked once, for the data its pages load and its components
    pages = spots.index("news/news.md")  # before the News pages that load them as they run
    fetched = [p for p in _fetched_news_data(folder, scripts) if p not in spots]
    spots[pages:pages] = fetched
    home_news = spots.index(f"{SITE_HOME_PAGES[0]}#news")  # before a home page's News section
    named = [p for p in _news_components(folder, scripts) if p not in spots]
    spots[home_news:home_news] = named
    components = {folder / p for p in named}
    posts = spots.index("content/post")
    configs = _site_configs(folder)  # read once, for the news they list and the posts they name
    configured = _configured_news(configs)  # a configuration's list of news its template shows
    spots[posts + 1 : posts + 1] = [p for p in _main_sections(folder, configs) if p not in spots]
    data_files = _news_data_files(folder)
    # the data files named only for the latest, which count when they hold something dated
    latest = {folder / p for p in (*fetched, *data_files) if not _NEWS_WORD.search(Path(p).stem)}
    spots[posts:posts] = (
        data_files
        + [p for p in _navigation_pages(folder) if p not in spots]
        + [p.relative_to(folder).as_posix() for p in configured]
    )
    kept_in = _collections_dir(configs)
    if kept_in:  # Jekyll's ``collections_dir: collections``: its _news/ and _posts/ are in there
        for collection in ("_posts", "_news"):
            spots.insert(spots.index(collection) + 1, f"{kept_in}/{collection}")
    # a collection named otherwise for news (``_newsfeed/``, ``_lab_news/``), in the folder or
    # where its configuration keeps its collections: read after ``_news/``
    after_news = spots.index(f"{kept_in}/_news" if kept_in else "_news") + 1
    spots[after_news:after_news] = [p for p in _news_collections(folder, kept_in) if p not in spots]
    # a Hugo section its own page titles News whatever its folder is named (``content/event/``
    # titled "News"): read after ``content/news/``
    after_section = spots.index("content/news") + 1
    spots[after_section:after_section] = [
        p for p in _titled_news_sections(folder, languages["content"]) if p not in spots
    ]
    home = len(spots) - len(SITE_HOME_PAGES)  # the home page, whatever it holds, comes last
    spots[home:home] = _site_feed(folder)
    names: dict[Path, dict[str, str]] = {}  # each folder's names, read once
    for spot in spots:
        where = spot.split("#")[0]
        place = _spelled(folder, where, names)
        if where in SITE_HOME_PAGES:
            place = _redirected(folder, place) or place
        if place in places or not place.exists():
            continue
        if where in SITE_HOME_PAGES:
            home_pages.add(place)  # also when first met as the home page with a News section
        if spot.endswith("#news"):  # the home page before the posts only when it has a News section
            try:
                if not has_news_heading(read_text(place)):
                    continue
            except UnreadableDocument:
                continue
            news_homes.add(place)
        places.append(place)
    same: dict[str, Any] = {"default_order": default_order, "site": False}
    tried: list[str] = []
    listings: set[Path] = set()  # listing pages whose listed documents were read first
    n = 0
    while n < len(places):
        place, n = places[n], n + 1
        name = place.relative_to(folder).as_posix() + ("/" if place.is_dir() else "")
        try:
            if place in configured:
                key, records = configured[place]
                name = f"{name} ({key})"
                as_json = json.dumps({"news": records}, default=str)
                result = parse_text(as_json, today=today, path=f"{name}.json")
                result.description = result.description.replace("JSON data file", "its configuration's list")
            else:
                result = read_path(place, today=today, fmt=fmt, date_order=date_order, **same)
        except UnreadableDocument as exc:
            tried.append(f"{name} ({exc})")
            continue
        if place in components:
            # a JavaScript site's components named for news (the home page's box of the latest,
            # a page of all news kept since): the one holding the most dated news
            rivals = [p for p in places[n:] if p in components]
            places[n:] = [p for p in places[n:] if p not in rivals]
            for rival in rivals:
                try:
                    other = read_path(rival, today=today, fmt=fmt, date_order=date_order, **same)
                except UnreadableDocument as exc:
                    tried.append(f"{rival.relative_to(folder).as_posix()} ({exc})")
                    continue
                if _preferred(other, rival) > _preferred(result, place):
                    dated = _dated_count(result)[0]
                    why = (
                        f"{dated} dated news, fewer than {rival.name}"
                        if dated < _dated_count(other)[0]
                        else f"another language's version of {rival.relative_to(folder).as_posix()}"
                    )
                    tried.append(f"{name} ({why})")
                    place, result = rival, other
                    name = place.relative_to(folder).as_posix()
        undated = not any(item.posted for item in result.items)
        looped = undated and any(w.startswith("a template:") for w in result.warnings)
        followed = _followed(folder, place) if looped else None  # read once, used below
        if (
            not result.items
            or ((place in components or place in latest) and undated)
            # a page whose News is a loop, beside it only an undated line ("Check the Events
            # section for more news"): its news are in the file the loop reads
            or bool(followed)
        ):
            # a component whose markup holds nothing dated (its loop's leftovers): no news of
            # its own, but maybe a module it imports them from;
            # a page whose News is a loop over a file of the site (_data/updates.yml,
            # _data/announcements.yml): that file is read next, when its name says news
            # a listing page whose items its template draws from a file (Quarto's
            # ``listing: contents: news.yml``): that file
            drawn = dict.fromkeys(
                (_followed(folder, place) if followed is None else followed)
                + _listed(folder, place, sections=True)
            )
            if place in components:
                # a component that takes its list from the page rendering it (``<News
                # newsItems={newsItems} />``): that page, which keeps the list, when it holds
                # anything dated (the rest of a page is its loops' and links' leftovers)
                rendering = [p for p in _importers(folder, place, scripts) if p not in places]
                components.update(rendering)
                drawn.update(dict.fromkeys(rendering))
            places[n:n] = [p for p in drawn if p not in places]
            template = next((w for w in result.warnings if w.startswith("a template:")), "")
            embeds = next((w for w in result.warnings if w.startswith("its news are posts embedded")), "")
            samples = any(PLACEHOLDER_SAID in w for w in result.warnings)
            empty = next((w for w in result.warnings if w.startswith("its News section is empty")), "")
            why = template.split(" — ")[0] or embeds.split(":")[0] or empty.split(":")[0]
            if not why:
                why = "only a theme's sample posts" if samples else "no news found"
            tried.append(f"{name} ({why})")
            continue
        listed = [p for p in _listed(folder, place) if p not in places[:n]] if place not in listings else []
        if listed and 2 * sum(1 for item in result.items if item.posted) < len(result.items):
            # a listing page (Quarto's ``listing: contents: posts/**/index.qmd``) whose own body
            # is its introduction and links, not dated news: its news are the documents it
            # lists, shown on it; the page itself is read after them if they hold none
            listings.add(place)
            places[n:] = [*listed, place, *(p for p in places[n:] if p not in listed and p != place)]
            shown = ", ".join(p.relative_to(folder).as_posix() + "/" * p.is_dir() for p in listed)
            tried.append(f"{name} (a listing page: its news are the documents it lists, {shown})")
            continue
        if place in home_pages - news_homes and not _dated_news(result.items):
            # a home page with no News section and no date: its profile and links are no news
            # (under a News heading, an undated list is the news, read as written)
            tried.append(f"{name} (no News section and nothing dated)")
            continue
        own = {item.source_path for item in result.items} <= {str(place), ""}
        if place.is_file() and result.format == "folder" and own:
            # a page read as one post (its front matter's title and date, "News" of 2017): the
            # page itself, which may include the file that holds its news
            places[n:n] = [p for p in _followed(folder, place) if p not in places]
            tried.append(f"{name} (a page dated by its front matter, no list of news)")
            continue
        others = [p.relative_to(folder).as_posix() for p in places if p != place]
        if tried:
            result.warnings.insert(0, f"site folder: looked first in {', '.join(tried)}")
        later = [o for o in others if not any(t.startswith(o) for t in tried)]
        if later:
            result.warnings.append(
                f"site folder: also holds {', '.join(later)}: import one by name to read it instead"
            )
        return name, result
    looked = "; ".join(tried) if tried else "it has none of " + _PLACES_SAID
    service = _content_service(folder)
    elsewhere = (
        f"; its pages take their content from {service}, which the folder does not hold: follow the "
        "published page instead (newsfeed sources add https://…)"
        if service
        else ""
    )
    raise UnreadableDocument(
        f"{folder}: a site's folder, but no news where sites keep them ({looked}): "
        f"import the file or folder that holds them{elsewhere}"
    )


# the packages a JavaScript site draws its content through from a database or a hosted CMS
_CONTENT_SERVICES = {
    "@prisma/client": "a database (Prisma)",
    "@supabase/supabase-js": "a database (Supabase)",
    "firebase": "a database (Firebase)",
    "drizzle-orm": "a database (Drizzle)",
    "typeorm": "a database (TypeORM)",
    "sequelize": "a database (Sequelize)",
    "pg": "a database (PostgreSQL)",
    "mysql2": "a database (MySQL)",
    "mongoose": "a database (MongoDB)",
    "mongodb": "a database (MongoDB)",
    "contentful": "a hosted CMS (Contentful)",
    "@sanity/client": "a hosted CMS (Sanity)",
    "next-sanity": "a hosted CMS (Sanity)",
    "@notionhq/client": "a hosted CMS (Notion)",
    "@strapi/strapi": "a hosted CMS (Strapi)",
}


def _content_service(folder: Path) -> str:
    """The database or hosted CMS a JavaScript site's ``package.json`` says its pages read their
    content from (``@prisma/client``, ``contentful`` …), or "": such a site keeps its news there,
    not in its files."""
    manifest = folder / "package.json"
    try:
        if not manifest.is_file() or manifest.stat().st_size > 1_000_000:
            return ""
        data = json.loads(manifest.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        return ""
    if not isinstance(data, dict):
        return ""
    for field in ("dependencies", "devDependencies"):
        packages = data.get(field)
        if isinstance(packages, dict):
            for name in packages:
                if name in _CONTENT_SERVICES:
                    return _CONTENT_SERVICES[name]
    return ""


def _spelled(folder: Path, relative: str, listed: dict[Path, dict[str, str]]) -> Path:
    """The place ``relative`` names in the site's folder as the folder spells it: a site served
    from GitHub Pages keeps its News page as ``News.html`` or ``_pages/News.md`` as often as in
    small letters, and either is its News page. A name in capitals only (``NEWS.md``, ``NEWS``)
    is a package's list of changes, as GNU and R packages keep it, not a News page, and is not
    taken for one. ``listed`` keeps each folder's names, read once."""
    place = folder
    for part in relative.split("/"):
        exact = place / part
        if exact.exists():
            place = exact
            continue
        names = listed.get(place)
        if names is None:
            try:
                names = {p.name.lower(): p.name for p in place.iterdir()} if place.is_dir() else {}
            except OSError:
                names = {}
            listed[place] = names
        spelled = names.get(part.lower(), part)
        stem = spelled.split(".")[0]
        place = place / (part if stem.isupper() else spelled)
    return place


# a page that only sends its reader on to another (``<meta http-equiv="refresh" content="0;
# url=home.html">``, ``window.location.replace('home.html')``): where it sends them
_REFRESH = re.compile(
    r"""<meta\b[^>]{0,200}?http-equiv\s*=\s*["']?refresh\b[^>]{0,200}?url\s*=\s*['"]?([^"'>\s]{1,200})""",
    re.I,
)
_SCRIPTED = re.compile(
    r"""\blocation(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*["']([^"'\s]{1,200})["']""", re.I
)


def _redirected(folder: Path, page: Path) -> Path | None:
    """The page of the site a home page only sends its reader on to (an ``index.html`` whose
    whole body is ``window.location.replace('home.html')``): that page is the home page, and
    its News section the site's. None when the home page says something of its own (a page
    with a profile that also redirects old links), or sends its reader away from the site."""
    try:
        if not page.is_file() or page.stat().st_size > 20_000:
            return None
        text = read_text(page)
    except (OSError, UnreadableDocument):
        return None
    found = _REFRESH.search(text) or _SCRIPTED.search(text)
    if found is None:
        return None
    if sum(len(block.text) for block in read_html(text)) > 200:  # its own words, scripts aside
        return None
    target = found.group(1).split("#")[0].split("?")[0]
    if not target or "//" in target or ":" in target:
        return None
    place = (folder / target.lstrip("/")) if target.startswith("/") else (page.parent / target)
    if place.is_dir():
        place = place / "index.html"
    if place == page or not place.is_file() or not _inside(place, folder.resolve()):
        return None
    return place if place.suffix.lower() in (".html", ".htm", ".md") else None


def _dated_news(items: list[ImportedItem]) -> bool:
    """Whether a page without a News section holds dated news: more than one dated entry, or
    one dated by a label; a lone entry dated only by what its sentence says ("I am now an
    Assistant Professor … since August 2021.") is its welcome, not news, one dated by a span
    of years ("IAI-USTC · Quantum AI Group · 2021–2026") is the page's masthead, and one whose
    date names no year ("… Program (Application deadline Feb 1st)") a standing note."""
    dated = [item for item in items if item.posted is not None]
    if len(dated) != 1:
        return bool(dated)
    posted = dated[0].posted
    if (
        posted is None
        or "year" in posted.inferred
        or (posted.grain == "year" and posted.start.year != posted.end.year)
    ):
        return False
    return not (posted.text and dated[0].text.find(posted.text) > 0)


_SITE_CONFIGS = ("_quarto.yml", "_quarto.yaml")
_NAV_LABEL = ("text", "title", "name", "label")
_NAV_TARGET = ("file", "href", "path")


def _navigation_pages(folder: Path) -> list[str]:
    """The pages a site's own configuration names News in its navigation (a Quarto website's or
    book's ``_quarto.yml``: ``navbar``/``sidebar`` entries ``{file: chapters/news.qmd, text:
    News}``, a book's ``chapters: [chapters/news.qmd]``), that exist in the folder, as paths in
    it: a News page no fixed place names."""
    found: list[str] = []
    root = folder.resolve()
    for name in _SITE_CONFIGS:
        config = folder / name
        if not config.is_file():
            continue
        try:
            data = load_data(read_text(config), "yaml")
        except (UnreadableDocument, ValueError):
            continue
        targets: list[str] = []
        stack: list[tuple[object, int]] = [(data, 0)]
        seen = 0
        while stack and seen < 5_000:
            node, depth = stack.pop()
            seen += 1
            if isinstance(node, dict):
                label = next((node[k] for k in _NAV_LABEL if isinstance(node.get(k), str)), "")
                target = next((node[k] for k in _NAV_TARGET if isinstance(node.get(k), str)), "")
                if target and label and NEWS_HEADING.search(label) and len(label.split()) <= 4:
                    targets.append(target)
                children = list(node.values())
            elif isinstance(node, list):
                children = list(node)
                targets += [c for c in node if isinstance(c, str) and named_news(Path(c).stem)]
            else:
                continue
            if depth < 12:
                stack += [(c, depth + 1) for c in reversed(children) if isinstance(c, (dict, list))]
        for target in targets:
            relative = target.split("#")[0].lstrip("/")
            page = folder / relative
            if (
                page.suffix.lower() in FOLDER_SUFFIXES
                and _inside(page, root)
                and page.is_file()
                and relative not in found
            ):
                found.append(relative)
    return found


# where sites keep their data, and a site's back end its store (``db/news.json``, which its
# ``/api/news`` serves the front end, as lowdb and json-server keep them)
_DATA_FOLDERS = ("_data", "data", "src/data", "src/_data", "db")
# a name that says news (a newsletter's form is none); "latest" says it as a News heading does
# ("latestInLab", ``latest.json``), but not the latest of something else ("latest-publications",
# ``latestVersion``), and a file so named counts only when it holds something dated (a site's
# ``forecasts/latest.json`` of countries is none)
_NEWS_WORD = re.compile(r"news(?!letter)|updates|announcements", re.I)
_NEWS_IN_NAME = re.compile(
    _NEWS_WORD.pattern
    + r"|latest(?![-_ ]?(?:pub|paper|project|version|release|commit|build|video|photo|image|work|repo))",
    re.I,
)


# a site's configuration, whose parameters a theme's template may show as the news
# (Hugo's ``[[params.news]]``, read as ``.Site.Params.news``; Jekyll's ``news:`` as ``site.news``)
_CONFIG_FILES = (
    "hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml",
    "config/_default/params.toml", "config/_default/params.yaml", "_config.yml",
)  # fmt: skip


def _site_configs(folder: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """The site's configuration files that exist and read as a mapping, as (name, path, data),
    in the order of ``_CONFIG_FILES``; one too large or unreadable is passed over."""
    found: list[tuple[str, Path, dict[str, Any]]] = []
    for name in _CONFIG_FILES:
        path = folder / name
        try:
            if not path.is_file() or path.stat().st_size > MAX_BYTES:
                continue
            data = load_data(read_text(path), "toml" if name.endswith(".toml") else "yaml")
        except (UnreadableDocument, ValueError, OSError):
            continue
        if isinstance(data, dict):
            found.append((name, path, data))
    return found


def _configured_news(configs: list[tuple[str, Path, dict[str, Any]]]) -> dict[Path, tuple[str, list[Any]]]:
    """The lists of news a site keeps in its configuration (``[[params.news]]`` in
    ``hugo.toml``, or ``[[params.news.list]]`` beside the section's title and icon; ``news:`` in
    Jekyll's ``_config.yml`` or Hugo's ``config/_default/params.toml``), by the file and the key
    that holds them: ``{hugo.toml: ("params.news", [...])}`` (``configs``: :func:`_site_configs`)."""
    found: dict[Path, tuple[str, list[Any]]] = {}
    for name, path, data in configs:
        top = name.startswith("_config") or name.startswith("config/_default/params")
        params = data if top else data.get("params")
        if not isinstance(params, dict):
            continue
        for key, value in params.items():
            if not (isinstance(key, str) and _NEWS_IN_NAME.fullmatch(key.strip())):
                continue
            where = key if top else f"params.{key}"
            if isinstance(value, dict):  # [params.news] with its title, icon and list of records
                inner = [(k, v) for k, v in value.items() if isinstance(v, list)]
                if len(inner) == 1:
                    where, value = f"{where}.{inner[0][0]}", inner[0][1]
            if isinstance(value, list) and value and all(isinstance(v, (dict, str)) for v in value):
                found[path] = (where, value)
                break
    return found


def _news_collections(folder: Path, kept_in: str) -> list[str]:
    """A Jekyll site's collection folders named for news but not ``_news`` (``_newsfeed/``,
    ``_lab_news/``), at its top or in its ``collections_dir``, as paths in the folder."""
    found: list[str] = []
    for top in dict.fromkeys(("", kept_in)):
        try:
            entries = sorted((folder / top).iterdir()) if (folder / top).is_dir() else []
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("_") and name != "_news" and entry.is_dir() and _NEWS_WORD.search(name):
                found.append(f"{top}/{name}" if top else name)
    return found[:3]


def _titled_news_sections(folder: Path, languages: list[str]) -> list[str]:
    """A Hugo site's content sections named otherwise whose own page titles them News
    (``content/event/_index.md`` with ``title: News``, as a lab's theme lists its news as events),
    in English first where the content is kept per language, as paths in the folder; three at
    most, each page's first 4 KB read."""
    found: list[str] = []
    for top in ("content", *(f"content/{lang}" for lang in languages)):
        try:
            sections = (
                sorted(d for d in (folder / top).iterdir() if d.is_dir()) if (folder / top).is_dir() else []
            )
        except OSError:
            continue
        for section in sections[:200]:
            page = section / "_index.md"
            if section.name == "news" or not page.is_file():
                continue
            try:
                with page.open("rb") as handle:
                    head = handle.read(4_096).decode("utf-8", "replace")
            except OSError:
                continue
            meta = split_front_matter(head)[0]
            title = meta.get("title") if isinstance(meta, dict) else None
            if isinstance(title, str) and len(title) <= 60 and NEWS_HEADING.search(title):
                found.append(section.relative_to(folder).as_posix())
    return found[:3]


def _collections_dir(configs: list[tuple[str, Path, dict[str, Any]]]) -> str:
    """The folder a Jekyll site keeps its collections in (``collections_dir: collections`` in
    ``_config.yml``: ``collections/_posts/``), or "" (``configs``: :func:`_site_configs`)."""
    for name, _, data in configs:
        kept_in = data.get("collections_dir") if name.startswith("_config") else None
        if (
            isinstance(kept_in, str)
            and re.fullmatch(r"[\w.-]{1,80}(?:/[\w.-]{1,80}){0,3}", kept_in.strip("/"))
            and ".." not in kept_in
        ):
            return kept_in.strip("/")
    return ""


def _main_sections(folder: Path, configs: list[tuple[str, Path, dict[str, Any]]]) -> list[str]:
    """The content folders a Hugo site names as its posts (``mainSections = ["topics"]`` under
    ``[params]`` or at the top of ``config.toml``, which themes list on the home page and in the
    feed), as paths in the folder (``content/topics``), that exist; at most three (``configs``:
    :func:`_site_configs`; Jekyll's ``_config.yml`` names none)."""
    found: list[str] = []
    for name, _, data in configs:
        if name.startswith("_config"):
            continue
        params = data if name.startswith("config/_default/params") else data.get("params")
        for holder in (params, data):
            sections = holder.get("mainSections") if isinstance(holder, dict) else None
            if isinstance(sections, str):
                sections = [sections]
            for section in sections if isinstance(sections, list) else []:
                if not isinstance(section, str) or not re.fullmatch(r"[\w.-]{1,80}", section):
                    continue
                spot = f"content/{section}"
                if spot not in found and (folder / spot).is_dir():
                    found.append(spot)
    return found[:3]


# a data file, or a script module keeping its data (a Next.js site's ``data/announcements.ts``)
_NAMED_DATA_SUFFIXES = (*DATA_FILE_SUFFIXES, ".csv", ".js", ".mjs", ".ts")


def _news_data_files(folder: Path) -> list[str]:
    """The site's data files whose names hold "news" but no fixed place names (``_data/allnews.yml``,
    ``data/latest_news.json``, a script module ``data/announcements.ts``, ``_data/onepage/news.yml``
    one folder down the data tree), the largest first (a
    home page's shorter ``somenews.yml`` after the ``allnews.yml`` it is cut from), as paths in
    the folder."""
    found: list[tuple[int, str]] = []
    for name in _DATA_FOLDERS:
        try:
            entries = [p for p in (folder / name).iterdir() if not p.is_symlink()]
            # and a folder of the data tree, Jekyll's ``site.data.onepage.news`` kept in
            # ``_data/onepage/news.yml`` (20 such folders at most)
            inner = [p for d in sorted(e for e in entries if e.is_dir())[:20] for p in d.iterdir()]
        except OSError:
            continue
        files = [p for p in (*entries, *inner) if p.is_file() and not p.is_symlink()]
        for file in files:
            if file.suffix.lower() in _NAMED_DATA_SUFFIXES and _NEWS_IN_NAME.search(file.stem):
                found.append((file.stat().st_size, file.relative_to(folder).as_posix()))
    return [path for _, path in sorted(found, key=lambda f: (-f[0], f[1]))[:10]]


# a multilingual site's folders that keep one folder per language: Hugo's content and data,
# Jekyll's data (``_data/en/news.yml``, as jekyll-polyglot and i18n themes keep it)
_LANGUAGE_FOLDERS = ("content", "data", "_data")


# a data file's address written in a page or a script ("assets/data/news.json"): its suffix
# found first, the path before it read back from there, so a long run of letters costs no more
_DATA_SUFFIX = re.compile(r"\.(?:json|ya?ml|csv|toml|m?js|md)\b", re.I)
_SCRIPT_SUFFIXES = frozenset(
    {".html", ".htm", ".js", ".mjs", ".ts", ".jsx", ".tsx", ".vue", ".svelte", ".astro"}
)
_COMPONENT_SUFFIXES = _SCRIPT_SUFFIXES - {".html", ".htm"}  # a script, or a framework's component
_NOT_SCANNED = frozenset({"node_modules", "vendor", "vendors", "_site", "dist", "build", "lib", "libs"})


def _fetched_news_data(folder: Path, scripts: list[Path]) -> list[str]:
    """The data files named for news that the site's pages and scripts load as they run
    (``fetch('assets/data/news.json')``, ``$.getJSON("./news.json")``, ``data-content-source=
    "assets/data/news.json"``, ``<script src="assets/js/news.js">`` whose list the page draws,
    a Hugo template's ``(resources.Get "news.md").Content``),
    that exist in the folder, as paths in it, in the order first named: a page that shows
    "Loading updates…" until its script fills it keeps its news there.
    Pages and scripts are looked for three folders down, 300 at most and 8 MB read over all,
    libraries and built copies left out (``scripts``: :func:`_site_scripts`)."""
    root = folder.resolve()
    found: list[str] = []
    opened: set[str] = set()  # the data files named otherwise read for a key named for news, 20 at most
    for page, text in _script_texts(scripts):
        if page.suffix.lower() in _COMPONENT_SUFFIXES:
            for module_file in _imported_news_fields(folder, page, text):
                path = module_file.resolve().relative_to(root).as_posix()
                if path not in found:
                    found.append(path)
        for m in itertools.islice(_DATA_SUFFIX.finditer(text), 2_000):
            start = m.start()
            while start > max(0, m.start() - 200) and (
                text[start - 1].isalnum() or text[start - 1] in "_./-"
            ):
                start -= 1
            written = text[start : m.end()]
            stem = written.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            named = bool(_NEWS_IN_NAME.search(stem))
            if not named and (len(opened) >= 20 or not written.lower().endswith(_KEYED_DATA)):
                continue
            relative = written.lstrip("/")
            # an address from the site's root may be served from static/ or public/ (SvelteKit,
            # Hugo, Vite, Next.js); Hugo's ``resources.Get "news.md"`` reads from assets/
            served = [folder / top / relative for top in ("static", "public", "assets")]
            for candidate in (page.parent / relative, folder / relative, *served):
                if candidate.is_file() and _inside(candidate, root):
                    path = candidate.resolve().relative_to(root).as_posix()
                    if not named:
                        # a page's data file named otherwise (``fetchDict('main/home/home.json')``)
                        # that keeps the page's news under a key named for them
                        if path in opened:
                            break
                        opened.add(path)
                        if not _keeps_news_key(candidate):
                            break
                    if path not in found:
                        found.append(path)
                    break
    return found[:5]


_KEYED_DATA = (".json", ".yml", ".yaml", ".toml")


def _keeps_news_key(file: Path) -> bool:
    """A data file whose top level keeps a list or mapping of records under a key named for news
    (``{"about-text": …, "news": {"New paper published …": {"date": …}}}``)."""
    try:
        if file.stat().st_size > MAX_BYTES:
            return False
        data = load_data(read_text(file), {".toml": "toml", ".json": "json"}.get(file.suffix.lower(), "yaml"))
    except (UnreadableDocument, ValueError, OSError):
        return False
    return isinstance(data, dict) and any(
        isinstance(key, str) and _NEWS_IN_NAME.search(key) and _records(value) for key, value in data.items()
    )


def _records(value: Any) -> bool:
    """A list of records or sentences, or a mapping of records by name."""
    if isinstance(value, list):
        return any(isinstance(v, (dict, str)) for v in value)
    return isinstance(value, dict) and any(isinstance(v, dict) for v in value.values())


def _script_texts(scripts: list[Path], budget: int = 8_000_000) -> Iterator[tuple[Path, str]]:
    """Each page or script with its text, its first 500,000 characters, until ``budget``
    characters are read over all of them: a site of big bundles costs no more; one that cannot
    be read is passed over."""
    for page in scripts:
        if budget <= 0:
            return
        try:
            with page.open("rb") as handle:
                text = handle.read(min(500_000, budget)).decode("utf-8", "replace")
        except OSError:
            continue
        budget -= len(text)
        yield page, text


def _dated_count(result: ImportResult) -> tuple[int, int]:
    """How many news a reading found, dated ones first."""
    return sum(1 for item in result.items if item.posted), len(result.items)


def _preferred(result: ImportResult, path: Path) -> tuple[int, int, int]:
    """Which of a site's components to read: the most dated news, then the English version
    of the same list (``src/locales/en/news.js`` before ``src/locales/zh/news.js``), then the
    most news."""
    dated, found = _dated_count(result)
    folders = path.parent.parts[-3:]
    other_language = any(LANGUAGE_CODE.fullmatch(p) and language_of(p) not in ("", "en") for p in folders)
    return dated, 0 if other_language else 1, found


_ROUTE_FILES = frozenset({"index", "page", "+page"})  # a route's page is named for its folder


def _news_components(folder: Path, scripts: list[Path]) -> list[str]:
    """A JavaScript site's components and pages named for news (React's
    ``src/components/News.jsx``, ``NewsSection.tsx``, Vue's ``src/views/NewsView.vue``, Astro's
    ``src/pages/news.astro``, Next.js's ``app/news/page.tsx``), under its ``src/``, ``app/``,
    ``pages/`` or ``components/`` folders, as paths in the folder, the largest first (a page of
    all news before the home page's box of the latest three): such a site keeps its news in them,
    as data (``const news = [{date: …}]``) or as markup (``scripts``: :func:`_site_scripts`)."""
    found: list[tuple[int, str]] = []
    for script in scripts:
        relative = script.relative_to(folder)
        if script.suffix.lower() not in _COMPONENT_SUFFIXES or relative.parts[0] not in _SOURCE_TOPS:
            continue
        stem = script.name.split(".")[0]
        named = stem if stem.lower() not in _ROUTE_FILES else script.parent.name
        if _NEWS_IN_NAME.search(named) or (
            (*relative.parts[:-1], stem) in _HOME_ROUTES and _headed_news(script)
        ):
            try:
                found.append((script.stat().st_size, relative.as_posix()))
            except OSError:
                continue
    return [path for _, path in sorted(found, key=lambda f: (-f[0], f[1]))[:5]]


# a JavaScript site's home page as its framework routes it (Astro's ``src/pages/index.astro``,
# Next.js's ``app/page.tsx`` or ``pages/index.jsx``, SvelteKit's ``src/routes/+page.svelte``):
# one with a News heading keeps its news in itself (``const news = [{date: "2025.07", …}]`` over
# ``<h2>News</h2>{news.map(…)}``) or renders the component that does
_HOME_ROUTES = frozenset(
    {
        ("src", "pages", "index"),
        ("pages", "index"),
        ("app", "page"),
        ("src", "app", "page"),
        ("src", "routes", "+page"),
    }
)


def _headed_news(page: Path) -> bool:
    """Whether a page (of 1 MB at most) has a heading naming the News."""
    try:
        return page.stat().st_size <= 1_000_000 and has_news_heading(read_text(page))
    except (OSError, UnreadableDocument):
        return False


_SOURCE_TOPS = frozenset({"src", "app", "pages", "components"})


def _site_scripts(folder: Path) -> list[Path]:
    """A site's pages and scripts (``index.html``, ``assets/js/content.js``): three folders
    down at most, hidden folders, libraries (``node_modules``, ``vendor``) and built copies
    (``_site``, ``dist``) left out, 300 at most, the top first."""
    found: list[Path] = []
    level = [folder]
    for _ in range(4):
        deeper: list[Path] = []
        for current in level:
            try:
                entries = sorted(current.iterdir())
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir():
                    if entry.name.lower() not in _NOT_SCANNED:
                        deeper.append(entry)
                elif entry.suffix.lower() in _SCRIPT_SUFFIXES:
                    found.append(entry)
                    if len(found) >= 300:
                        return found
        level = deeper
    return found


def _content_languages(folder: Path, top: str = "content") -> list[str]:
    """A multilingual Hugo site's content folders (``content/en/``, ``content/zh/``: one per
    language), English first: its news are in ``content/en/home/news.md`` rather than
    ``content/home/news.md``; its data folders likewise (``data/en/news.yml``, ``top``)."""
    content = folder / top
    try:
        names = [d.name for d in content.iterdir() if d.is_dir() and LANGUAGE_CODE.fullmatch(d.name)]
    except OSError:
        return []
    return sorted(names, key=lambda name: (not name.startswith("en"), name))[:8]


def _followed(folder: Path, page: Path) -> list[Path]:
    """The files and folders of the site ``folder`` a template ``page`` includes or its loops
    read whose names say news ("updates", "announcements", "news"), or that a loop in its News
    section reads when its name does not say another list ("events", not "publications"), that
    exist, in the page's order (its includes first); never outside the folder. A section
    (``news/``) read by its own page is that page's (``news/index.html``)."""
    if page.is_dir():
        own = [p for p in sorted(page.iterdir()) if p.is_file() and p.name.startswith(("_index.", "index."))]
        page = own[0] if own else page
    if not page.is_file():
        return []
    try:
        text = read_text(page)
    except UnreadableDocument:
        return []
    sources = loop_sources(text)
    # a loop in the page's News section draws its news, whatever its file is named
    # ("Recent News" over ``{% for event in site.data.events %}``)
    headed = set(loop_sources(text, under=lambda heading: bool(NEWS_HEADING.search(heading))))
    included = included_pages(text)
    root = folder.resolve()
    found: list[Path] = []
    for name, beside in included[:20]:
        # a page that only includes its News ("{% include_relative includes/news.md %}", Hugo's
        # {{< readfromfile "/content/newslist.md" >}}, read from the site's root)
        spots = [page.parent / name] if beside else [folder / "_includes" / name, folder / name]
        candidate = next((c for c in spots if c.is_file()), spots[0])
        fresh = candidate != page and candidate not in found
        named = named_news(Path(name).stem) or _NEWS_IN_NAME.search(Path(name).stem)
        if fresh and named and _inside(candidate, root) and candidate.is_file():
            found.append(candidate)
    for source in sources[:20]:
        for relative in source_places(source):
            candidate = folder / relative
            stem = Path(relative).stem
            other = OTHER_HEADING.search(stem.replace("_", " "))
            if not named_news(stem) and (source not in headed or other):
                break
            if _inside(candidate, root) and candidate.exists() and candidate not in found:
                found.append(candidate)
                break
    for name in _LOADED_PAGE.findall(text[:500_000])[:20]:
        # a page its script loads into itself (jQuery's ``$("#contents").load("contents/index.html")``)
        # is part of it: read when a heading of it names the News
        for candidate in (page.parent / name.lstrip("/"), folder / name.lstrip("/")):
            if (
                candidate != page
                and candidate not in found
                and candidate.is_file()
                and _inside(candidate, root)
            ):
                try:
                    if has_news_heading(read_text(candidate)):
                        found.append(candidate)
                except UnreadableDocument:
                    pass
                break
    if page.suffix.lower() in _COMPONENT_SUFFIXES:
        found += [m for m in _imported_news(folder, page, text) if m not in found]
    return found


# ``import { newsList } from "../constants/home"``, ``import news from '@/data/news.json'``
# ``import rawData from './data.yaml?raw'``: Vite's query after the module's path is no part of it
_IMPORT = re.compile(
    r"""\bimport\s+([\w${},\s*]{1,300}?)\s+from\s+["']([\w@~./-]{1,200})(?:\?[\w=&-]{0,40})?["']"""
)
_MODULE_SUFFIXES = ("", ".js", ".ts", ".jsx", ".tsx", ".mjs", ".json", ".yml", ".yaml")


def _imported_news(folder: Path, page: Path, text: str) -> list[Path]:
    """The modules of the site a component imports its news from (``import { newsList } from
    "../constants/home"``: a name, or a module, named for news; with none, a route's page's
    components, at most three), that exist, in the page's order; ``@/`` and ``~/`` are the
    site's ``src/`` as Vite and Nuxt read them, else its root as a Next.js site's
    ``tsconfig.json`` often maps them; never outside the folder."""
    root = folder.resolve()
    found: list[Path] = []
    for names, module in _IMPORT.findall(text[:500_000])[:50]:
        if not (_NEWS_IN_NAME.search(names) or _NEWS_IN_NAME.search(module.rsplit("/", 1)[-1])):
            continue
        module_file = _module_file(folder, page, module)
        if module_file is not None and module_file != page and module_file not in found:
            found.append(module_file)
    for pattern in _GLOBBED.findall(text[:500_000])[:20]:
        # Vite's ``import.meta.glob("/src/md/news/*.md")``, Astro's ``Astro.glob("../news/*.md")``:
        # the folder the pattern reads, when it is named for news
        fixed = _GLOB.split(pattern, maxsplit=1)[0].rsplit("/", 1)[0]
        if not _NEWS_IN_NAME.search(fixed):
            continue
        base = folder / fixed.lstrip("/") if fixed.startswith("/") else page.parent / fixed
        spot = Path(os.path.normpath(base))
        if spot.is_dir() and _inside(spot, root) and spot not in found:
            found.append(spot)
    if not found and page.stem.lower() in _ROUTE_FILES:
        # a route's page that only renders what it imports (``app/news/page.tsx`` returning
        # ``<BlogContent />`` from ``../pages/blog``): the site's components it imports
        for _, module in _IMPORT.findall(text[:500_000])[:50]:
            module_file = _module_file(folder, page, module)
            if (
                module_file is not None
                and module_file.suffix.lower() in _COMPONENT_SUFFIXES
                and module_file != page
                and module_file not in found
            ):
                found.append(module_file)
            if len(found) >= 3:
                break
    return found


def _module_file(folder: Path, page: Path, module: str) -> Path | None:
    """The file of the site ``folder`` that ``page`` imports as ``module`` (``../constants/home``,
    ``@/content/about.json``), with the suffixes a bundler tries; None for a package (``react``)
    or a file outside the folder."""
    if module.startswith("."):
        bases = [page.parent / module]
    elif module.startswith("/"):  # from the site's root
        bases = [folder / module.lstrip("/")]
    elif module.startswith(("@/", "~/")):  # the site's src/, or its root (tsconfig's paths)
        bases = [folder / "src" / module[2:], folder / module[2:]]
    else:
        return None  # a package (react, next/link): not the site's
    root = folder.resolve()
    bases = [Path(os.path.normpath(b)) for b in bases]
    spots = [Path(f"{b}{suffix}") for b in bases for suffix in _MODULE_SUFFIXES]
    spots += [b / f"index{suffix}" for b in bases for suffix in _MODULE_SUFFIXES[1:]]
    return next((c for c in spots if c.is_file() and _inside(c, root)), None)


# a page showing a module's list named for news: ``aboutData.news.map(…)``, ``data["updates"]``
_SHOWS_NEWS = re.compile(
    r"""(?<![\w$.])([A-Za-z_$][\w$]{0,100})(?:\.|\[\s*["'])(?:news|updates|announcements|latestNews|newsItems)\b"""
)


_DESTRUCTURED = re.compile(r"\{([\w$,\s:]{1,500})\}\s*=\s*([A-Za-z_$][\w$]{0,100})\b")
# a name given to a module's part: ``const content = contentByLocale[locale]``, ``= data.en``
# and a module's text parsed as it loads: ``const parsedData = yaml.load(rawData) as any``
_ALIAS = re.compile(
    r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]{0,100})\s*=\s*"
    r"(?:[A-Za-z_$][\w$.]{0,60}\(\s*([A-Za-z_$][\w$]{0,100})\s*\)|([A-Za-z_$][\w$]{0,100})"
    r"\s*(?:\[[\w$\s\"'.]{1,100}\]|\.[A-Za-z_$][\w$]{0,100})?)(?:\s+as\s+[\w$<>\[\]]{1,60})?\s*(?=[;\n])"
)
_DATA_MODULES = frozenset({".json", ".yml", ".yaml", ".toml", ".js", ".mjs", ".ts", ".jsx", ".tsx"})


def _imported_news_fields(folder: Path, page: Path, text: str) -> list[Path]:
    """The modules of the site whose list named for news a page shows (``import aboutData from
    "@/content/about.json"`` and ``aboutData.news.slice(0, 5).map(…)``) or imports by a name for
    news (``import { members, newsItems } from '@/data/topPageData'``; a component's name,
    ``NewsCard``, is capitalised, a list's is not): a data module named for something else that
    keeps the news, as paths in the folder."""
    found: list[Path] = []
    text = text[:500_000]
    shown = {m.group(1) for m in itertools.islice(_SHOWS_NEWS.finditer(text), 200)}
    shown |= {  # ``const { hero, newsUpdates } = homeData``: homeData's news taken apart
        m.group(2)
        for m in itertools.islice(_DESTRUCTURED.finditer(text), 200)
        if any(named_news(name) for name in re.findall(r"[A-Za-z_$][\w$]*", m.group(1))[:50])
    }
    # ``const content = contentByLocale[locale]`` and ``content.news.map(…)``: the module's news
    # shown under the name given to its part for the page's language; ``parsedData.news`` after
    # ``const parsedData = yaml.load(rawData)``: the file imported as rawData
    aliases = [(m.group(1), m.group(2) or m.group(3)) for m in itertools.islice(_ALIAS.finditer(text), 200)]
    for _ in range(2):  # parsedData from rawData, content from parsedData
        shown |= {source for name, source in aliases if name in shown}
    for names, module in _IMPORT.findall(text)[:50]:
        for name in re.findall(r"[A-Za-z_$][\w$]*", names)[:20]:
            if name not in shown and not (name[0].islower() and _NEWS_IN_NAME.search(name)):
                continue
            module_file = _module_file(folder, page, module)
            if module_file is None or module_file.suffix.lower() not in _DATA_MODULES:
                break  # a picture (``import newsImg from "./news.png"``), a style sheet: no data
            if module_file != page and module_file not in found:
                found.append(module_file)
            break
    return found


def _importers(folder: Path, component: Path, scripts: list[Path]) -> list[Path]:
    """The site's pages and components that import ``component`` (``import News from
    "../components/homepage/News.jsx"``), at most three, the site's scripts read once more
    within the same budget as :func:`_fetched_news_data` (``scripts``: :func:`_site_scripts`)."""
    found: list[Path] = []
    target = component.resolve()
    pages = [p for p in scripts if p.suffix.lower() in _COMPONENT_SUFFIXES and p != component]
    for page, text in _script_texts(pages):
        if len(found) >= 3:
            break
        if component.stem not in text:
            continue
        for _, module in _IMPORT.findall(text)[:50]:
            module_file = _module_file(folder, page, module)
            if module_file is not None and module_file.resolve() == target:
                found.append(page)
                break
    return found


_GLOBBED = re.compile(r"""(?:import\.meta|Astro)\.glob\(\s*["'`]([\w@~./*{},-]{1,200})["'`]""")


_LOADED_PAGE = re.compile(r"\.load\(\s*[\"']([\w./-]{1,200}\.html?)[\"']")
_GLOB = re.compile(r"[*?\[{]")


def _listed(folder: Path, page: Path, *, sections: bool = False) -> list[Path]:
    """The folders and files of the site ``folder`` a listing ``page`` shows (a Quarto listing's
    ``contents``, read from the page's folder, a glob from the folder it starts in:
    ``posts/**/index.qmd`` is ``posts/``; a Hugo Academic section's ``content/post/``), that
    exist, never outside the folder nor the page's own folder (a listing of "the documents beside
    this page"). With ``sections``, a folder's are what the home page's sections kept in it list
    (``content/news/`` holding ``posts.md`` with ``widget = "pages"``), looked for only when the
    folder held no news of its own: a folder of posts is not scanned again."""
    if page.is_dir() and sections:
        try:
            pages = sorted(p for p in page.iterdir() if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file())
        except OSError:
            return []
        own = page
    elif page.is_file() and page.suffix.lower() in FOLDER_SUFFIXES:
        pages, own = [page], page.parent
    else:
        return []
    sources: dict[str, None] = {}
    for each in pages[:200]:
        try:
            if page.is_dir():  # most folders' files are posts: only a head naming a section is read
                with each.open("rb") as handle:
                    head = handle.read(4_096)
                if b"widget" not in head and b"block" not in head:
                    continue
            meta = split_front_matter(read_text(each))[0]
        except (OSError, UnreadableDocument):
            continue
        if page.is_dir() and not (isinstance(meta, dict) and (meta.get("widget") or meta.get("block"))):
            continue  # a post of the folder, whatever its front matter says
        sources.update(dict.fromkeys(listing_sources(meta)))
    root = folder.resolve()
    found: list[Path] = []
    for source in list(sources)[:20]:
        fixed = _GLOB.split(source)[0]
        if fixed != source and not fixed.endswith("/"):
            fixed = fixed.rpartition("/")[0]  # news/2024-*.qmd: the folder news/
        if not fixed.strip("/."):
            continue
        for base in (own, folder):
            candidate = base / fixed
            if (
                _inside(candidate, root)
                and candidate.exists()
                and candidate.resolve() != own.resolve()
                and candidate not in found
            ):
                found.append(candidate)
                break
    return found


def _inside(candidate: Path, root: Path) -> bool:
    """Whether ``candidate`` (links followed) is inside the site's folder ``root``."""
    try:
        return candidate.resolve().is_relative_to(root)
    except (OSError, ValueError):
        return False


_PLACES_SAID = (
    "_data/news.yml (.json, .csv), _news/, data/news.yaml, src/data/news.json, content/news/, "
    "content/post/, _posts/, news.md"
)
