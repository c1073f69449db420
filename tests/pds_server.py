"""A real Bluesky PDS on loopback for the tests: ``tests/pds/start.js`` runs the npm package
``@atproto/pds`` with an in-memory PLC directory (``@did-plc/server``). Its packages are
installed once with ``npm ci`` into ``tests/pds/node_modules`` (``.ci/run`` does it first; a
test that needs them does it when they are missing). Without Node.js 18.7 or newer and npm,
the tests that need a PDS are skipped, saying so."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent / "pds"


def _node_major() -> int:
    node = shutil.which("node")
    if node is None:
        return 0
    out = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    try:
        return int(out.lstrip("v").split(".")[0])
    except ValueError:
        return 0


def ensure_packages() -> None:
    """``npm ci`` in tests/pds unless it was done; skip the test when Node.js or npm is missing."""
    if _node_major() < 18:
        pytest.skip("a Bluesky PDS needs Node.js 18.7 or newer (apt-get install nodejs npm)")
    if (HERE / "node_modules" / "@atproto" / "pds").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("a Bluesky PDS needs npm to install @atproto/pds (apt-get install npm)")
    # pytest-xdist workers may all get here at once: one installs, the others wait for it.
    with (HERE / ".npm-ci.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (HERE / "node_modules" / "@atproto" / "pds").is_dir():
            return
        command = [str(HERE / "install")]  # npm ci, building better-sqlite3 at -O0
        done = subprocess.run(command, cwd=HERE, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{HERE / 'install'} (npm ci) failed:\n{done.stderr[-2000:]}")


@dataclass
class Pds:
    url: str
    process: subprocess.Popen[str]
    log: Any

    def xrpc(
        self, method: str, body: dict[str, object] | None = None, token: str | None = None
    ) -> dict[str, object]:
        """A call to the PDS as any client makes it (a procedure with a JSON body, or a query)."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}/xrpc/{method}", data=data, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            result: dict[str, object] = json.loads(answer.read())
            return result

    def account(self, handle: str) -> tuple[str, str]:
        """A new account: its DID and an app password (what a researcher makes in Bluesky's settings)."""
        account: dict[str, object] = {
            "handle": handle,
            "email": f"{handle}@example.org",
            "password": "a password of the test",
        }
        made = self.xrpc("com.atproto.server.createAccount", account)
        app = self.xrpc("com.atproto.server.createAppPassword", {"name": "newsfeed"}, str(made["accessJwt"]))
        return str(made["did"]), str(app["password"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()


def start(port: int) -> Pds:
    ensure_packages()
    env = {**os.environ, "PDS_PORT": str(port), "LOG_ENABLED": "false"}
    log = tempfile.NamedTemporaryFile("w+", prefix="newsfeed-pds-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(["node", str(HERE / "start.js")], cwd=HERE, env=env, stdout=subprocess.PIPE,
                               stderr=log, text=True)  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()  # the PDS prints its address once it answers
    if not line:
        log.seek(0)
        raise RuntimeError(f"the PDS did not start:\n{log.read()[-2000:]}")
    return Pds(json.loads(line)["pds"], process, log)
