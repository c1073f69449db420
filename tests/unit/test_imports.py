"""Dependencies point inward: every module outside the framework layers imports no framework."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import newsfeed

# The layers that may use frameworks: the web app, the database and its users, the migrations'
# runner, the command line and the scheduler process.
FRAMEWORK_LAYERS = (
    "newsfeed.web",
    "newsfeed.services",
    "newsfeed.migrations",
    "newsfeed.models",
    "newsfeed.db",
    "newsfeed.selection",
    "newsfeed.migrate",
    "newsfeed.cli",
    "newsfeed.entry",
    "newsfeed.__main__",
    "newsfeed.scheduler",
)
FORBIDDEN = ["flask", "sqlalchemy", "werkzeug", "alembic", "flask_login", "flask_wtf"]
# Email composition renders its templates with Jinja (a template engine, not a framework); no
# other pure module needs it.
TEMPLATES_ALLOWED = {"newsfeed.digest"}


def _pure_modules() -> list[str]:
    found = ["newsfeed"]
    for info in pkgutil.walk_packages(newsfeed.__path__, "newsfeed."):
        if not info.name.startswith(FRAMEWORK_LAYERS):
            found.append(info.name)
    return sorted(found)


PURE = _pure_modules()


def test_the_pure_modules_are_the_domain() -> None:
    for module in (
        "newsfeed.dates.parser",
        "newsfeed.importers.news",
        "newsfeed.importers.kinds",
        "newsfeed.kinds",
        "newsfeed.links",
        "newsfeed.upcoming",
        "newsfeed.feeds",
        "newsfeed.digest",
        "newsfeed.render",
        "newsfeed.errors",
        "newsfeed.config",
    ):
        assert module in PURE


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_framework(module: str) -> None:
    forbidden = FORBIDDEN + ([] if module in TEMPLATES_ALLOWED else ["jinja2"])
    code = (
        f"import sys; import {module}; "
        f"bad = [m for m in {forbidden!r} if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{module} drags in {result.stdout.strip()} {result.stderr}"


def test_the_check_itself_detects_a_framework_import() -> None:
    code = "import sys; import newsfeed.web; print('flask' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
