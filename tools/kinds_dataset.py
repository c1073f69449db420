"""Build training/kinds.jsonl, what the kind model learns from (run once per new corpus, or after
adding labelled items to training/examples.jsonl).

Sources (development sets kept beside the project, see ../shared/README.md):

- ``../shared/corpus/news_dev.jsonl``: 259 labelled items of 64 pages (group: the repository);
- ``../shared/corpus/docs_dev/``: 27 documents with 511 labelled items (group: the document).
  Each document is imported with this newsfeed and every labelled item is matched to the item
  read (as ``checks/news_docs.py`` matches them), so the model learns from the text exactly as the
  importer gives it (links, emoji, the author's own category); an item not read keeps its
  labelled text.

A wrong kind on some page is fixed by adding that page's items here and training again
(``python tools/train_kinds.py``), never by a rule naming its words.

    python tools/kinds_dataset.py [--shared ../shared] [--extra more.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from newsfeed.adapters.files import read_path

ROOT = Path(__file__).resolve().parents[1]


def key(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    return re.sub(r"[^a-z0-9]", "", text.lower())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--extra", action="append", default=[], help="more labelled JSON lines")
    args = parser.parse_args()
    shared = Path(args.shared)
    rows: list[dict[str, object]] = []
    for line in (shared / "corpus" / "news_dev.jsonl").read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append(
                {
                    "text": r["text"],
                    "hint": "",
                    "kind": r["kind"],
                    "kind_alt": r.get("kind_alt"),
                    "group": "dev:" + r["source"].split(":")[0],
                }
            )
    docs = shared / "corpus" / "docs_dev"
    for doc in json.loads((docs / "expect.json").read_text()):
        read = read_path(docs / doc["path"], today=dt.date(2026, 12, 1))
        got: dict[str, Any] = {}
        for item in read.items:
            got.setdefault(key(item.text)[:60], item)
        for want in doc["items"]:
            wk = key(want["text"])
            hit = next((it for gk, it in got.items() if gk and (gk[:40] in wk or wk[-60:][:40] in gk)), None)
            rows.append(
                {
                    "text": hit.text if hit else want["text"],
                    "hint": hit.hint if hit else "",
                    "kind": want["kind"],
                    "kind_alt": want.get("kind_alt"),
                    "group": "doc:" + doc["path"],
                }
            )
    for extra in [ROOT / "training" / "examples.jsonl", *args.extra]:
        rows += [json.loads(line) for line in Path(extra).read_text().splitlines() if line.strip()]
    out = ROOT / "training" / "kinds.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} labelled items from {len({r['group'] for r in rows})} pages -> {out}")


if __name__ == "__main__":
    main()
