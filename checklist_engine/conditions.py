"""A tiny condition language for the checklist data: tokenise, parse to data, evaluate purely.

    plan_type == 'employer' and not (stage == 'claim')
    denial_reason in ['conservative_treatment', 'medical_necessity']
    red_flags contains 'bladder_bowel'
    red_flags intersects ['cancer', 'infection']
    conservative_weeks >= 6 or answered(final_denial_date)

A comparison with a question that has no answer is false (so `not (x == 'a')` is true for an
unanswered x). There is no eval: the parser builds the frozen nodes below and `evaluate` walks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Value = str | int | bool


class ConditionError(ValueError):
    """A condition that cannot be parsed; the message names the problem and its position."""


@dataclass(frozen=True)
class Compare:
    question: str
    op: str  # == != < <= > >= in contains intersects
    value: Value | tuple[Value, ...]


@dataclass(frozen=True)
class Answered:
    question: str


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class All:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Any_:
    operands: tuple[Node, ...]


Node = Compare | Answered | Not | All | Any_

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'[^']*')|(?P<number>-?\d+)|(?P<op>==|!=|<=|>=|<|>)"
    r"|(?P<punct>[()\[\],])|(?P<name>[A-Za-z_][A-Za-z0-9_]*))"
)
_WANTED = {"name": "a question id"}
_KEYWORDS = {"and", "or", "not", "in", "contains", "intersects", "true", "false", "answered"}


def tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ConditionError(f"unexpected character {text[pos:].lstrip()[:1]!r} at position {pos}")
        group = match.lastgroup
        value = match.group(group)
        kind = value if group == "name" and value in _KEYWORDS else group
        tokens.append((kind, value, match.start(group)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self, kind: str | None = None) -> tuple[str, str, int]:
        if self.i >= len(self.tokens):
            raise ConditionError(f"unexpected end, expected {kind or 'more'}")
        token = self.tokens[self.i]
        if kind and kind != "a value" and token[0] != kind and token[1] != kind:
            raise ConditionError(f"expected {_WANTED.get(kind, repr(kind))} at position {token[2]}, found {token[1]!r}")
        self.i += 1
        return token

    def parse(self) -> Node:
        node = self.or_()
        if self.i != len(self.tokens):
            token = self.tokens[self.i]
            raise ConditionError(f"unexpected {token[1]!r} at position {token[2]}")
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.peek() == "or":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Any_(tuple(parts))

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.peek() == "and":
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def not_(self) -> Node:
        if self.peek() == "not":
            self.take()
            return Not(self.not_())
        return self.atom()

    def atom(self) -> Node:
        kind = self.peek()
        if kind == "punct" and self.tokens[self.i][1] == "(":
            self.take("(")
            node = self.or_()
            self.take(")")
            return node
        if kind == "answered":
            self.take()
            self.take("(")
            name = self.take("name")[1]
            self.take(")")
            return Answered(name)
        name = self.take("name")[1]
        op_token = self.take()
        op = op_token[1]
        if op in ("in", "intersects"):
            return Compare(name, op, self.value_list())
        if op_token[0] == "contains":
            return Compare(name, "contains", self.value())
        if op_token[0] != "op":
            raise ConditionError(f"expected a comparison after {name!r} at position {op_token[2]}, found {op!r}")
        return Compare(name, op, self.value())

    def value(self) -> Value:
        kind, text, pos = self.take("a value")
        if kind == "string":
            return text[1:-1]
        if kind == "number":
            return int(text)
        if kind in ("true", "false"):
            return kind == "true"
        raise ConditionError(f"expected a value at position {pos}, found {text!r}")

    def value_list(self) -> tuple[Value, ...]:
        self.take("[")
        values = [self.value()]
        while self.i < len(self.tokens) and self.tokens[self.i][1] == ",":
            self.take(",")
            values.append(self.value())
        self.take("]")
        return tuple(values)


def parse(text: str) -> Node:
    """Parse a condition into data. Raises ConditionError with the position of the problem."""
    if not text or not text.strip():
        raise ConditionError("empty condition")
    return _Parser(text).parse()


def questions_in(node: Node) -> set[str]:
    """Every question id a condition reads."""
    if isinstance(node, (Compare, Answered)):
        return {node.question}
    if isinstance(node, Not):
        return questions_in(node.operand)
    return set().union(*(questions_in(n) for n in node.operands))


def comparisons_in(node: Node) -> list[Compare]:
    if isinstance(node, Compare):
        return [node]
    if isinstance(node, Answered):
        return []
    if isinstance(node, Not):
        return comparisons_in(node.operand)
    return [c for n in node.operands for c in comparisons_in(n)]


def _compare(op: str, answer, value) -> bool:
    if op == "in":
        return answer in value
    if op == "contains":
        return isinstance(answer, list) and value in answer
    if op == "intersects":
        return isinstance(answer, list) and any(v in answer for v in value)
    if op == "==":
        return answer == value
    if op == "!=":
        return answer != value
    if not isinstance(answer, int) or isinstance(answer, bool) or not isinstance(value, int):
        return False
    return {"<": answer < value, "<=": answer <= value, ">": answer > value, ">=": answer >= value}[op]


def evaluate(node: Node, answers: dict) -> bool:
    """True if the condition holds for these answers. A missing answer makes a comparison false."""
    if isinstance(node, Compare):
        return node.question in answers and _compare(node.op, answers[node.question], node.value)
    if isinstance(node, Answered):
        return answers.get(node.question) not in (None, "", [])
    if isinstance(node, Not):
        return not evaluate(node.operand, answers)
    if isinstance(node, All):
        return all(evaluate(n, answers) for n in node.operands)
    return any(evaluate(n, answers) for n in node.operands)
