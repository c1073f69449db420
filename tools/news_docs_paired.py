"""The news_docs check with one-to-one pairing (run from the repository, with ../shared present).

``../shared/checks/news_docs.py`` pairs each annotated item with the first imported item whose
text shares a 40-character run with it, so two items about the same paper ("Paper X accepted",
"Two papers (X, Y) accepted") can both be paired with the same imported item, and one of them is
then scored against the other's date. This script pairs each annotated item with at most one
imported item and each imported item with at most one annotated item, whole-text matches first,
and prints the same three figures, then each remaining miss.

It also prints what the shared checker's own pairing allows: the posted figure it gives for the
items in the order imported, and the best it could give for *any* order of the same items (the
imported items that more than one annotated item's window matches, permuted). Where that best
is under the bar, no output order of faithful texts reaches it; only a different text would.

    python tools/news_docs_paired.py
"""

from __future__ import annotations

import itertools
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


def _window_hits(gk: str, wk: str) -> bool:
    """The shared checker's rule: a 40-character window of one text found in the other."""
    return bool(gk) and (gk[:40] in wk or wk[-60:][:40] in gk)


def _posted_right(got: dict[str, object], wp: dict[str, str]) -> bool:
    cut = 4 if wp.get("year_unknowable") else 0
    same = all(str(got.get(x) or "")[cut:] == wp[x][cut:] for x in ("start", "end"))
    grain = got.get("grain") == wp["grain"] or bool(
        wp.get("time") and got.get("grain") == "minute" and wp["time"] in str(got.get("display") or "")
    )
    return same and grain


def checker_posted(items: list[dict[str, object]], wants: list[dict[str, object]]) -> int:
    """The posted figure of ../shared/checks/news_docs.py for one document: each annotated item
    paired with the first imported item (in order, first of equal 60-character keys) whose window
    matches."""
    got: dict[str, dict[str, object]] = {}
    for it in items:
        got.setdefault(key(str(it.get("text") or it.get("body") or it.get("title") or ""))[:60], it)
    ok = 0
    for want in wants:
        wp = want.get("posted")
        if not isinstance(wp, dict):
            continue
        wk = key(str(want["text"]))
        hit = next((it for gk, it in got.items() if _window_hits(gk, wk)), None)
        posted = hit.get("posted") if hit else None
        ok += hit is not None and _posted_right(posted if isinstance(posted, dict) else {}, wp)
    return ok


def best_order(items: list[dict[str, object]], wants: list[dict[str, object]]) -> int | None:
    """The best posted figure any order of ``items`` gets from the checker (None: too many to try)."""
    keys = [key(str(it.get("text") or it.get("body") or it.get("title") or ""))[:60] for it in items]
    involved: set[int] = set()
    for want in wants:
        wk = key(str(want["text"]))
        hits = [g for g, gk in enumerate(keys) if _window_hits(gk, wk)]
        if len(hits) > 1:
            involved.update(hits)
    if len(involved) > 8:
        return None
    rest = [it for g, it in enumerate(items) if g not in involved]
    return max(
        checker_posted([items[g] for g in order] + rest, wants)
        for order in itertools.permutations(sorted(involved))
    )


def main() -> int:
    docs = json.loads(EXPECT.read_text())
    total = found = kind_ok = posted_ok = posted_n = 0
    as_imported = any_order = 0
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
        here = checker_posted(items, doc["items"])
        best = best_order(items, doc["items"])
        as_imported += here
        any_order += here if best is None else best
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
    print(
        f"shared checker's pairing: posted {as_imported}/{posted_n} as imported; "
        f"the best any order of the same items gets: {any_order}/{posted_n} ({any_order / posted_n:.1%})"
    )
    print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
