"""The legal time limits (data/rules.toml): one source for the engine and the site's pages."""

from __future__ import annotations

import tomllib
from importlib import resources


def load_rules() -> dict:
    """Return {"check_notice": str, "rules": {rule_id: {field: value}}} from the packaged data."""
    text = resources.files(__package__).joinpath("data/rules.toml").read_text("utf-8")
    return tomllib.loads(text)
