"""The folders are the architecture: each layer imports only layers below it, there is no import
cycle, the pure layers use no framework, no clock and no I/O, and services never commit.

The layers, from the bottom: ``domain`` (pure values and rules), ``render`` (pure, values in and
bytes out), ``config``, ``adapters`` (database, mail, HTTP), ``services`` (use cases: flush,
never commit), ``jobs`` (own their transactions), then the edges ``web`` and ``cli``. The check reads
the source (every ``import``, in functions and ``TYPE_CHECKING`` blocks too), so a forbidden import
cannot hide behind a lazy import; a second check imports each pure module alone in a fresh
interpreter and looks at what it dragged in.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "newsfeed"

RANKS = {"domain": 0, "render": 1, "config": 2, "adapters": 3, "services": 4, "jobs": 5, "web": 6, "cli": 7}
ENTRY = {"newsfeed", "newsfeed.__main__"}  # may import anything (they start the command line)
PURE = ("domain", "render")
# Third-party and standard-library modules that mean a framework, the database, the network or a
# process: never in the pure layers.
IMPURE_MODULES = (
    "flask",
    "werkzeug",
    "sqlalchemy",
    "alembic",
    "click",
    "flask_login",
    "flask_wtf",
    "flask_talisman",
    "apscheduler",
    "psycopg",
    "smtplib",
    "socket",
    "http",
    "urllib.request",
    "subprocess",
)
# Reading the clock: the pure layers take ``now``/``today`` as arguments.
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic", "perf_counter"}
CLOCK_OWNERS = {"datetime", "date", "dt", "time"}
FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob"}


@dataclass(frozen=True)
class Imported:
    module: str
    line: int


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


@functools.cache
def _nodes(source: str) -> tuple[tuple[ast.Import | ast.ImportFrom, ...], tuple[ast.Call, ...]]:
    """The import statements and the calls of a source text, wherever they are. Kept by text:
    the checks below read each file several times, and the copies they make with one breach
    each share every other file (the trained kinds model alone is 450 kB of source)."""
    imports: list[ast.Import | ast.ImportFrom] = []
    calls: list[ast.Call] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            imports.append(node)
        elif isinstance(node, ast.Call):
            calls.append(node)
    return tuple(imports), tuple(calls)


def imports_of(name: str, path: Path, known: set[str]) -> list[Imported]:
    """Every module this file imports (absolute names), wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: list[Imported] = []
    for node in _nodes(path.read_text(encoding="utf-8"))[0]:
        if isinstance(node, ast.Import):
            found += [Imported(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append(Imported(sub if sub in known else target, node.lineno))
    return found


def layer_of(name: str) -> str | None:
    if name in ENTRY:
        return None
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else None


def problems_in(root: Path = PACKAGE) -> list[str]:
    """Every breach of the folder contracts in the package at ``root``."""
    modules = package_modules(root)
    known = set(modules)
    out: list[str] = []
    for name, path in modules.items():
        layer = layer_of(name)
        if name not in ENTRY and layer is None:
            out.append(f"{name}: in no layer (put it in one of {', '.join(RANKS)})")
            continue
        for imported in imports_of(name, path, known):
            where = f"{name}:{imported.line}"
            target = imported.module
            if target.startswith("newsfeed"):
                other = layer_of(target)
                if layer is not None and other is not None and RANKS[other] > RANKS[layer]:
                    out.append(f"{where} imports {target}: {layer} may not import {other} (a layer up)")
            elif layer in PURE and any(target == m or target.startswith(m + ".") for m in IMPURE_MODULES):
                out.append(f"{where} imports {target}: {layer} is pure")
            elif layer in PURE and target == "jinja2" and layer != "render":
                out.append(f"{where} imports jinja2: templates are rendering")
        if layer in PURE:
            out += _impure_calls(name, path)
        if layer == "services":
            out += _commits(name, path)
    return list(dict.fromkeys(out)) + _cycles(modules, known)


def _impure_calls(name: str, path: Path) -> list[str]:
    out = []
    for node in _nodes(path.read_text(encoding="utf-8"))[1]:
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if func.attr in CLOCK_CALLS and owner_name in CLOCK_OWNERS:
                out.append(f"{name}:{node.lineno} reads the clock ({owner_name}.{func.attr}())")
            if func.attr in FILE_CALLS - {"open"}:
                out.append(f"{name}:{node.lineno} touches files (.{func.attr}())")
        elif isinstance(func, ast.Name) and func.id == "open":
            out.append(f"{name}:{node.lineno} opens a file")
    return out


def _commits(name: str, path: Path) -> list[str]:
    return [
        f"{name}:{node.lineno} commits (services flush; the job, request or command commits)"
        for node in _nodes(path.read_text(encoding="utf-8"))[1]
        if isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
    ]


def _cycles(modules: dict[str, Path], known: set[str]) -> list[str]:
    """Import cycles among the package's modules (Tarjan's strongly connected components)."""
    graph = {
        name: sorted({i.module for i in imports_of(name, path, known) if i.module in known} - {name})
        for name, path in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[str] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            # a package importing its own submodules is how packages are written, not a cycle
            real = [m for m in component if not any(o.startswith(m + ".") for o in component)]
            if len(component) > 1 and len(real) > 1:
                found.append("import cycle: " + " -> ".join(sorted(component)))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_package_keeps_its_folder_contracts() -> None:
    assert problems_in() == []


def test_every_layer_folder_exists_and_holds_modules() -> None:
    layers = {layer_of(name) for name in package_modules()}
    assert set(RANKS) <= layers


# -- the check itself can fail: a copy of the package with one breach each ------------------------


def _copy_with(tmp_path: Path, relative: str, code: str) -> Path:
    import shutil

    root = tmp_path / "newsfeed"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__", "templates", "static"))
    target = root / relative
    target.write_text(target.read_text(encoding="utf-8") + "\n" + code + "\n", encoding="utf-8")
    return root


def test_the_check_catches_a_service_that_commits(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "services/items.py", "def _bad(session):\n    session.commit()")
    assert any("newsfeed.services.items" in p and "commits" in p for p in problems_in(root))


def test_the_check_catches_a_domain_module_importing_sqlalchemy(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "domain/upcoming.py", "def _bad():\n    import sqlalchemy")
    assert any("newsfeed.domain.upcoming" in p and "sqlalchemy" in p for p in problems_in(root))


def test_the_check_catches_an_import_a_layer_up(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "adapters/db.py", "from newsfeed.services import items")
    assert any("adapters may not import services" in p for p in problems_in(root))


def test_the_check_catches_a_cycle(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "domain/text.py", "from newsfeed.domain import selection")
    assert any(p.startswith("import cycle") for p in problems_in(root))


def test_the_check_catches_the_clock_in_the_domain(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "domain/periods.py", "def _bad():\n    return dt.datetime.now(dt.UTC)")
    assert any("reads the clock" in p for p in problems_in(root))


# -- what importing really drags in ---------------------------------------------------------------

PURE_MODULES = sorted(n for n in package_modules() if layer_of(n) in PURE)
FRAMEWORKS = ["flask", "sqlalchemy", "werkzeug", "alembic", "flask_login", "flask_wtf", "click"]


@pytest.mark.slow
def test_pure_modules_drag_in_no_framework_when_imported_alone() -> None:
    """Each pure module in a fresh interpreter (one process for all, a module's imports isolated
    by clearing ``sys.modules`` of the package and the frameworks between them)."""
    code = (
        "import sys, importlib, json\n"
        f"frameworks = {FRAMEWORKS!r}\n"
        "bad = {}\n"
        "base = set(sys.modules)\n"
        f"for name in {PURE_MODULES!r}:\n"
        "    for m in list(sys.modules):\n"
        "        if m not in base:\n"
        "            del sys.modules[m]\n"
        "    importlib.import_module(name)\n"
        "    dragged = [f for f in frameworks if f in sys.modules]\n"
        "    if dragged:\n"
        "        bad[name] = dragged\n"
        "print(json.dumps(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "{}", result.stdout
    assert len(PURE_MODULES) > 30


def test_importing_the_web_package_does_drag_in_flask() -> None:
    """The runtime check above can see a framework when there is one."""
    code = "import sys; import newsfeed.web; print('flask' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
