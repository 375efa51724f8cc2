"""The text the engine's code writes into the report (headings, sentences, dates), as data:
data/messages.toml holds each message's English template by id; its catalogue
data/<lang>/messages.toml translates it like any other data file (i18n.py).

    >>> import datetime as dt
    >>> load_messages("en").long_date(dt.date(2026, 3, 3))
    'March 3, 2026'
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .i18n import PLACEHOLDER, check_lang, localize

SOURCE = "checklist_engine/data/messages.toml"


class MessagesError(ValueError):
    """data/messages.toml is wrong, or code asked for a message it does not have."""


@dataclass(frozen=True)
class Messages:
    lang: str
    texts: dict[str, str]
    long_format: str
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    titles: dict[str, str]  # a letter's English title -> its title in this language ([letters] titles)

    def __call__(self, message_id: str, **values) -> str:
        """The message `message_id`, its {placeholders} filled from `values`."""
        try:
            template = self.texts[message_id]
        except KeyError:
            raise MessagesError(f"{SOURCE}: no message {message_id!r}") from None
        return template.format(**values) if values else template

    def long_date(self, day: dt.date) -> str:
        """'March 3, 2026'; in Spanish '3 de marzo de 2026'."""
        return self.long_format.format(month=self.months[day.month - 1], day=day.day, year=day.year)

    def weekday(self, day: dt.date) -> str:
        return self.weekdays[day.weekday()]

    def title(self, english: str) -> str:
        """A letter's title as the page names it in this language (the letter itself stays English)."""
        return self.titles.get(english, english)


def parse_messages(data: dict, lang: str, english: dict | None = None) -> Messages:
    """`data` in `lang`; `english`: the same file untranslated (the letter titles are keyed by it)."""
    unknown = sorted(set(data) - {"messages", "dates", "letters"})
    if unknown:
        raise MessagesError(f"{SOURCE}: unknown table {unknown[0]!r}")
    texts, dates = data.get("messages", {}), data.get("dates", {})
    for key, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            raise MessagesError(f"{SOURCE}: message {key!r} must be a non-empty string")
    months, weekdays = dates.get("months", []), dates.get("weekdays", [])
    if len(months) != 12 or len(weekdays) != 7 or not isinstance(dates.get("long"), str):
        raise MessagesError(f"{SOURCE}: [dates] needs long, 12 months and 7 weekdays (Monday first)")
    if set(PLACEHOLDER.findall(dates["long"])) != {"{month}", "{day}", "{year}"}:
        raise MessagesError(f"{SOURCE}: [dates] long must use {{month}}, {{day}} and {{year}}")
    letters, translated = (english or data).get("letters", {}), data.get("letters", {})
    unknown = sorted(set(letters) - {"titles"})
    if unknown:
        raise MessagesError(f"{SOURCE}: [letters] has an unknown key {unknown[0]!r}")

    def pairs(key: str) -> dict[str, str]:
        return dict(zip(letters.get(key, []), translated.get(key, []), strict=True))

    return Messages(lang, dict(texts), dates["long"], tuple(months), tuple(weekdays), pairs("titles"))


@cache
def load_messages(lang: str = "en") -> Messages:
    """The packaged messages in `lang` (cached per language)."""
    check_lang(lang)
    text = resources.files(__package__).joinpath("data/messages.toml").read_text("utf-8")
    english = tomllib.loads(text)
    return parse_messages(localize(english, "messages.toml", lang), lang, english)
