"""Pages that are templates: a Jekyll page whose News is a Liquid loop
(``{% for item in site.data.news %}``), a Hugo page or partial that ranges over a data file or a
section (``{{ range .Site.Data.news }}``, ``{{ range where .Site.RegularPages "Section" "news" }}``).

Such a page holds no news of its own: its items are in the file or folder the loop reads, and the
loop's body is the shape of one item (placeholders and labels such as "Paper Talk Award"), never
an item. :func:`loop_sources` names what the loops read, in the words of the site's own layout
(``_data/news.yml``, ``_news/``, ``content/news/``), so that the importer can tell the user which
file to import; :func:`without_loops` leaves the loops out of the page, keeping its line breaks
so that lines still count as written.

Both are one pass over the template tags (each at most 2,000 characters, as in
``strip_templates``): linear in the page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

# a Liquid or Jinja tag, or a Go template action (Hugo)
_TAG = re.compile(r"\{%-?\s*(\w+)([^{}]{0,2000}?)-?%\}|\{\{-?\s*([^{}]{0,2000}?)\s*-?\}\}")
_NAME = r"[\w$]+(?:\.[\w$]+|\[['\"]?[\w-]+['\"]?\])*"
_LIQUID_FOR = re.compile(rf"\s*\w+\s+in\s+\(?({_NAME})")
_LIQUID_ASSIGN = re.compile(rf"\s*(\w+)\s*=\s*({_NAME})")
_GO_OPENERS = ("if", "range", "with", "define", "block")
_HUGO_DATA = re.compile(r"(?:^|[\s(])\$?\.?[Ss]ite\.Data\.([\w.]+)")
_HUGO_SECTION = re.compile(r"\"(?:Section|Type)\"\s+\"([\w-]+)\"|\bGetPage\s+\"/?([\w-]+)")


def _dotted(name: str) -> list[str]:
    return [part.strip("'\"") for part in re.split(r"\.|\[|\]", name) if part.strip("'\"")]


def _liquid_source(name: str) -> str | None:
    parts = _dotted(name)
    if len(parts) >= 3 and parts[:2] == ["site", "data"]:
        where = f"_data/{parts[2]}.yml (or .json, .csv)"
        return where + (f", under `{'.'.join(parts[3:])}`" if len(parts) > 3 else "")
    if parts[:2] in (["site", "posts"], ["paginator", "posts"]):
        return "_posts/"
    if len(parts) >= 3 and parts[0] == "site" and parts[1] in ("categories", "tags"):
        return f"_posts/ (those filed under {parts[2]})"
    if parts in (["site", "categories"], ["site", "tags"]):  # the posts, by their categories
        return "_posts/"
    if len(parts) == 2 and parts[0] == "site" and parts[1] not in ("pages", "static_files", "html_pages"):
        return f"_{parts[1]}/"
    if len(parts) >= 2 and parts[0] == "page":
        return f"the front matter field `{'.'.join(parts[1:])}` of this page"
    return None


def _hugo_source(action: str) -> str | None:
    data = _HUGO_DATA.search(action)
    if data:
        parts = data.group(1).split(".")
        where = f"data/{parts[0]}.yaml (or .toml, .json)"
        return where + (f", under `{'.'.join(parts[1:])}`" if len(parts) > 1 else "")
    section = _HUGO_SECTION.search(action)
    if section:
        return f"content/{section.group(1) or section.group(2)}/"
    return None


def source_places(source: str) -> list[str]:
    """The files or folders of a site (relative paths, a folder ending in "/") one of
    :func:`loop_sources`'s places may be: "_data/updates.yml (or .json, .csv)" is any of
    ``_data/updates`` with a data suffix, "… under `news`" ``_data/lab/news`` first; a folder is
    itself. Posts filed under one category and a page's own front matter are no place to read
    whole: none."""
    where = source.split(" (", 1)[0].split(",", 1)[0].strip()
    if source.startswith("the front matter") or "filed under" in source:
        return []
    if where.endswith("/"):
        return [where]
    stem, dot, _ = where.rpartition(".")
    if not dot:
        return []
    files = [f"{stem}{suffix}" for suffix in _DATA_SUFFIXES]
    under = re.search(r"under `([\w-]+)", source)
    if under:
        # Jekyll and Hugo read a folder of data files as one tree: ``site.data.lab.news`` is
        # ``_data/lab/news.yml`` as well as the key ``news`` of ``_data/lab.yml``
        files = [f"{stem}/{under.group(1)}{suffix}" for suffix in _DATA_SUFFIXES] + files
    return files


_INCLUDE = re.compile(r"\{%-?\s*include(_relative)?\s+[\"']?([\w./-]{1,200}?)[\"']?(?=[\s%])")


# a Hugo shortcode that pastes a file in: {{< readfromfile "/content/newslist.md" 1000 >}},
# {{% include "news.md" %}}, {{< readfile file="/content/news.html" >}}
_SHORTCODE_FILE = re.compile(
    r"\{\{[<%]\s*[\w-]{1,40}\s+(?:file\s*=\s*)?[\"']([\w./-]{1,200}\.(?:md|markdown|html|dat|txt))[\"']"
)


def included_pages(text: str) -> list[tuple[str, bool]]:
    """The files a page includes, in its order, each once: Jekyll's ``{% include news.md %}``
    (from ``_includes/``: False) and ``{% include_relative includes/news.md %}`` (from the page's
    own folder: True); a Hugo shortcode that reads a file (``{{< readfromfile
    "/content/newslist.md" >}}``: from the site's root, False, the path kept whole)."""
    found: dict[tuple[str, bool], None] = {}
    for m in _INCLUDE.finditer(text):
        found[(m.group(2), bool(m.group(1)))] = None
    for m in _SHORTCODE_FILE.finditer(text):
        found[(m.group(1).lstrip("/"), False)] = None
    return list(found)


# a heading as a template writes it: HTML's <h2>…</h2>, or a Markdown heading line
_HEADING = re.compile(
    r"<h([1-6])\b[^<>]{0,500}>(.{0,500}?)</h\1|^#{1,6}[ \t]+([^\n]{0,300})", re.I | re.M | re.S
)
_MARKUP = re.compile(r"<[^<>]{0,500}>")


def loop_sources(text: str, under: Callable[[str], bool] | None = None) -> list[str]:
    """What the page's loops read, as places in the site ("_data/news.yml (or .json, .csv)",
    "_news/", "content/news/"), in the order the page reads them, each once; with ``under``,
    only the loops whose nearest heading before them it accepts (a loop over
    ``site.data.events`` under "Recent News" draws the page's news)."""
    assigned: dict[str, str] = {}
    found: dict[str, None] = {}  # ordered, each once
    headings = (
        [(h.start(), _MARKUP.sub(" ", h.group(2) or h.group(3) or "")) for h in _HEADING.finditer(text)]
        if under
        else []
    )
    for m in _TAG.finditer(text):
        word, rest, action = m.group(1), m.group(2), m.group(3)
        looping = word == "for" or (action is not None and re.match(r"range\b", action.lstrip("-").strip()))
        if under is not None and looping:
            before = bisect.bisect_left(headings, (m.start(), "")) - 1
            if before < 0 or not under(headings[before][1]):
                continue
        source = None
        if word == "assign":
            a = _LIQUID_ASSIGN.match(rest)
            if a:
                assigned[a.group(1)] = assigned.get(a.group(2), a.group(2))
        elif word == "for":
            f = _LIQUID_FOR.match(rest)
            if f:
                name = f.group(1)
                source = _liquid_source(assigned.get(name.split(".", 1)[0], name))
        elif action is not None and re.match(r"range\b", action.lstrip("-").strip()):
            source = _hugo_source(action)
            if source is None:
                variable = re.search(r"\$(\w+)\s*$", action)
                source = assigned.get(f"${variable.group(1)}") if variable else None
        elif action is not None:
            a = re.match(r"\$(\w+)\s*:?=\s*(.+)", action.strip())
            if a:
                hugo = _hugo_source(" " + a.group(2))
                if hugo:
                    assigned[f"${a.group(1)}"] = hugo
        if source is not None:
            found[source] = None
    return list(found)


def without_loops(text: str) -> str:
    """The page without its loops (``{% for %}…{% endfor %}``, ``{{ range }}…{{ end }}``): each
    replaced by as many line breaks as it spanned. A loop left open runs to the end of the page."""
    out: list[str] = []
    kept = 0  # where the text not yet copied starts
    liquid = 0  # depth of Liquid for-loops
    go: list[bool] = []  # the open Go actions: whether each is a range
    ranges = 0  # how many of them are (counted, not searched for: an action costs O(1))
    start = 0
    for m in _TAG.finditer(text):
        word, action = m.group(1), m.group(3)
        inside = liquid > 0 or ranges > 0
        if word == "for":
            if not inside:
                start = m.start()
            liquid += 1
        elif word == "endfor" and liquid:
            liquid -= 1
        elif action is not None:
            verb = re.match(r"(\w+)", action.lstrip("-").strip())
            name = verb.group(1) if verb else ""
            if name in _GO_OPENERS:
                if name == "range" and not inside:
                    start = m.start()
                go.append(name == "range")
                ranges += name == "range"
            elif name == "end" and go:
                ranges -= go.pop()
            else:
                continue
        else:
            continue
        if inside and not (liquid > 0 or ranges > 0):  # a loop closed: leave it out
            out.append(text[kept:start])
            out.append("\n" * text.count("\n", start, m.end()))
            kept = m.end()
    if liquid > 0 or ranges > 0:
        out.append(text[kept:start])
        out.append("\n" * text.count("\n", start))
        return "".join(out)
    out.append(text[kept:])
    return "".join(out)


# Where a site keeps its news, most specific first: Jekyll's data files and al-folio's news
# collection, Hugo's data files and news section, an include the home page pulls in, a News page,
# the home page when it has a News section, then the posts (often a blog, or a theme's sample
# posts, as academicpages ships), then the home page whatever it holds. "page#news": that page
# only when a heading of it names the News.
SITE_HOME_PAGES = ("_pages/about.md", "index.md", "index.html", "about.md", "index.qmd")  # Quarto's too
_DATA_SUFFIXES = (".yml", ".yaml", ".json", ".csv", ".tsv", ".toml")
SITE_NEWS_PLACES: tuple[str, ...] = (
    *(f"_data/news{s}" for s in _DATA_SUFFIXES),
    "_data/news",  # Jekyll reads a data folder as one tree too: _data/news/*.json is site.data.news
    *(f"src/_data/news{s}" for s in _DATA_SUFFIXES),  # Eleventy's data kept under src/
    # a React, Next.js, Vue or Astro site's data (src/data/news.json, or a module exporting them)
    *(f"src/data/news{s}" for s in (*_DATA_SUFFIXES, ".js", ".ts", ".mjs", ".jsx", ".tsx", ".md")),
    "public/data/news.json",  # fetched by the page as it loads (Vite and Next.js serve public/)
    "public/news.json",
    "public/content/news.md",  # a Markdown page the script fetches as it loads (Vite, Next.js)
    "public/news.md",
    "_news",
    *(f"data/news{s}" for s in _DATA_SUFFIXES),
    "data/news",  # Hugo reads a data folder as one tree: data/news/2024/en.yaml is site.Data.news
    # a JavaScript site's list of news kept as content (content/news.yaml), its detail pages in
    # content/news/ beside it, undated
    *(f"content/news{s}" for s in _DATA_SUFFIXES),
    "content/news",
    "content/home/news.md",  # Hugo Academic's (Wowchemy's) home-page section of news
    "src/content/news",  # Astro's content collections
    "content/updates",  # a Hugo section named Updates, as many call their news
    "src/content/updates",
    "news/news.md",  # the News page kept in its own folder
    "news",  # a folder of posts at the top (Quarto, Eleventy), or of the News page (news/index.md)
    # a data file at the top: a Quarto listing's ``contents: news.yml``, a MyST or Curvenote
    # site's, a page's script's
    "news.yml",
    "news.yaml",
    "news.json",
    "_includes/news.html",  # a Jekyll include the home page pulls in
    "_includes/news.md",
    "news.md",
    "news.qmd",  # Quarto's News page
    "_pages/news.md",
    "pages/news.md",  # beautiful-jekyll and other themes keep their pages in pages/
    "pages/news.html",
    "content/news.md",
    # the page the site publishes before a source it may be built from: a built page is often
    # edited by hand after its source went stale (a Sphinx lab site's news.html had four news
    # more than its news.rst)
    "news.html",
    "news.rst",  # a Sphinx site's News page (or its table of contents of news pages)
    "news.org",
    "news.typ",  # a homepage written in Typst
    "content/news.typ",
    *(f"{page}#news" for page in SITE_HOME_PAGES),
    "content/post",
    "content/posts",
    "posts",
    "_posts",
    "source/_posts",  # Hexo
    "src/content/posts",  # Astro's content collection of posts
    "src/content/post",
    "docs/news.md",  # MkDocs: a News page, or Material's blog of posts
    "docs/news",  # MkDocs: a News section (docs/news/index.md) or its folder of news pages
    "docs/blog/posts",
    # the home page, where many researchers keep their News section (academicpages, Jon Barron's)
    *SITE_HOME_PAGES,
)
# a folder holding one of these (or one of the places above that is no page) is a site's own
# folder: Jekyll's and Hugo's configuration, Hugo Blox's (Wowchemy's) config/_default/
SITE_MARKERS = (
    "_config.yml", "_config.yaml", "_config.toml", "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
    "config.toml", "config.yaml", "config.yml", "config/_default", "_quarto.yml", "_quarto.yaml",
    "astro.config.mjs", "astro.config.ts",
    "package.json",  # a JavaScript site's (Next.js, Vite, Vue): its folder is a site, not of posts
    ".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs",
    "conf.py", "index.rst", "index.org",  # Sphinx's configuration; a reStructuredText or Org site
    "pelicanconf.py", "mkdocs.yml",
    "index.html", "index.md",  # a site's home page: the folder is a site, not a folder of posts
)  # fmt: skip


# Hugo Academic's (Wowchemy's) sections of the home page that list the site's pages
# (``widget = "posts"``, ``"pages"``, ``"collection"``; ``block: collection``): they show posts
_LISTING_WIDGETS = frozenset({"posts", "pages", "collection", "featured"})


def listing_sources(meta: object) -> list[str]:
    """What a listing page lists: a Quarto listing (front matter ``listing: {contents: posts}``,
    or a list of listings), the folders or files named, or "the documents beside this page" when
    it names none; a Hugo Academic section that lists posts (``widget = "posts"``), the folder of
    the kind of page it shows (``page_type``, ``folders``), ``content/post/`` when it names none.
    Such a page's items are those documents."""
    if not isinstance(meta, dict):
        return []
    widget = meta.get("widget") or meta.get("block")
    if isinstance(widget, str) and widget.strip().lower() in _LISTING_WIDGETS:
        content = meta.get("content")
        content = content if isinstance(content, dict) else {}
        filters = content.get("filters")
        filters = filters if isinstance(filters, dict) else {}
        kinds = content.get("page_type") or filters.get("folders") or meta.get("page_type") or "post"
        named = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else ["post"]
        return [f"content/{k.strip()[:100]}/" for k in named if isinstance(k, str) and k.strip()]
    listings = meta.get("listing")
    if isinstance(listings, dict):
        listings = [listings]
    if listings is True or isinstance(listings, str):
        listings = [{"contents": listings if isinstance(listings, str) else None}]
    if not isinstance(listings, list):
        return []
    found: dict[str, None] = {}
    for listing in listings:
        contents = listing.get("contents") if isinstance(listing, dict) else None
        named = [contents] if isinstance(contents, str) else contents if isinstance(contents, list) else []
        for entry in named or ["the documents beside this page"]:
            if isinstance(entry, str) and entry.strip():
                found[entry.strip()[:200]] = None
    return list(found)


def hidden_page(meta: object) -> str:
    """Why the site does not show a page, by its front matter (a section switched off, ``active
    = false``; a draft; ``published: false``), or a data record, by the flag its theme's loop
    skips it by (``display``, ``show``, ``visible`` or ``render: false``; ``hidden: true``), or ""
    when it does."""
    if not isinstance(meta, dict):
        return ""

    def said(key: str, value: bool) -> bool:
        v = meta.get(key)
        return v is value or (isinstance(v, str) and v.strip().lower() == str(value).lower())

    if said("active", False):
        return "active = false"
    if said("draft", True):
        return "a draft"
    if said("published", False):
        return "published: false"
    for key in ("display", "show", "visible", "render"):  # a data record a theme's loop skips
        if said(key, False):
            return f"{key}: false"
    if said("hidden", True):
        return "hidden: true"
    return ""
