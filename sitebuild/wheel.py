"""Build the engine as a pure `py3-none-any` wheel, the form `pyodide.loadPackage(url)` installs."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from flit_core import wheel as flit_wheel

ROOT = Path(__file__).resolve().parent.parent
# Fixed zip timestamps: the same engine source gives the same bytes, so its hash (and URL) is stable.
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest a zip file can hold


def build_engine_wheel(out_dir: Path, project: Path = ROOT) -> Path:
    """Build checklist_engine into out_dir and return the wheel's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = REPRODUCIBLE_EPOCH
    logging.getLogger("flit_core").setLevel(logging.WARNING)
    try:
        info = flit_wheel.make_wheel_in(project / "pyproject.toml", out_dir)
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    path = Path(info.file)
    if not path.name.endswith("-py3-none-any.whl"):
        raise ValueError(f"{path.name}: the engine must build as a pure py3-none-any wheel")
    return path


def short_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
