"""A fuzz of the bridge and the command line with hostile input (tests/engine/fuzzing.py): no
internal error, no traceback. bench/bench_fuzz.py runs the same checks on 10,000 cases."""

from __future__ import annotations

from fuzzing import bridge_requests, check_bridge, check_cli, cli_inputs
from hypothesis import HealthCheck, given, settings

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(bridge_requests())
def test_bridge_answers_any_request_in_one_plain_line(text):
    check_bridge(text)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(cli_inputs())
def test_cli_never_shows_a_traceback(case):
    args, data = case
    check_cli(args, data)
