"""Calendar arithmetic for deadlines: months with the missing-day rule, US federal holidays, roll-forward.

Federal holidays follow 5 U.S.C. 6103, computed by rule for any year (Juneteenth from 2021). A
holiday on a Saturday is observed on the Friday before, on a Sunday the Monday after.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later; if that day does not exist, the first day of the month after.

    October 30 + 4 months -> March 1 (there is no February 30).
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if start.day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, start.day)
    return dt.date(year + (month == 12), month % 12 + 1, 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday (0 = Monday) of a month; n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: dt.date) -> dt.date:
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


@cache
def federal_holidays(year: int) -> frozenset[dt.date]:
    """Every federal holiday observed in `year` (including January 1 of next year observed on Dec 31)."""
    fixed = [(1, 1), (7, 4), (11, 11), (12, 25)] + ([(6, 19)] if year >= 2021 else [])
    days = {_observed(dt.date(year, m, d)) for m, d in fixed}
    days |= {
        _nth_weekday(year, 1, 0, 3),  # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
        _nth_weekday(year, 5, 0, -1),  # Memorial Day
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 10, 0, 2),  # Columbus Day
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving Day
    }
    next_new_year = dt.date(year + 1, 1, 1)
    if next_new_year.weekday() == 5:
        days.add(dt.date(year, 12, 31))
    return frozenset(d for d in days if d.year == year)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def roll_forward(day: dt.date) -> dt.date:
    """The day itself if it is a business day, else the next business day."""
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day
