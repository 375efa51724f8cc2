"""A reduced standard library for the browser: only the files the engine imports.

Pyodide's python_stdlib.zip is 2.5 MB and barely compresses further; the engine needs a small part
of it. `python -m sitebuild.stdlib trace` runs the engine's golden cases and every bridge operation
under Pyodide in Node.js, records every imported standard-library file, and writes the list to
sitebuild/stdlib-files.txt (committed, like a lock file). The site build packs just those files.
A test re-traces and fails if the list is out of date, and runs every case on the reduced runtime.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tokenize
import zipfile
from pathlib import Path

from .pyodide_runtime import CACHE, ROOT, ensure_runtime, load_pin
from .wheel import build_engine_wheel

FILES_LIST = Path(__file__).with_name("stdlib-files.txt")
TRACER = Path(__file__).with_name("trace_imports.mjs")
CASES = ROOT / "tests" / "cases"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class TraceError(RuntimeError):
    """The import trace could not run."""


def trace(pyodide_dir: Path, wheel: Path, cases_dir: Path = CASES) -> list[str]:
    node = shutil.which("node")
    if not node:
        raise TraceError("node is not installed: install Node.js (apt-get install -y nodejs)")
    proc = subprocess.run(
        [node, str(TRACER), str(pyodide_dir), str(wheel), str(cases_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise TraceError(f"{TRACER.name} failed: {proc.stderr.strip()[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["cases"] == 0:
        raise TraceError(f"{cases_dir}: no golden cases to trace the engine with")
    return result["files"]


def read_files_list(path: Path = FILES_LIST) -> list[str]:
    lines = [line.strip() for line in path.read_text("utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def write_files_list(files: list[str], path: Path = FILES_LIST) -> None:
    header = "# Standard-library files the engine imports in Pyodide. Made by: python -m sitebuild.stdlib trace\n"
    path.write_text(header + "".join(f"{name}\n" for name in sorted(files)), "utf-8")


def minify_source(text: str) -> str:
    """Python source without comments, and with docstrings emptied (''), line numbers kept.

    Only for source this Python can parse: then its tokenizer is exact, so a '#' inside a string is
    never taken for a comment. Source written for a newer Python comes back unchanged.
    """
    try:
        tree = ast.parse(text)
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (SyntaxError, ValueError, tokenize.TokenError):
        return text
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                docstrings.add((first.lineno, first.col_offset, first.end_lineno, first.end_col_offset))
    edits = []
    for token in tokens:
        span = (*token.start, *token.end)
        if token.type == tokenize.COMMENT:
            edits.append((span, ""))
        elif token.type == tokenize.STRING and span in docstrings:
            edits.append((span, "''"))
    lines = text.splitlines(keepends=True)
    for (srow, scol, erow, ecol), replacement in sorted(edits, reverse=True):
        kept_rows = erow - srow  # a multi-line docstring becomes one line plus empty ones
        lines[srow - 1 : erow] = [lines[srow - 1][:scol] + replacement + lines[erow - 1][ecol:]] + ["\n"] * kept_rows
    return "".join(line.rstrip() + "\n" if line.strip() else "\n" for line in lines)


def write_reduced_zip(full_zip: Path, files: list[str], out: Path, minify: bool = False) -> Path:
    """Copy the listed files from Pyodide's stdlib zip into a new, deterministic zip
    (with `minify`, Python files without comments and docstrings: see minify_source)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        zipfile.ZipFile(full_zip) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        available = set(source.namelist())
        missing = [name for name in files if name not in available]
        if missing:
            raise KeyError(f"{full_zip.name} has no {missing[:5]} (listed in {FILES_LIST.name})")
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = source.read(name)
            if minify and name.endswith(".py"):
                data = minify_source(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data, compresslevel=9)
    return out


def reduced_stdlib(runtime: Path | None = None, files: list[str] | None = None) -> Path:
    """The site's python_stdlib.zip: made once per (Pyodide pin, file list) and cached."""
    runtime = runtime or ensure_runtime()
    files = read_files_list() if files is None else files
    recipe = [load_pin().sha256, f"minified by Python {sys.version_info[:2]}", *sorted(files)]
    key = hashlib.sha256("\n".join(recipe).encode()).hexdigest()[:16]
    out = CACHE.parent / "stdlib" / key / "python_stdlib.zip"
    if not out.is_file():
        partial = out.with_suffix(".partial")
        write_reduced_zip(runtime / "python_stdlib.zip", files, partial, minify=True)
        partial.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["trace"]:
        print("usage: python -m sitebuild.stdlib trace", file=sys.stderr)
        return 2
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        files = trace(ensure_runtime(), build_engine_wheel(Path(tmp)))
    write_files_list(files)
    print(f"{FILES_LIST.relative_to(ROOT)}: {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
