"""Holidays and named days: their names and the rule that dates them in a given year.

The names and rules are data (models/gazetteers/holidays.tsv, one name and its rule a line). A rule is

    12-25                 a fixed day
    10-16 sat-1 sun+1     a fixed day moved off a weekend (Saturday to Friday, Sunday to Monday)
    4 thu 11              the 4th Thursday of November ("-1 mon 5": the last Monday of May)
    easter-2              days from Western Easter (dateutil); "orthodox_easter+1" from Orthodox Easter
    hindu:diwali_date     a lunisolar feast from the `holidays` package's calendars
                          (chinese, hebrew, hindu, islamic, buddhist), which tabulate dates that no
                          simple rule gives

and any rule may end with an offset in days ("4 thu 11 +1" is the day after Thanksgiving).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from wirefacts.resources import ResourceError, load_tsv, models_dir

HOLIDAYS_FILE = "gazetteers/holidays.tsv"
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_FIXED = re.compile(r"(?P<month>\d{2})-(?P<day>\d{2})(?P<moves>(?:\s+(?:sat|sun)[+-]\d)*)")
_NTH_WEEKDAY = re.compile(r"(?P<nth>-?[1-5])\s+(?P<weekday>mon|tue|wed|thu|fri|sat|sun)\s+(?P<month>\d{1,2})")
_EASTER = re.compile(r"(?P<kind>easter|orthodox_easter)")
_CALENDAR = re.compile(r"(?P<calendar>chinese|hebrew|hindu|islamic|buddhist):(?P<method>[a-z_]+)")
_OFFSET = re.compile(r"(?P<body>.*?)\s*(?P<offset>[+-]\d{1,3})")

DateRule = Callable[[int], "dt.date | None"]


@dataclass(frozen=True)
class Holiday:
    key: str  # the rule as written, which identifies the day for every name that shares it
    date_in: DateRule


def _fixed(match: re.Match) -> DateRule | None:
    month, day = int(match["month"]), int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    moves = {code: int(shift) for code, shift in re.findall(r"(sat|sun)([+-]\d)", match["moves"])}

    def date_in(year: int) -> dt.date | None:
        try:
            day_ = dt.date(year, month, day)
        except ValueError:
            return None
        return day_ + dt.timedelta(days=moves.get(WEEKDAY_CODES[day_.weekday()], 0))

    return date_in


def _nth_weekday(match: re.Match) -> DateRule:
    nth, weekday, month = int(match["nth"]), WEEKDAY_CODES.index(match["weekday"]), int(match["month"])
    return lambda year: nth_weekday_of_month(year, month, weekday, nth)


def nth_weekday_of_month(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    """The nth (1..5, or -1 for the last) given weekday of a month; None when the month has no such day."""
    if nth < 0:
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        last = dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _easter(match: re.Match) -> DateRule:
    from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

    method = EASTER_ORTHODOX if match["kind"] == "orthodox_easter" else EASTER_WESTERN
    return lambda year: easter(year, method) if 1583 <= year <= 4099 else None


def _lunisolar(match: re.Match) -> DateRule:
    calendar, method = match["calendar"], match["method"]

    def date_in(year: int) -> dt.date | None:
        found = getattr(_calendar(calendar), method)(year)
        return next((day for day in _dates_in(found) if day.year == year), None)

    return date_in


@cache
def _calendar(name: str):
    """One of the `holidays` package's lunisolar calendars (imported on first use: it is large)."""
    from holidays import calendars

    classes = {
        "chinese": calendars._ChineseLunisolar,
        "hebrew": calendars._HebrewLunisolar,
        "hindu": calendars._HinduLunisolar,
        "islamic": calendars._IslamicLunar,
        "buddhist": calendars._BuddhistLunisolar,
    }
    return classes[name]()


def _dates_in(found) -> list[dt.date]:
    """The calendars answer a date, a (date, estimated) pair, a set or an iterable of pairs."""
    if found is None:
        return []
    if isinstance(found, dt.date):
        return [found]
    if isinstance(found, tuple) and found and (found[0] is None or isinstance(found[0], dt.date)):
        return [found[0]] if found[0] else []
    return sorted(day for item in found for day in _dates_in(item))


_RULE_KINDS: tuple[tuple[re.Pattern, Callable[[re.Match], DateRule | None]], ...] = (
    (_FIXED, _fixed),
    (_NTH_WEEKDAY, _nth_weekday),
    (_EASTER, _easter),
    (_CALENDAR, _lunisolar),
)


def parse_rule(rule: str) -> DateRule | None:
    """The date function of a rule, or None when the rule is not one of the forms above."""
    rule = rule.strip()
    date_in = _parse_body(rule)
    if date_in is not None:
        return date_in
    split = _OFFSET.fullmatch(rule)
    date_in = _parse_body(split["body"]) if split else None
    if date_in is None:
        return None
    offset = dt.timedelta(days=int(split["offset"]))
    return lambda year: (day + offset) if (day := date_in(year)) else None


def _parse_body(body: str) -> DateRule | None:
    for pattern, build in _RULE_KINDS:
        match = pattern.fullmatch(body)
        if match:
            return build(match)
    return None


@cache
def holiday_table() -> dict[str, Holiday]:
    """Every holiday name, lowercased as written in the table, to its Holiday."""
    table: dict[str, Holiday] = {}
    rules: dict[str, Holiday] = {}
    for name, rule in load_tsv(HOLIDAYS_FILE, 2):
        if rule not in rules:
            date_in = parse_rule(rule)
            if date_in is None:
                raise row_error(HOLIDAYS_FILE, name, f"unknown rule {rule!r}")
            rules[rule] = Holiday(rule, date_in)
        table[name.lower()] = rules[rule]
    return table


def row_error(relative: str, first_field: str, problem: str) -> ResourceError:
    """An error naming the file and the line of the row that starts with `first_field`."""
    lines = models_dir().joinpath(relative).read_text(encoding="utf-8").splitlines()
    number = next((i for i, line in enumerate(lines, 1) if line.split("\t", 1)[0].strip() == first_field), 0)
    return ResourceError(f"models/{relative}:{number}: {first_field!r}: {problem}")


@lru_cache(maxsize=4096)
def holiday_date(name: str, year: int) -> dt.date | None:
    """The day a holiday (a name from the table, lowercased) falls on in a year; None outside its calendar."""
    holiday = holiday_table().get(name)
    if holiday is None or not 1 <= year <= 9998:
        return None
    try:
        return holiday.date_in(year)
    except (KeyError, ValueError, OverflowError):  # outside a calendar's tabulated years
        return None
