"""deploy/nginx/newsfeed.conf made runnable in a test folder: a self-signed certificate, logs and
pid in the folder, and (to serve) loopback ports instead of 80/443 and the checkout's static files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "newsfeed.conf"


def certificate(folder: Path, name: str) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = [
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        f"/CN={name}",
    ]
    subprocess.run([*command, "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def main_config(
    folder: Path, *, upstream: int | None = None, https: int | None = None, http: int = 0
) -> Path:
    """nginx.conf for ``nginx -c … -p folder``: the site as shipped (paths moved into ``folder``);
    with ports, listening on loopback only, in front of gunicorn at ``upstream``."""
    cert, key = certificate(folder, "127.0.0.1" if https else "news.example.org")
    replacements = {
        "/etc/letsencrypt/live/news.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/news.example.org/privkey.pem": str(key),
        "/var/log/nginx/": f"{folder}/",
    }
    if upstream is not None and https is not None:
        replacements |= {
            "/srv/newsfeed/static/": f"{ROOT / 'newsfeed' / 'static'}/",
            "server 127.0.0.1:8000": f"server 127.0.0.1:{upstream}",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
            "listen 80;": f"listen 127.0.0.1:{http};",
        }
    site = SITE.read_text()
    for old, new in replacements.items():
        assert old in site, old
        site = site.replace(old, new)
    if upstream is not None:
        site = "\n".join(line for line in site.splitlines() if "[::]" not in line)
    (folder / "site.conf").write_text(site)
    user = "user root;\n" if upstream is not None and os.geteuid() == 0 else ""  # workers read the checkout
    path = folder / "nginx.conf"
    path.write_text(
        f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/nginx-error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {folder}/site.conf; }}\n"
    )
    return path
