import pytest

from checklist_engine.conditions import Answered, Compare, ConditionError, Not, evaluate, parse, questions_in


def test_parses_to_data_not_code():
    node = parse("plan_type == 'employer' and not (stage == 'claim')")
    assert node.operands == (Compare("plan_type", "==", "employer"), Not(Compare("stage", "==", "claim")))


@pytest.mark.parametrize(
    "text, answers, expected",
    [
        ("x == 'a'", {"x": "a"}, True),
        ("x == 'a'", {}, False),
        ("not (x == 'a')", {}, True),
        ("x != 'a'", {}, False),
        ("x in ['a', 'b']", {"x": "b"}, True),
        ("flags contains 'f'", {"flags": ["e", "f"]}, True),
        ("flags intersects ['g', 'f']", {"flags": ["f"]}, True),
        ("flags intersects ['g']", {"flags": ["f"]}, False),
        ("n >= 6", {"n": 6}, True),
        ("n >= 6", {"n": 5}, False),
        ("n <= 6", {"n": 6}, True),
        ("n <= 6", {"n": 7}, False),
        ("n < 6", {"n": 6}, False),
        ("n > 6", {"n": 6}, False),
        ("n >= 6", {"n": True}, False),
        ("b == true", {"b": True}, True),
        ("answered(d)", {"d": "2026-01-01"}, True),
        ("answered(d)", {"d": ""}, False),
        ("x == 'a' or y == 'b' and z == 'c'", {"y": "b"}, False),
        ("x == 'a' or y == 'b' and z == 'c'", {"x": "a"}, True),
    ],
)
def test_evaluates(text, answers, expected):
    assert evaluate(parse(text), answers) is expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("x ==", "expected a value"),
        ("x = 'a'", "at position 1"),
        ("(x == 1", "expected )"),
        ("x == 1 1", "unexpected '1'"),
        ("x in [1", "expected ]"),
        ("and", "a question id"),
        ("x == print('a')", "expected a value at position 5"),
    ],
)
def test_errors_say_what_and_where(text, message):
    with pytest.raises(ConditionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text)


def test_lists_the_questions_it_reads():
    assert questions_in(parse("answered(a) or (b == 1 and not c contains 'x')")) == {"a", "b", "c"}
    assert parse("answered(a)") == Answered("a")
