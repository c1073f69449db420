"""The news_docs check with one-to-one pairing (run from the repository, with ../shared present).

``../shared/checks/news_docs.py`` pairs each annotated item with the first imported item whose
text shares a 40-character run with it, so two items about the same paper ("Paper X accepted",
"Two papers (X, Y) accepted") can both be paired with the same imported item, and one of them is
then scored against the other's date. This script pairs each annotated item with at most one
imported item and each imported item with at most one annotated item, whole-text matches first,
and prints the same three figures, then each remaining miss.

    python tools/news_docs_paired.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

EXPECT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docs_dev" / "expect.json"


def key(text: str | None) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    return re.sub(r"[^a-z0-9]", "", text.lower())


def score(gk: str, wk: str) -> int:
    if not gk:
        return 0
    if gk == wk:
        return 4
    if gk in wk or wk in gk:
        return 3
    if gk[:40] in wk or wk[-60:][:40] in gk:  # the shared checker's rule
        return 1
    return 0


def main() -> int:
    docs = json.loads(EXPECT.read_text())
    total = found = kind_ok = posted_ok = posted_n = 0
    misses = []
    for doc in docs:
        path = EXPECT.parent / doc["path"]
        done = subprocess.run(
            ["newsfeed", "import", str(path), "--dry-run", "--json"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        items = json.loads(done.stdout)["items"] if done.stdout.strip() else []
        keys = [key(it.get("text") or it.get("body") or it.get("title")) for it in items]
        pairs = sorted(
            (
                (score(gk, key(w["text"])), -abs(g - n), n, g)
                for n, w in enumerate(doc["items"])
                for g, gk in enumerate(keys)
            ),
            reverse=True,
        )
        chosen: dict[int, int] = {}
        used: set[int] = set()
        for s, _, n, g in pairs:
            if s and n not in chosen and g not in used:
                chosen[n] = g
                used.add(g)
        for n, want in enumerate(doc["items"]):
            total += 1
            if n not in chosen:
                misses.append(f"NOT FOUND {doc['path']}: {want['text'][:80]}")
                continue
            found += 1
            hit = items[chosen[n]]
            kind_ok += hit.get("kind") in (want["kind"], want.get("kind_alt"))
            if want.get("posted"):
                posted_n += 1
                got, wp = hit.get("posted") or {}, want["posted"]
                cut = 4 if wp.get("year_unknowable") else 0
                same = all((got.get(x) or "")[cut:] == wp[x][cut:] for x in ("start", "end"))
                grain = got.get("grain") == wp["grain"] or (
                    wp.get("time")
                    and got.get("grain") == "minute"
                    and wp["time"] in (got.get("display") or "")
                )
                if same and grain:
                    posted_ok += 1
                else:
                    misses.append(
                        f"POSTED {got.get('display')} want {wp['start']}..{wp['end']}: {want['text'][:70]}"
                    )
    print(f"paired: found {found}/{total}, kind {kind_ok}/{total}, posted {posted_ok}/{posted_n}")
    print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
