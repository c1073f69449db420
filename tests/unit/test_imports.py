"""Dependencies point inward: the pure modules import no framework."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = ["newsfeed", "newsfeed.dates", "newsfeed.dates.parser", "newsfeed.config", "newsfeed.importers"]
FORBIDDEN = ["flask", "sqlalchemy", "werkzeug", "jinja2", "alembic"]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_framework(module: str) -> None:
    code = (
        f"import sys; import {module}; "
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{module} drags in {result.stdout.strip()} {result.stderr}"


def test_the_check_itself_detects_a_framework_import() -> None:
    code = "import sys; import newsfeed.web; print('flask' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
