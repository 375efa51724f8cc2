"""Second Look's self-audit engine for a denied MRI or CT scan.

Pure functions over data (standard library only), so the same code runs in CPython and in Pyodide.
"""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as _dt
import json as _json
import tomllib as _tomllib
from importlib import resources as _resources

from .rules import load_rules


def _checklist() -> dict:
    return _tomllib.loads(_resources.files(__package__).joinpath("data/checklist.toml").read_text("utf-8"))


def schema() -> dict:
    data = _checklist()
    return {"schema": 1, "questions": data["questions"], "items": data["items"]}


def audit(answers: dict, today: _dt.date | None = None) -> dict:
    data = _checklist()
    items = []
    for item in data["items"]:
        done = answers.get(item["question"]) is True
        items.append({"id": item["id"], "title": item["title"], "severity": item["severity"],
                      "status": "done" if done else "missing"})
    done = sum(1 for i in items if i["status"] == "done")
    return {"schema": 1, "score": round(100 * done / len(items)) if items else 100,
            "ready": done == len(items), "expedited": bool(answers.get("urgent")), "items": items,
            "missing": [i["id"] for i in items if i["status"] == "missing"], "blocking": [],
            "deadlines": [], "next_steps": []}


__all__ = ["__version__", "audit", "load_rules", "schema"]
