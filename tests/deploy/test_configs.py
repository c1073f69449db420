"""The files in deploy/ pass their own tools' checks: `systemd-analyze verify` for the units,
`nginx -t` and `caddy validate` for the proxy sites (each skipped, with the reason, where the tool
is not installed; .ci/run installs them from Debian's packages)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.nginx import main_config

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _tool(name: str, *more: str) -> str:
    found = shutil.which(name) or next((p for p in more if Path(p).exists()), None)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def test_the_systemd_units_verify(tmp_path: Path) -> None:
    analyze = _tool("systemd-analyze")
    units = sorted((DEPLOY / "systemd").iterdir())
    assert {u.name for u in units} >= {"newsfeed-web.service", "newsfeed-scheduler.service"}
    for unit in units:  # the programs they start, from this environment's virtual environment
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/newsfeed/venv", sys.prefix))
    done = subprocess.run(
        [analyze, "verify", *(str(tmp_path / u.name) for u in units)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


def test_the_nginx_site_passes_nginx_t(tmp_path: Path) -> None:
    nginx = _tool("nginx", "/usr/sbin/nginx")
    conf = main_config(tmp_path)
    done = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0 and "test is successful" in done.stderr, done.stderr


def test_the_caddyfile_validates(tmp_path: Path) -> None:
    caddy = _tool("caddy")
    done = subprocess.run(
        [caddy, "validate", "--config", str(DEPLOY / "caddy" / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)},
    )
    assert done.returncode == 0 and "Valid configuration" in done.stdout + done.stderr, done.stderr
