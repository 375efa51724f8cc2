"""The legal time limits (data/rules.toml): one source for the engine and the site's pages."""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from importlib import resources

FIELDS = {
    "label": str,
    "period": str,
    "amount": int,
    "unit": str,
    "start": str,
    "citation": str,
    "confidence": str,
    "plans": list,
    "kind": str,
    "roll_forward": bool,
    "source": str,
}
UNITS = ("days", "months", "hours")


class RulesError(ValueError):
    """rules.toml is wrong; the message names the rule and the problem."""


def validate(data: dict, source: str = "checklist_engine/data/rules.toml") -> dict:
    if not isinstance(data.get("check_notice"), str):
        raise RulesError(f"{source}: missing check_notice")
    for rule_id, rule in data.get("rules", {}).items():
        for field, kind in FIELDS.items():
            if not isinstance(rule.get(field), kind):
                raise RulesError(f"{source}: rule {rule_id!r}: field {field!r} must be a {kind.__name__}")
        if rule["unit"] not in UNITS:
            raise RulesError(f"{source}: rule {rule_id!r}: unit {rule['unit']!r} is not one of {UNITS}")
        if rule["confidence"] not in ("V", "V2", "U"):
            raise RulesError(f"{source}: rule {rule_id!r}: confidence must be V, V2 or U")
        if rule["kind"] not in ("file", "decision"):
            raise RulesError(f"{source}: rule {rule_id!r}: kind must be file or decision")
        if not isinstance(rule.get("extension_days", 0), int):
            raise RulesError(f"{source}: rule {rule_id!r}: extension_days must be a whole number")
        if "applies_from" in rule:
            try:
                dt.date.fromisoformat(rule["applies_from"])
            except (TypeError, ValueError):
                raise RulesError(f"{source}: rule {rule_id!r}: applies_from must be a date like 2026-01-01") from None
        if str(rule["amount"]) not in rule["period"]:
            raise RulesError(
                f"{source}: rule {rule_id!r}: period {rule['period']!r} does not state amount {rule['amount']}"
            )
    return data


@cache
def _load(lang: str = "en") -> dict:
    from .i18n import localize

    text = resources.files(__package__).joinpath("data/rules.toml").read_text("utf-8")
    return validate(localize(tomllib.loads(text), "rules.toml", lang))


def load_rules(lang: str = "en") -> dict:
    """Return {"check_notice": str, "rules": {rule_id: {field: value}}} from the packaged data, its
    text in `lang` (data/<lang>/rules.toml; citations stay as written).

    A fresh copy each call: callers may not change the shared data."""
    import copy

    return copy.deepcopy(_load(lang))
