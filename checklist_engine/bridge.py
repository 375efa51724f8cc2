"""The browser's door to the engine: one JSON request in, one JSON response out."""

from __future__ import annotations

import datetime as dt
import json

from . import audit, schema


def handle(request: str) -> str:
    try:
        req = json.loads(request)
        op = req.get("op")
        if op == "schema":
            result = schema()
        elif op == "audit":
            today = dt.date.fromisoformat(req["today"]) if req.get("today") else None
            result = audit(req.get("answers") or {}, today)
        else:
            raise ValueError(f"unknown op {op!r}")
        return json.dumps({"ok": True, "result": result})
    except Exception as exc:  # the worker must always get an answer
        return json.dumps({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
