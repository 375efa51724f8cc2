"""The pinned Pyodide runtime: fetched from the npm registry, checked, cached outside git.

    python -m sitebuild.pyodide_runtime      # fetch if needed, print the runtime folder

The pin (version, sha256 of the npm tarball, files to publish) lives in sitebuild/pyodide.json.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN_FILE = Path(__file__).with_name("pyodide.json")
CACHE = ROOT / ".cache" / "pyodide"


class PyodideFetchError(RuntimeError):
    """The runtime could not be fetched or failed its check."""


@dataclass(frozen=True)
class Pin:
    package: str
    version: str
    sha256: str
    publish: tuple[str, ...]  # copied into the site as they are
    inputs: tuple[str, ...] = ()  # used by the build only (the reduced stdlib, the lock's info)

    @property
    def required(self) -> tuple[str, ...]:
        return self.publish + self.inputs


def load_pin(path: Path = PIN_FILE) -> Pin:
    data = json.loads(path.read_text("utf-8"))
    return Pin(data["package"], data["version"], data["sha256"], tuple(data["publish"]), tuple(data.get("inputs", ())))


def lock_info(runtime: Path) -> dict:
    """The `info` block of Pyodide's lock file, which the browser gets inline instead of the file."""
    return json.loads((runtime / "pyodide-lock.json").read_text("utf-8"))["info"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_info(path: Path) -> dict:
    """What the browser checks a downloaded runtime file against: {"sha256": hex, "bytes": size}."""
    return {"sha256": sha256_of(path), "bytes": path.stat().st_size}


def runtime_dir(pin: Pin | None = None, cache: Path = CACHE) -> Path:
    pin = pin or load_pin()
    return cache / pin.version


def _npm_pack(pin: Pin, dest: Path) -> Path:
    npm = shutil.which("npm")
    if not npm:
        raise PyodideFetchError("npm is not installed: install Node.js and npm (apt-get install -y nodejs npm)")
    spec = f"{pin.package}@{pin.version}"
    proc = subprocess.run(
        [npm, "pack", spec, "--pack-destination", str(dest), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise PyodideFetchError(f"npm pack {spec} failed: {proc.stderr.strip().splitlines()[-1:]}")
    tarballs = list(dest.glob("*.tgz"))
    if len(tarballs) != 1:
        raise PyodideFetchError(f"npm pack {spec} produced {len(tarballs)} tarballs in {dest}")
    return tarballs[0]


def ensure_runtime(pin: Pin | None = None, cache: Path = CACHE) -> Path:
    """Return the folder holding the checked runtime files, fetching them once if needed."""
    pin = pin or load_pin()
    target = runtime_dir(pin, cache)
    marker = target / ".sha256"
    if (
        marker.is_file()
        and marker.read_text().strip() == pin.sha256
        and all((target / name).is_file() for name in pin.required)
    ):
        return target
    with tempfile.TemporaryDirectory() as tmp:
        tarball = _npm_pack(pin, Path(tmp))
        actual = sha256_of(tarball)
        if actual != pin.sha256:
            raise PyodideFetchError(
                f"{tarball.name}: sha256 {actual} does not match the pin {pin.sha256} in {PIN_FILE.name}"
            )
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(tarball) as tar:
            tar.extractall(unpacked, filter="data")
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(unpacked / "package", target)
    missing = [name for name in pin.required if not (target / name).is_file()]
    if missing:
        raise PyodideFetchError(f"pyodide {pin.version}: files listed in {PIN_FILE.name} are missing: {missing}")
    marker.write_text(pin.sha256 + "\n")
    return target


def main() -> int:
    try:
        print(ensure_runtime())
    except PyodideFetchError as exc:
        print(f"pyodide runtime: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
