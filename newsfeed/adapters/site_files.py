"""The files of a static build: written only when their bytes change, stale ones removed.

The build's folder keeps a manifest, ``.newsfeed-build.json``: each file it wrote with the
SHA-256 of its bytes, the key of what it was made from and the addresses it links to, so a
file whose key is unchanged is neither rendered nor written, and its links are still followed.
A rebuild compares what it rendered with the manifest and writes only the files whose bytes
differ (each through a temporary file and a rename, so a host serving the folder never sees
half a file), then removes the files of the last build that this one no longer has. Files in
the folder that no build wrote (a ``CNAME`` you added) are left alone. A file whose bytes are as
the manifest says is not rewritten, so its modification time, which hosts and rsync use,
moves only when it changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = ".newsfeed-build.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


class SiteFolder:
    """A build's output folder (created when missing)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.report = WriteReport()
        self._before = self._read_manifest()
        self._now: dict[str, list[Any]] = {}

    def _read_manifest(self) -> dict[str, list[Any]]:
        """Each file's [sha256, key or None, links]; an unreadable manifest is no manifest (every
        file is rendered and compared again)."""
        try:
            data = json.loads((self.root / MANIFEST).read_text())
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) and data.get("version") == 2 else None
        if not isinstance(files, dict):
            return {}
        return {str(k): v for k, v in files.items() if isinstance(v, list) and len(v) == 3}

    def keep(self, relative: str, key: str) -> list[str] | None:
        """The links of the file at ``relative`` when the last build made it from the same
        ``key`` and it is still there (it is kept as it is); otherwise None."""
        before = self._before.get(relative)
        if before is None or before[1] != key or not self._path(relative).is_file():
            return None
        self._now[relative] = before
        self.report.unchanged += 1
        return [str(link) for link in before[2]]

    def _path(self, relative: str) -> Path:
        """The file of ``relative``, which must name one inside the folder (checked on the text:
        no absolute path, no ``..``, no empty or ``.`` part)."""
        parts = relative.split("/")
        if relative.startswith("/") or any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts):
            raise ValueError(f"{relative[:80]!r} is outside the build folder")
        return self.root.joinpath(*parts)

    def write(self, relative: str, data: bytes, *, key: str | None = None, links: Sequence[str] = ()) -> bool:
        """Keep ``data`` at ``relative``; True when the file was (re)written."""
        digest = hashlib.sha256(data).hexdigest()
        self._now[relative] = [digest, key, list(links)]
        path = self._path(relative)
        before = self._before.get(relative)
        if before is not None and before[0] == digest and path.is_file():
            self.report.unchanged += 1
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        self.report.written.append(relative)
        return True

    def finish(self) -> WriteReport:
        """Remove what the last build wrote and this one did not; save the manifest."""
        for relative in sorted(set(self._before) - set(self._now)):
            try:
                path = self._path(relative)
            except ValueError:
                continue
            if path.is_file():
                path.unlink()
                self.report.removed.append(relative)
                parent = path.parent
                while parent != self.root and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
        manifest = self.root / MANIFEST
        temporary = manifest.with_name(MANIFEST + ".tmp")
        document = {"version": 2, "files": dict(sorted(self._now.items()))}
        temporary.write_text(json.dumps(document, separators=(",", ":")))
        os.replace(temporary, manifest)
        return self.report
