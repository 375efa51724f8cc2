"""Find the machine's Chromium and the flags it needs here (headless, as root, closed network)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Headless as root, and no background traffic to Google's hosts (the network is closed here).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserNotFound(RuntimeError):
    pass


def find_chromium() -> str:
    """The Chromium to drive: $CHROMIUM if set, else the first one on PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        if not Path(explicit).is_file():
            raise BrowserNotFound(f"CHROMIUM={explicit} does not exist")
        return explicit
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFound("no Chromium found: run `make chromium` (installs Debian's chromium) or set CHROMIUM=/path")
