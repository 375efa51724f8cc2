"""Hostile inputs for the bridge and the command line (hypothesis strategies), and the checks that
every answer to them must pass: shared by tests/engine/test_fuzz.py (a few hundred cases) and
bench/bench_fuzz.py (10,000).

A good answer to bad input is one plain line: never "internal error", never a traceback, never a
hang. Inputs: JSON of any shape, answers of the right ids with values of any kind, dates in every
form a person or a program might write, deep nesting, large input, raw bytes.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from checklist_engine import load_checklist
from checklist_engine.__main__ import main as cli_main
from checklist_engine.bridge import handle

CHECKLIST = load_checklist()
QUESTION_IDS = [q.id for q in CHECKLIST.questions]
OPS = ["schema", "version", "audit", "deadlines", "letter", "doctor_letter", "report_and_letters", "normalize"]

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
date_like = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%Y%m%d")),
    st.dates().map(lambda d: d.strftime("%m/%d/%Y")),
    st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "1899-12-31",
            "2101-01-01",
            "2026-W10-1",
            "2026-02-30",
            "20260302",
            "2026-03-02T00:00",
            "２０２６-０３-０２",
            " 2026-03-02",
            "2026-3-2",
            "",
        ]
    ),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
)


def option_values(qid: str):
    question = CHECKLIST.question(qid)
    options = list(question.option_ids())
    return st.sampled_from(options) | st.lists(st.sampled_from(options), max_size=4) if options else st.nothing()


def deep(depth: int, key: str | None) -> str:
    """JSON text nested `depth` levels, optionally under one answer id."""
    body = "[" * depth + "]" * depth
    return body if key is None else f'{{"{key}": {body}}}'


@st.composite
def answer_values(draw):
    qid = draw(st.sampled_from(QUESTION_IDS) | st.text(max_size=10))
    kind = draw(st.sampled_from(["any", "date", "options"]))
    if kind == "date":
        return qid, draw(date_like)
    if kind == "options" and qid in QUESTION_IDS:
        return qid, draw(option_values(qid) | json_values)
    return qid, draw(json_values)


answer_objects = st.lists(answer_values(), max_size=6).map(dict)


@st.composite
def bridge_requests(draw) -> str:
    """The text of one request, as the worker would pass it to handle()."""
    shape = draw(st.sampled_from(["request", "request", "request", "deep", "any_json", "text"]))
    if shape == "text":
        return draw(st.text(max_size=200))
    if shape == "any_json":
        return json.dumps(draw(json_values))
    if shape == "deep":
        depth = draw(st.integers(1, 5000))
        key = draw(st.sampled_from([None, *QUESTION_IDS]))
        return f'{{"op": "audit", "answers": {deep(depth, key)}}}'
    request = {"op": draw(st.sampled_from(OPS) | json_values)}
    if draw(st.booleans()):
        request["answers"] = draw(answer_objects | json_values)
    if draw(st.booleans()):
        request["today"] = draw(date_like | json_values)
    return json.dumps(request)


def check_bridge(text: str) -> dict:
    """handle() must answer with {"ok": ...}: a result, or one plain line that is not an internal error."""
    response = json.loads(handle(text))
    assert isinstance(response.get("ok"), bool), response
    if not response["ok"]:
        error = response["error"]
        assert isinstance(error, str) and error and "\n" not in error, response
        assert not error.startswith("internal error"), (text[:300], error)
    return response


@st.composite
def cli_inputs(draw) -> tuple[list[str], bytes]:
    """(arguments without the file, the file's bytes)."""
    command = draw(st.sampled_from(["audit", "deadlines", "letter", "doctor-letter"]))
    shape = draw(st.sampled_from(["answers", "answers", "bytes", "deep", "any_json"]))
    if shape == "bytes":
        data = draw(st.binary(max_size=300))
    elif shape == "deep":
        data = deep(draw(st.integers(1, 100_000)), draw(st.sampled_from([None, *QUESTION_IDS]))).encode()
    elif shape == "any_json":
        data = json.dumps(draw(json_values)).encode()
    else:
        data = json.dumps(draw(answer_objects)).encode()
    options = []
    if draw(st.booleans()):
        options += ["--today", draw(date_like.filter(lambda s: s and not s.startswith("-")))]
    if command in ("audit", "deadlines") and draw(st.booleans()):
        options.append("--json")
    return [command, *draw(st.permutations(options))] if options else [command], data


def run_cli(args: list[str], data: bytes) -> tuple[int, str]:
    """Run the command line in this process on a file holding `data`; any exception that escapes
    main() is what a reader would see as a traceback, and fails the check."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.json"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main([*args[:1], str(path), *args[1:]])
    return code, err.getvalue()


def check_cli(args: list[str], data: bytes) -> int:
    code, err = run_cli(args, data)
    assert code in (0, 2), (args, code, err)
    if code == 2:
        assert err.startswith("error: ") and err.count("\n") == 1, err
        assert "internal error" not in err and "Traceback" not in err, err
    return code
