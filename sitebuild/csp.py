"""The Content-Security-Policy of every page: only the site's own origin.

Inline scripts Material writes into each page are allowed by their sha256 hash, not by
'unsafe-inline'. Pages that run the engine add 'wasm-unsafe-eval', which WebAssembly needs.
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "{{csp}}"
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources for every executable inline script in html, in order, without repeats."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs").lower()
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES) or not match.group("body").strip():
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(script_hashes: list[str], wasm: bool, live_reload: bool = False) -> str:
    """The policy text. live_reload (only under `mkdocs serve`) allows the dev server's injected
    inline script, whose content changes on every request and so cannot be hashed."""
    inline = ["'unsafe-inline'"] if live_reload else script_hashes
    script_src = ["'self'", *inline] + (["'wasm-unsafe-eval'"] if wasm else [])
    directives = {
        "default-src": ["'self'"],
        "script-src": script_src,
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def apply(html: str, wasm: bool, live_reload: bool = False) -> str:
    if html.count(PLACEHOLDER) != 1:
        raise ValueError(f"expected one CSP placeholder {PLACEHOLDER!r}, found {html.count(PLACEHOLDER)}")
    return html.replace(PLACEHOLDER, policy(inline_script_hashes(html), wasm, live_reload))
