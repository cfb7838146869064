"""Normalizing date expressions: a span of text, its tense and a reference date in, an ISO value out.

`resolve_date_text` is pure (no spaCy) and is the single grammar of what counts as a calendar date:
the component uses it to filter the NER's DATE entities, `date_from_span` adds the sentence's tense.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from wirefacts.doc_text import story_text
from wirefacts.holidays import holiday_date, holiday_table, nth_weekday_of_month, row_error
from wirefacts.resources import load_tsv
from wirefacts.schema import DateMention, Granularity

Tense = Literal["past", "future"]

CALENDAR_FILE = "gazetteers/calendar_names.tsv"
DATE_ORDERS_FILE = "gazetteers/date_orders.tsv"
CALENDAR_CLASSES = ("month", "weekday", "weekday_short", "day_ordinal")
CLASS_RANGES = {"month": (1, 12), "weekday": (0, 6), "weekday_short": (0, 6), "day_ordinal": (1, 31)}


@cache
def calendar_names() -> dict[str, dict[str, int]]:
    """The month and weekday names of models/gazetteers/calendar_names.tsv by class: word -> number."""
    classes: dict[str, dict[str, int]] = {name: {} for name in CALENDAR_CLASSES}
    for word, word_class, number in load_tsv(CALENDAR_FILE, 3):
        low, limit = CLASS_RANGES.get(word_class, (0, -1))
        if word_class not in classes or not number.isdigit() or not low <= int(number) <= limit:
            raise row_error(CALENDAR_FILE, word, f"expected a class of {CALENDAR_CLASSES} and a number {low}..{limit}")
        classes[word_class][word.lower()] = int(number)
    return classes


MONTHS = {word.rstrip("."): number for word, number in calendar_names()["month"].items()}
WEEKDAYS = dict(calendar_names()["weekday"])
DAY_ORDINALS = dict(calendar_names()["day_ordinal"])
WEEKDAY_FORMS = WEEKDAYS | {word.rstrip("."): number for word, number in calendar_names()["weekday_short"].items()}


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# the nth weekday of a month, the nth day or week of a period ("last": the first from the end)
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1}
_NTH_WORD = _alternation(_NTH)
REPORTING_LAG_DAYS = 45
DEICTIC_DAYS = {"yesterday": -1, "last night": -1, "today": 0, "tomorrow": 1}
# "this/last/next" and their synonyms, as an offset in units from the reference's unit.
# "the following year" is read apart: it counts from the date in focus (`_the_following`).
RELATIVE_OFFSETS = {
    "this": 0, "current": 0, "the current": 0,
    "last": -1, "latest": -1, "the latest": -1,
    "next": 1, "coming": 1, "the coming": 1, "upcoming": 1, "the upcoming": 1,
    "previous": -1, "the previous": -1,
}  # fmt: skip
UNIT_WORDS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "qtr": "quarter", "year": "year", "yr": "year"}

# Words around a date that do not change its value ("since 2022", "late 1986", "earlier this month").
_LEADING_NOISE = re.compile(
    r"^(?:(?:on|in|at|since|by|until|till|through|from|to|during|before|after|of|for|around|about|"
    r"nearly|almost|approximately|roughly|some|as of|as early as|as late as|no later than|its|"
    r"early|earlier|late|later|mid|middle|end|the end of|the beginning of|the start of|the middle of|"
    r"the first half of|the second half of|the rest of|the remainder of|sometime|some time)\s+)+"
)
# "Tuesday night", "yesterday morning" name the day; "this morning" is itself a deictic day.
_TRAILING_NOISE = re.compile(r"(?<=day|row)\s+(?:morning|afternoon|evening|night)$")

@lru_cache(maxsize=4096)
def normalize_date_text(text: str) -> str:
    """Lowercased, hyphens and possessives unified, leading prepositions and modifiers dropped."""
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\s+", " ", text).strip(" \t\n.,;:()[]\"!?")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\b(mid|early|late|end)-(?=\w)", r"\1 ", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = re.sub(r"^(?:the )?(?=(?:early|late|mid|middle|end|beginning|start) )", "", text)
    text = _LEADING_NOISE.sub("", text)
    text = _TRAILING_NOISE.sub("", text)
    return text.strip()


_MONTH = rf"(?P<month>{_alternation(MONTHS)})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"


def _year_group(name: str = "year") -> str:
    return rf"(?P<{name}>\d{{4}}|'\d\d)"


def _relative_year_group(name: str = "rel") -> str:
    return rf"(?P<{name}>this|last|next|the coming|the current|current)\s+year"


_YEAR = _year_group()
_REL_YEAR = _relative_year_group()
_WEEKDAY = rf"(?P<weekday>{_alternation(WEEKDAYS)})"
_ORDINAL = r"(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|final)"
_QUARTER_WORD = r"(?:quarters?|qtrs?\.?)"
_FISCAL = r"(?:(?:fiscal|financial|calendar)(?:\s+year)?\s+)?"


@dataclass(frozen=True)
class ResolvedDate:
    """A recognized calendar expression; `value` is None when it needs a reference that is missing.

    Earnings copy names quarters by anaphora ("the quarter", "a year earlier", "the 1988 period"): for
    those `quarter_shift` says how many quarters from the story's quarter in focus the value lies
    (and `focus_year` replaces its year); `value` then holds the fallback when no quarter is in focus.
    """

    value: str | None
    granularity: Granularity
    quarter_shift: int | None = None
    focus_year: int | None = None
    split_end: int | None = None  # a split year "1986/87" read as its start: the year it ends
    following: str | None = None  # "the following week/Friday": the unit or weekday, counted from the date in focus

    def as_fiscal(self) -> ResolvedDate:
        """A split year in a story that calls split years fiscal or financial: the year it ends."""
        return ResolvedDate(f"{self.split_end:04d}", "year") if self.split_end else self

    def in_focus_of(self, focus: tuple[int, int] | None) -> ResolvedDate:
        """This date resolved against the quarter in focus (year, quarter), when it is such an anaphor."""
        if self.quarter_shift is None or focus is None:
            return self
        year = self.focus_year if self.focus_year is not None else focus[0]
        return ResolvedDate(quarter_value(*shift_quarters(year, focus[1], self.quarter_shift)), "quarter")

    def after_day_in_focus(self, day: dt.date | None) -> ResolvedDate:
        """'the following year' after 'May 22, 1995': counted from the date in focus, when there is one."""
        if self.following is None or day is None:
            return self
        return ResolvedDate(_following_value(self.following, day), self.granularity)


@dataclass(frozen=True)
class _Interval:
    start: dt.date
    end: dt.date
    value: str


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic


def day_value(day: dt.date) -> str:
    return day.isoformat()


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_quarters(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def _month_interval(year: int, month: int) -> _Interval:
    next_year, next_month = shift_months(year, month, 1)
    end = dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    return _Interval(dt.date(year, month, 1), end, month_value(year, month))


def _quarter_interval(year: int, quarter: int) -> _Interval:
    first = _month_interval(year, quarter * 3 - 2)
    last = _month_interval(year, quarter * 3)
    return _Interval(first.start, last.end, quarter_value(year, quarter))


def _day_interval(day: dt.date) -> _Interval:
    return _Interval(day, day, day_value(day))


def _distance(interval: _Interval, reference: dt.date) -> int:
    if interval.start <= reference <= interval.end:
        return 0
    return min(abs((interval.start - reference).days), abs((interval.end - reference).days))


def choose_by_tense(candidates: Iterable[_Interval], reference: dt.date, tense: Tense | None) -> _Interval:
    """The candidate nearest the reference, looking back for past tense and ahead for future tense."""
    candidates = list(candidates)
    if tense == "past":
        before = [c for c in candidates if c.start <= reference]
        if before:
            return max(before, key=lambda c: c.start)
    elif tense == "future":
        after = [c for c in candidates if c.end >= reference]
        if after:
            return min(after, key=lambda c: c.start)
    return min(candidates, key=lambda c: (_distance(c, reference), c.start))


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_year(text: str, reference: dt.date | None) -> int:
    """'1987' -> 1987; "'87" -> the century that puts it nearest the reference (19xx/20xx without one)."""
    if not text.startswith("'"):
        return int(text)
    short = int(text[1:])
    if reference is None:
        return 1900 + short if short >= 50 else 2000 + short
    century = reference.year // 100 * 100
    return min((century - 100 + short, century + short, century + 100 + short), key=lambda y: abs(y - reference.year))


# ---------------------------------------------------------------------------------------------
# The grammar: each rule is a full-match regex over normalized text and a handler; the first rule
# that matches decides, so the specific forms ("a year ago" in earnings copy) come before the general.


Handler = Callable[[re.Match, "dt.date | None", "Tense | None"], ResolvedDate | None]
NOT_THIS_RULE = ResolvedDate(None, "day")  # a handler's answer when the next rules should decide
_RULES: list[tuple[re.Pattern, Handler]] = []


def _rule(pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern), handler))
        return handler

    return register


def _relative_year(match: re.Match, reference: dt.date | None, suffix: str = "") -> int | None:
    """The year a "this/last/next year" group names, or the written year; None without the reference."""
    groups = match.groupdict()
    if groups.get("year" + suffix):
        return _full_year(groups["year" + suffix], reference)
    if reference is None:
        return None
    return reference.year + RELATIVE_OFFSETS[groups["rel" + suffix]]


@_rule(
    r"the\s+(?:coming|upcoming)\s+(?:fiscal\s+|financial\s+)?(?:week|month|quarter|year)"
    r"|the\s+(?:week|month|quarter|year)\s+ahead"
)
def _span_ahead(match, reference, tense):
    """'the coming year', 'the year ahead', 'the upcoming fiscal year' are spans of time, not dates (ANNOTATION.md)."""
    return None


@_rule(
    r"(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?:a\s+|one\s+)?year\s+(?:ago|earlier|before)(?:\s+(?:quarter|period|results))?"
    r"|(?:the\s+)?(?:quarter|period)\s+(?:a\s+year\s+ago|last\s+year)"
    r"|(?:the\s+)?(?:corresponding|comparable|same)\s+(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)"
    r"|last\s+year\s+(?:quarter|period)"
)
def _year_ago(match, reference, tense):
    """'a year ago/earlier', 'year-ago': the year before the reference (ANNOTATION.md); 'the year-ago
    quarter', 'the period a year ago': a quarter, a year before the quarter in focus in earnings copy."""
    names_a_quarter = "quarter" in match[0] or "period" in match[0]
    if not names_a_quarter:
        return ResolvedDate(None if reference is None else f"{reference.year - 1:04d}", "year")
    if reference is None:
        return ResolvedDate(None, "quarter", quarter_shift=-4)
    fallback = shift_quarters(reference.year, quarter_of(reference), -5)  # no quarter in focus: before the last completed
    return ResolvedDate(quarter_value(*fallback), "quarter", quarter_shift=-4)


@_rule(r"(?:the\s+)?(?:past|just[ -]ended)\s+(?:fiscal|financial)\s+year")
def _past_fiscal_year(match, reference, tense):
    """'the past fiscal year': the fiscal year just completed, dated by its end, which falls in the
    reference's year (unlike 'last fiscal year', the one before 'this fiscal year')."""
    return ResolvedDate(None if reference is None else f"{reference.year:04d}", "year")


@_rule(r"the\s+(?P<unit>week|month)")
def _the_unit(match, reference, tense):
    """'the week', 'the month' pointing at one calendar unit: resolved like 'this week' (ANNOTATION.md)."""
    unit = match["unit"]
    return ResolvedDate(None if reference is None else _shifted_unit_value(unit, 0, reference), unit)


@_rule(r"the\s+(?:latest\s+|same\s+)?quarter|the\s+latest\s+period")
def _the_quarter(match, reference, tense):
    """'the quarter', 'the latest period': the quarter the story reports, else the last one completed."""
    if reference is None:
        return ResolvedDate(None, "quarter", quarter_shift=0)
    fallback = shift_quarters(reference.year, quarter_of(reference), -1)
    return ResolvedDate(quarter_value(*fallback), "quarter", quarter_shift=0)


@_rule(r"the\s+(?P<year>\d{4})\s+(?:quarter|period)")
def _year_period(match, reference, tense):
    year = int(match["year"])
    return ResolvedDate(f"{year:04d}", "year", quarter_shift=0, focus_year=year)


@_rule(
    rf"(?:the\s+)?(?:comparable\s+)?year\s+(?:ago|earlier)\s+(?:fiscal\s+)?{_ORDINAL}\s+(?:fiscal\s+)?{_QUARTER_WORD}"
)
def _year_ago_ordinal_quarter(match, reference, tense):
    resolved = _quarter_without_year(ORDINALS[match["ordinal"]], reference, tense)
    if resolved.value is None:
        return resolved
    return ResolvedDate(f"{int(resolved.value[:4]) - 1:04d}{resolved.value[4:]}", "quarter")


@_rule(rf"week\s+of\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?")
def _week_of(match, reference, tense):
    year = _full_year(match["year"], reference) if match["year"] else None
    day = _resolve_day(month_number(match["month"]), int(match["day"]), year, reference, tense)
    if day is None or day.value is None:
        return None if day is None else ResolvedDate(None, "week")
    return ResolvedDate(week_value(dt.date.fromisoformat(day.value)), "week")


@_rule(r"(?P<word>yesterday|today|tomorrow)s?|(?P<word2>tonight|last night|this (?:morning|afternoon|evening))")
def _deictic_day(match, reference, tense):
    if reference is None:
        return ResolvedDate(None, "day")
    offset = DEICTIC_DAYS.get(match["word"] or match["word2"], 0)  # "tomorrows" (no apostrophe) alike
    return ResolvedDate(day_value(reference + dt.timedelta(days=offset)), "day")


@_rule(
    r"(?P<rel>this|current|the current|last|latest|the latest|next|coming|the coming|upcoming|the upcoming|previous|the previous)"
    r"\s+(?:fiscal\s+|financial\s+|calendar\s+)?(?P<unit>week|month|quarter|qtr|year|yr)"
)
def _relative_unit(match, reference, tense):
    unit = UNIT_WORDS[match["unit"]]
    if reference is None:
        return ResolvedDate(None, unit)
    return ResolvedDate(_shifted_unit_value(unit, RELATIVE_OFFSETS[match["rel"]], reference), unit)


def _shifted_unit_value(unit: str, offset: int, reference: dt.date) -> str:
    if unit == "day":
        return day_value(reference + dt.timedelta(days=offset))
    if unit == "week":
        return week_value(reference + dt.timedelta(weeks=offset))
    if unit == "month":
        return month_value(*shift_months(reference.year, reference.month, offset))
    if unit == "quarter":
        return quarter_value(*shift_quarters(reference.year, quarter_of(reference), offset))
    return f"{reference.year + offset:04d}"


@_rule(
    r"(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?P<unit>day|week|month|quarter|year)s?\s+(?P<direction>ago|hence|from now|from today)"
)
def _units_ago(match, reference, tense):
    unit = match["unit"]
    count = COUNTS.get(match["count"]) or int(match["count"])
    if reference is None:
        return ResolvedDate(None, unit)
    sign = -1 if match["direction"] == "ago" else 1
    return ResolvedDate(_shifted_unit_value(unit, sign * count, reference), unit)


@_rule(r"the\s+day")
def _this_day_anaphor(match, reference, tense):
    """'earlier in the day': the reference day, like 'today' (ANNOTATION.md, Settled cases)."""
    return ResolvedDate(None if reference is None else day_value(reference), "day")


@_rule(r"the\s+(?:full\s+|current\s+|fiscal\s+|financial\s+|calendar\s+)?year|year[ -]end|year's end|(?:full\s+)?year")
def _this_year_anaphor(match, reference, tense):
    return ResolvedDate(None if reference is None else f"{reference.year:04d}", "year")


def _holiday_names() -> dict[str, str]:
    """Each holiday name as the grammar sees it (normalized like any date text) to its table name."""
    return {normalize_date_text(name): name for name in holiday_table()}


_HOLIDAY_NAMES = _holiday_names()
_HOLIDAY = "(?P<holiday>" + "|".join(re.escape(name) for name in sorted(_HOLIDAY_NAMES, key=len, reverse=True)) + ")"
_COUNT = r"(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_HOLIDAY_AFTER = (
    rf"(?:,?\s+(?:of\s+|in\s+)?(?:{_YEAR}|{_REL_YEAR}"
    rf"|{_COUNT}\s+(?P<unit>day|week|month|year)s?(?:\s+(?P<direction>ago|hence|from now|later|earlier))?))?"
)


@_rule(rf"(?:(?P<hrel>last|next|this|coming|this coming|this past|past)\s+)?{_HOLIDAY}{_HOLIDAY_AFTER}")
def _holiday(match, reference, tense):
    """'Christmas', 'Thanksgiving 2013', 'MLK day of last year', 'Easter in 3 years': a day from the table."""
    name = _HOLIDAY_NAMES[match["holiday"]]
    if match["year"]:
        return _holiday_in(name, _full_year(match["year"], reference))
    if reference is None:
        return ResolvedDate(None, "day")
    if match["rel"]:
        return _holiday_in(name, reference.year + RELATIVE_OFFSETS[match["rel"]])
    if match["unit"]:  # "thanksgiving 3 months ago": the feast in the year the offset lands in
        count = COUNTS.get(match["count"]) or int(match["count"])
        sign = -1 if match["direction"] in ("ago", "earlier") else 1
        return _holiday_in(name, _shifted_day(reference, match["unit"], sign * count).year)
    days = [_day_interval(day) for year in range(reference.year - 1, reference.year + 2) if (day := holiday_date(name, year))]
    if not days:
        return ResolvedDate(None, "day")
    chosen = _choose_relative(days, reference, match["hrel"], tense)
    return ResolvedDate(chosen.value if chosen else None, "day")


def _holiday_in(name: str, year: int) -> ResolvedDate:
    day = holiday_date(name, year)
    return ResolvedDate(day_value(day) if day else None, "day")


def _choose_relative(candidates: list[_Interval], reference: dt.date, rel: str | None, tense) -> _Interval | None:
    """'last/next/this X' (a day or a month): before, after, in the reference's year; else by tense."""
    if rel in ("last", "this past", "past"):
        return max((c for c in candidates if c.end < reference), key=lambda c: c.start, default=None)
    if rel in ("next", "coming", "this coming"):
        return min((c for c in candidates if c.start > reference), key=lambda c: c.start, default=None)
    if rel == "this":
        return next((c for c in candidates if c.start.year == reference.year), None)
    return choose_by_tense(candidates, reference, tense)


def _shifted_day(reference: dt.date, unit: str, count: int) -> dt.date:
    """The reference moved by a count of calendar units (the day of month clipped to the month's end)."""
    if unit in ("day", "week"):
        return reference + dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 3 if unit == "quarter" else 1)
    year, month = shift_months(reference.year, reference.month, months)
    last_day = _month_interval(year, month).end.day
    return dt.date(year, month, min(reference.day, last_day))


_SHORT_WEEKDAYS = [word for word in WEEKDAY_FORMS if word not in WEEKDAYS]
_WEEKDAY_ANY = (
    rf"(?:{_alternation(WEEKDAYS)}|{_alternation(w for w in _SHORT_WEEKDAYS if len(w) >= 3)}\.?"
    rf"|(?:{_alternation(w for w in _SHORT_WEEKDAYS if len(w) < 3)})\.)"
)
_DAY_ORDINAL_WORD = _alternation(word.replace("-", " ") for word in DAY_ORDINALS)
_DAY_AFTER_WEEKDAY = re.compile(r"(?:the\s+)?\(?(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?\)?")
_REL_WORD = r"this|next|last|coming|current|previous|upcoming"


def _weekday_number(word: str) -> int:
    return WEEKDAY_FORMS[word.rstrip(".")]


def _day_ordinal(word: str) -> int:
    return DAY_ORDINALS[word.replace(" ", "-")]


GRANULARITY_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
_NTH_AHEAD = _alternation(word for word in _NTH if word != "last")
_UNIT = r"(?:day|week|month|quarter|year)"


@_rule(rf"the\s+following\s+(?P<unit>{_UNIT})|(?:the\s+)?following\s+(?P<weekday>{_alternation(WEEKDAYS)})")
def _the_following(match, reference, tense):
    """'the following week', 'the following Friday': the next one after the date in focus (see `date_from_span`);
    with none, after the reference."""
    what = match["unit"] or match["weekday"]
    granularity = match["unit"] or "day"
    value = None if reference is None else _following_value(what, reference)
    return ResolvedDate(value, granularity, following=what)


def _following_value(what: str, day: dt.date) -> str:
    if what in WEEKDAYS:
        return day_value(day + dt.timedelta(days=(WEEKDAYS[what] - day.weekday()) % 7 or 7))
    return _shifted_unit_value(what, 1, day)


@_rule(rf"the\s+{_COUNT}\s+{_UNIT}s?\s+(?:after|before|from)\s+.+")
def _span_around_date(match, reference, tense):
    """'the two weeks before Christmas' is a span of time, not a date moved from another."""
    return None


@_rule(
    rf"(?:{_COUNT}\s+(?P<unit>{_UNIT})s?|the\s+(?P<one>{_UNIT})"
    rf"|(?:the\s+(?:(?P<nth>{_NTH_AHEAD})\s+)?|(?P<nth2>{_NTH_AHEAD})\s+)(?P<weekday>{_alternation(WEEKDAYS)}))"
    rf"\s+(?P<relation>after|before|from)\s+(?P<base>.+)"
)
def _offset_from_date(match, reference, tense):
    """A date moved from another: 'three days after Easter' and 'a year from Christmas' (at the other's
    granularity), 'the week before March 3' (at the unit's), 'the third Tuesday after Christmas 2014'.
    (A weekday without 'the' or a count is a date of its own: 'on Tuesday after Monday's holiday'.)"""
    if match["relation"] == "from" and not match["unit"]:
        return NOT_THIS_RULE
    base = _resolve_normalized(match["base"], reference, tense)
    if base is None or base.quarter_shift is not None:
        return NOT_THIS_RULE
    unit = match["unit"] or match["one"] or "day"
    granularity = base.granularity if match["unit"] else unit
    finer = GRANULARITY_ORDER[unit] < GRANULARITY_ORDER[base.granularity]
    if (match["unit"] and finer) or (match["one"] and finer) or (match["weekday"] and base.granularity != "day"):
        return NOT_THIS_RULE  # "two weeks after March", "the day after 1995"
    if base.value is None:
        return ResolvedDate(None, granularity)
    start = _first_day(base)
    sign = -1 if match["relation"] == "before" else 1
    if match["weekday"]:
        nth = _NTH[match["nth"] or match["nth2"] or "first"]
        step = (WEEKDAYS[match["weekday"]] - start.weekday()) * sign % 7 or 7
        return ResolvedDate(day_value(start + dt.timedelta(days=sign * (step + 7 * (nth - 1)))), "day")
    if match["one"]:
        return ResolvedDate(_shifted_unit_value(unit, sign, start), unit)
    count = COUNTS.get(match["count"]) or int(match["count"])
    return ResolvedDate(_value_at(_shifted_day(start, unit, sign * count), granularity), granularity)


def _first_day(resolved: ResolvedDate) -> dt.date:
    value = resolved.value
    if resolved.granularity == "week":
        return dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
    if resolved.granularity == "quarter":
        return dt.date(int(value[:4]), int(value[-1]) * 3 - 2, 1)
    parts = [int(part) for part in value.split("-")]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


def _value_at(day: dt.date, granularity: str) -> str:
    return {
        "day": day_value, "week": week_value, "month": lambda d: month_value(d.year, d.month),
        "quarter": lambda d: quarter_value(d.year, quarter_of(d)), "year": lambda d: f"{d.year:04d}",
    }[granularity](day)  # fmt: skip


@_rule(r"(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)|the\s+(?P<day2>[0-3]?\d)")
def _bare_day(match, reference, tense):
    """'the 22nd', 'on the 15th': that day of the month nearest the reference (in the tense's direction)."""
    day = int(match["day"] or match["day2"])
    if not 1 <= day <= 31:
        return None
    if reference is None:
        return ResolvedDate(None, "day")
    candidates = _days_of_month_near(reference, day, months=1)
    return ResolvedDate(choose_by_tense(candidates, reference, tense).value, "day") if candidates else None


def _days_of_month_near(reference: dt.date, day: int, months: int) -> list[_Interval]:
    found = []
    for shift in range(-months, months + 1):
        year, month = shift_months(reference.year, reference.month, shift)
        if date := _safe_day(year, month, day):
            found.append(_day_interval(date))
    return found


@_rule(rf"(?P<wd>{_WEEKDAY_ANY})\s*[,-]?\s+(?P<rest>.*\d.*)|(?P<rest2>.*\d.*?)\s*[,-]?\s+\(?(?P<wd2>{_WEEKDAY_ANY})\)?")
def _weekday_with_date(match, reference, tense):
    """'Tuesday the 19th', 'Thursday 23.11', 'Jul 18, Fri': one day; the weekday picks the month or year."""
    weekday = _weekday_number(match["wd"] or match["wd2"])
    rest = match["rest"] if match["rest"] is not None else match["rest2"]
    bare = _DAY_AFTER_WEEKDAY.fullmatch(rest)
    if bare:
        day = int(bare["day"])
        if reference is None:
            return ResolvedDate(None, "day") if 1 <= day <= 31 else None
        candidates = [c for c in _days_of_month_near(reference, day, months=14) if c.start.weekday() == weekday]
        return ResolvedDate(choose_by_tense(candidates, reference, tense).value, "day") if candidates else None
    resolved = _resolve_normalized(rest, reference, tense)
    if resolved is None or resolved.granularity != "day" or resolved.value is None:
        return resolved if resolved is not None and resolved.granularity == "day" else None
    date = dt.date.fromisoformat(resolved.value)
    written_year = _resolve_normalized(rest, None, None)
    if date.weekday() == weekday or (written_year is not None and written_year.value is not None):
        return resolved  # a written full date wins over its weekday
    candidates = [
        _day_interval(day)
        for year in range(date.year - 6, date.year + 7)
        if (day := _safe_day(year, date.month, date.day)) and day.weekday() == weekday
    ]
    return ResolvedDate(choose_by_tense(candidates, reference, tense).value, "day") if candidates else resolved


@_rule(
    rf"{_WEEKDAY}\s+(?:of\s+|from\s+)?(?:the\s+)?(?P<rel>{_REL_WORD})\s+week"
    rf"|(?P<rel2>{_REL_WORD})\s+week\s+(?P<weekday2>{_alternation(WEEKDAYS)})"
)
def _weekday_of_week(match, reference, tense):
    """'wednesday of next week', 'Friday next week', "last week's sunday"."""
    if reference is None:
        return ResolvedDate(None, "day")
    weekday = WEEKDAYS[match["weekday"] or match["weekday2"]]
    week = reference + dt.timedelta(weeks=RELATIVE_OFFSETS[match["rel"] or match["rel2"]])
    return ResolvedDate(day_value(week + dt.timedelta(days=weekday - week.weekday())), "day")


@_rule(rf"{_WEEKDAY}\s+after\s+next|(?P<month_word>{_alternation(MONTHS)})\.?\s+after\s+next")
def _after_next(match, reference, tense):
    """'Friday after next', 'March after next': the second one after the reference."""
    if reference is None:
        return ResolvedDate(None, "day" if match["weekday"] else "month")
    if match["weekday"]:
        first = reference + dt.timedelta(days=(WEEKDAYS[match["weekday"]] - reference.weekday()) % 7 or 7)
        return ResolvedDate(day_value(first + dt.timedelta(weeks=1)), "day")
    month = month_number(match["month_word"])
    year = reference.year + (1 if month > reference.month else 2)
    return ResolvedDate(month_value(year, month), "month")




@_rule(rf"(?P<nth>{_NTH_WORD})(?:\s+(?P<from_end>last))?\s+day\s+(?:of|in)\s+(?P<period>.+)")
def _nth_day_of_period(match, reference, tense):
    """'the last day of October 2015', 'the fifth last day of May', 'the first day of next month': a day counted
    from the start or the end of a month or a year. (A week so counted is a part of its period, like "the last
    three months of 2004": only the period is a date; see the 'sub_period' patterns.)"""
    period = _resolve_normalized(match["period"], reference, tense)
    if period is None or period.granularity not in ("month", "year"):
        return NOT_THIS_RULE
    nth = _NTH[match["nth"]]
    if match["from_end"]:
        nth = None if nth < 0 else -nth  # "third last"
    if nth is None:
        return NOT_THIS_RULE
    if period.value is None:
        return ResolvedDate(None, "day")
    days = _days_in(_period_interval(period))
    if not -len(days) <= nth < 0 and not 0 < nth <= len(days):
        return None
    return ResolvedDate(day_value(days[nth - 1] if nth > 0 else days[nth]), "day")


def _period_interval(period: ResolvedDate) -> _Interval:
    if period.granularity == "month":
        return _month_interval(int(period.value[:4]), int(period.value[5:7]))
    year = int(period.value[:4])
    return _Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), period.value)


def _days_in(interval: _Interval) -> list[dt.date]:
    return [interval.start + dt.timedelta(days=i) for i in range((interval.end - interval.start).days + 1)]


@_rule(
    rf"(?P<nth>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\s+{_WEEKDAY}\s+(?:of|in)\s+"
    rf"(?:(?:the\s+)?(?:(?P<rel>{_REL_WORD})\s+)?month|{_MONTH}(?:,?\s+{_YEAR})?)"
)
def _nth_weekday_of_month(match, reference, tense):
    """'the last Monday of March', 'first tuesday of october 2014', 'second monday of last month'."""
    month_of = _month_in_view(match, reference, tense)
    if month_of is None:
        return ResolvedDate(None, "day")
    day = nth_weekday_of_month(*month_of, WEEKDAYS[match["weekday"]], _NTH[match["nth"]])
    return ResolvedDate(day_value(day), "day") if day else None


def _month_in_view(match, reference, tense) -> tuple[int, int] | None:
    """(year, month) a compound names: 'March 2014', 'March' (by tense), 'next month', 'the month'."""
    if match["month"]:
        if match["year"]:
            return _full_year(match["year"], reference), month_number(match["month"])
        month = _month_by_relation(month_number(match["month"]), None, reference, tense)
        return None if month.value is None else (int(month.value[:4]), int(month.value[5:]))
    if reference is None:
        return None
    return shift_months(reference.year, reference.month, RELATIVE_OFFSETS.get(match["rel"] or "this", 0))


@_rule(
    rf"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|(?P<dayword>{_DAY_ORDINAL_WORD}))(?:\s+day)?\s+(?:of|in)\s+"
    rf"(?:(?:the\s+)?(?:(?P<rel>{_REL_WORD})\s+)?month|{_MONTH}(?:,?\s+{_YEAR})?)"
)
def _day_of_month(match, reference, tense):
    """'20 of next month', '20th of the current month', 'the first of march', 'third day of october'."""
    month_of = _month_in_view(match, reference, tense)
    day = int(match["day"]) if match["day"] else _day_ordinal(match["dayword"])
    if match["month"] and not match["year"]:
        return _resolve_day(month_number(match["month"]), day, None, reference, tense)
    if month_of is None:
        return ResolvedDate(None, "day")
    date = _safe_day(*month_of, day)
    return ResolvedDate(day_value(date), "day") if date else None


@_rule(rf"{_MONTH}\s+(?:the\s+)?(?P<dayword>{_DAY_ORDINAL_WORD})(?:,?\s+{_YEAR})?")
def _month_day_word(match, reference, tense):
    """'march first', 'march third 2015'."""
    year = _full_year(match["year"], reference) if match["year"] else None
    return _resolve_day(month_number(match["month"]), _day_ordinal(match["dayword"]), year, reference, tense)


@_rule(r"the\s+day\s+(?P<side>after\s+tomorrow|before\s+yesterday)")
def _day_beyond(match, reference, tense):
    if reference is None:
        return ResolvedDate(None, "day")
    offset = 2 if match["side"].startswith("after") else -2
    return ResolvedDate(day_value(reference + dt.timedelta(days=offset)), "day")


@_rule(
    rf"{_COUNT}\s+(?P<weekday>{_alternation(WEEKDAYS)})s\s+(?P<direction>from now|from today|hence|ago|back)"
)
def _counted_weekdays(match, reference, tense):
    """'2 sundays from now', 'three fridays from now', '2 thursdays ago'."""
    if reference is None:
        return ResolvedDate(None, "day")
    count = COUNTS.get(match["count"]) or int(match["count"])
    weekday = WEEKDAYS[match["weekday"]]
    if match["direction"] in ("ago", "back"):
        first = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7 or 7)
        return ResolvedDate(day_value(first - dt.timedelta(weeks=count - 1)), "day")
    first = reference + dt.timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    return ResolvedDate(day_value(first + dt.timedelta(weeks=count - 1)), "day")


@_rule(
    rf"(?:(?P<rel>last|next|this|coming|this coming|this past)\s+)?"
    rf"(?P<weekday>{_alternation(word for word in WEEKDAY_FORMS if len(word) >= 3)})"
)
def _weekday(match, reference, tense):
    """'Monday', 'last Friday', 'Thu': the one nearest the reference in the tense's direction."""
    if reference is None:
        return ResolvedDate(None, "day")
    target = WEEKDAY_FORMS[match["weekday"]]
    same_week = reference + dt.timedelta(days=target - reference.weekday())
    candidates = [same_week + dt.timedelta(weeks=offset) for offset in (-1, 0, 1)]
    rel = match["rel"]
    if rel in ("last", "this past"):
        day = max(c for c in candidates if c < reference)
    elif rel in ("next", "coming", "this coming"):
        day = min(c for c in candidates if c > reference)
    elif rel == "this":
        day = same_week
    elif tense is None:  # the nearest; on a tie the past one, since news mostly reports what happened
        day = min(candidates, key=lambda c: (abs((c - reference).days), c > reference))
    elif tense == "past":
        day = max(c for c in candidates if c <= reference)
    else:
        day = min(c for c in candidates if c >= reference)
    return ResolvedDate(day_value(day), "day")


def _resolve_day(month: int, day: int, year: int | None, reference, tense) -> ResolvedDate | None:
    if not 1 <= day <= 31:
        return None
    if year is not None:
        date = _safe_day(year, month, day)
        return ResolvedDate(day_value(date), "day") if date else None
    if _safe_day(2000, month, day) is None:  # 2000 is a leap year: Feb 29 stays possible
        return None
    if reference is None:
        return ResolvedDate(None, "day")
    candidates = [
        _day_interval(date)
        for year in (reference.year - 1, reference.year, reference.year + 1)
        if (date := _safe_day(year, month, day))
    ]
    if not candidates:  # Feb. 29 with no leap year around the reference
        return None
    nearest = choose_by_tense(candidates, reference, None)
    if _distance(nearest, reference) <= 61:
        return ResolvedDate(nearest.value, "day")  # a dated day near the story wins over the verb's tense
    # Farther off, the nearest in the tense's direction (ANNOTATION.md): with no tense, simply the nearest.
    return ResolvedDate(choose_by_tense(candidates, reference, tense).value, "day")


@_rule(
    rf"(?:(?P<rel>last|next|this|this past|this coming)\s+)?{_MONTH}\s*(?:the\s+)?{_DAY}"
    rf"(?:,?\s+(?:{_YEAR}|{_relative_year_group('yrel')}))?"
)
def _month_day(match, reference, tense):
    """'Jan 13', 'March 3rd 2015', 'October 1 this year', 'June 3 last year'."""
    if match["yrel"]:
        if reference is None:
            return ResolvedDate(None, "day")
        year = reference.year + RELATIVE_OFFSETS[match["yrel"]]
        date = _safe_day(year, month_number(match["month"]), int(match["day"]))
        return ResolvedDate(day_value(date), "day") if date else None
    year = _full_year(match["year"], reference) if match["year"] else None
    direction = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(match["rel"])
    return _resolve_day(month_number(match["month"]), int(match["day"]), year, reference, direction or tense)


@_rule(rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:{_YEAR}|(?P<short>\d\d)))?")
def _day_month(match, reference, tense):
    """'13 Nov', '3 Oct 2017', '24 April 17'."""
    written = match["year"] or (f"'{match['short']}" if match["short"] else None)
    year = _full_year(written, reference) if written else None
    return _resolve_day(month_number(match["month"]), int(match["day"]), year, reference, tense)


@_rule(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
def _iso_day(match, reference, tense):
    date = _safe_day(int(match["year"]), int(match["month"]), int(match["day"]))
    return ResolvedDate(day_value(date), "day") if date else None


@_rule(r"(?P<year>\d{4})-(?P<month>\d{2})")
def _iso_month(match, reference, tense):
    year, month = int(match["year"]), int(match["month"])
    if month == (year + 1) % 100 or not 1 <= month <= 12:
        return NOT_THIS_RULE  # "2023-24", "2011-12": a split year
    return ResolvedDate(month_value(year, month), "month")


@_rule(rf"{_MONTH}(?:,?\s+(?:of\s+)?(?:{_YEAR}|{_REL_YEAR}))")
def _month_of_year(match, reference, tense):
    year = _relative_year(match, reference)
    return ResolvedDate(None if year is None else month_value(year, month_number(match["month"])), "month")


@_rule(rf"{_REL_YEAR}\s+{_MONTH}")
def _relative_year_month(match, reference, tense):
    """'next year February': the month of the relative year, as 'February next year'."""
    return _month_of_year(match, reference, tense)


@_rule(rf"(?:(?P<rel>last|next|this|coming|this coming|this past|past)\s+)?{_MONTH}")
def _month_alone(match, reference, tense):
    return _month_by_relation(month_number(match["month"]), match["rel"], reference, tense)


def _month_by_relation(month: int, rel: str | None, reference, tense) -> ResolvedDate:
    """A month without a year: 'last/next/this March', or by tense."""
    if reference is None:
        return ResolvedDate(None, "month")
    candidates = [_month_interval(year, month) for year in (reference.year - 1, reference.year, reference.year + 1)]
    chosen = _choose_relative(candidates, reference, rel, tense)
    return ResolvedDate(chosen.value, "month")


@_rule(
    rf"(?:(?:{_relative_year_group('rel_a')}|{_year_group('year_a')})\s+)?(?:fiscal\s+)?{_ORDINAL}\s+(?:fiscal\s+)?"
    rf"{_QUARTER_WORD}(?:\s+(?:of\s+)?{_FISCAL}(?:{_year_group('year_b')}|{_relative_year_group('rel_b')}))?"
)
def _ordinal_quarter(match, reference, tense):
    quarter = ORDINALS[match["ordinal"]]
    for suffix in ("_a", "_b"):
        if match["year" + suffix] or match["rel" + suffix]:
            year = _relative_year(match, reference, suffix)
            return ResolvedDate(None if year is None else quarter_value(year, quarter), "quarter")
    return _quarter_without_year(quarter, reference, tense)


@_rule(rf"(?:q(?P<q1>[1-4])|(?P<q2>[1-4])q)(?:\s*{_YEAR}|(?P<short>\d\d))?|(?P<lead>\d{{4}}|\d\d)q(?P<q3>[1-4])")
def _q_notation(match, reference, tense):
    """'Q1 2018', '1Q87', '2018Q4', '18q4'."""
    quarter = int(match["q1"] or match["q2"] or match["q3"])
    lead = match["lead"]
    year_text = match["year"] or (lead if lead and len(lead) == 4 else f"'{lead}" if lead else None)
    year_text = year_text or (f"'{match['short']}" if match["short"] else None)
    if year_text is None:
        return _quarter_without_year(quarter, reference, tense)
    return ResolvedDate(quarter_value(_full_year(year_text, reference), quarter), "quarter")


@_rule(rf"{_FISCAL}(?P<year>\d{{4}})(?:\s+(?:fiscal\s+|financial\s+)?(?:year|period))?|(?:the\s+)?year\s+(?P<year2>\d{{4}})")
def _year(match, reference, tense):
    year = int(match["year"] or match["year2"])
    return ResolvedDate(f"{year:04d}", "year") if 1000 <= year <= 2999 else None


@_rule(r"(?P<year>\d{1,4})\s+a\.?d\.?|a\.?d\.?\s+(?P<year2>\d{1,4})")
def _era_year(match, reference, tense):
    """'14 AD', 'AD 14': a year of the Christian era, in four figures."""
    year = int(match["year"] or match["year2"])
    return ResolvedDate(f"{year:04d}", "year") if 1 <= year <= 2999 else None


def _quarter_without_year(quarter: int, reference, tense) -> ResolvedDate:
    if reference is None:
        return ResolvedDate(None, "quarter")
    candidates = [_quarter_interval(y, quarter) for y in (reference.year - 1, reference.year, reference.year + 1)]
    if tense == "future":
        # Results come out weeks after a quarter ends: "expects to report third-quarter profit" in October.
        reporting_horizon = reference - dt.timedelta(days=REPORTING_LAG_DAYS)
        chosen = min((c for c in candidates if c.end >= reporting_horizon), key=lambda c: c.start)
    else:
        chosen = choose_by_tense(candidates, reference, "past")  # the last one begun: it is being reported
    return ResolvedDate(chosen.value, "quarter")


# ---------------------------------------------------------------------------------------------
# All-figure dates ("2/15", "10-31-74", "26.10.2017"), read in the DATE_ORDER of their separator
# (models/gazetteers/date_orders.tsv). dateparser's own DATE_ORDER setting is not used for these: it
# reads "2/15" as 2 Feb 2015 under DMY and "16.12" as a clock time, and gives no say over the year's place.


@cache
def date_orders() -> dict[str, tuple[str, ...]]:
    orders = {}
    for separator, written in load_tsv(DATE_ORDERS_FILE, 2):
        tried = tuple(written.split())
        if not tried or any(sorted(order) != sorted("DMY") for order in tried):
            raise row_error(DATE_ORDERS_FILE, separator, f"expected orders such as 'MDY DMY', got {written!r}")
        orders[separator] = tried
    return orders


def _reading(parts: dict[str, str], reference: dt.date | None) -> dt.date | None:
    year = parts["Y"]
    full_year = int(year) if len(year) == 4 else _full_year("'" + year.zfill(2), reference)
    return _safe_day(full_year, int(parts["M"]), int(parts["D"]))


def _nearest(days: list[dt.date], reference: dt.date | None) -> dt.date:
    return min(days, key=lambda day: abs((day - reference).days)) if reference else days[0]


@_rule(r"(?P<a>\d{4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,2})|(?P<a2>\d{1,2})(?P<sep2>[/.-])\s?(?P<b2>\d{1,2})(?P=sep2)\s?(?P<c2>\d{4}|\d{2})")
def _numeric_day(match, reference, tense):
    """A day with its year: by the separator's order; a year of one or two figures may also lead."""
    if match["a"]:
        a, b, c = match["a"], match["b"], match["c"]
        orders = ("YMD", "YDM")
    else:
        a, b, c = match["a2"], match["b2"], match["c2"]
        orders = date_orders().get(match["sep2"], ("MDY", "DMY"))
    readings = [(order, _reading(dict(zip(order, (a, b, c))), reference)) for order in orders]
    first = next((day for _, day in readings if day), None)
    candidates = [first] if first else []
    if len(a) <= 2 and len(c) == 2 and (year_first := _reading(dict(zip("YMD", (a, b, c))), reference)):
        candidates.append(year_first)  # "16-04-19" written on 2016-04-12 is 19 April 2016
    if not candidates:
        return None
    return ResolvedDate(day_value(_nearest(candidates, reference)), "day")


@_rule(r"(?P<a>\d{1,2})(?P<sep>[/.])\s?(?P<b>\d{1,2})\.?")
def _numeric_day_month(match, reference, tense):
    """A day without its year ("2/15", "23.11."): the separator's order, the year by the usual rule."""
    a, b = match["a"], match["b"]
    for order in date_orders().get(match["sep"], ("MDY",)):
        fields = dict(zip(order.replace("Y", ""), (a, b)))
        month, day = int(fields["M"]), int(fields["D"])
        if 1 <= month <= 12 and _safe_day(2000, month, day):
            return _resolve_day(month, day, None, reference, tense)
    return None


SEASON_WORDS = ("crop", "crops", "season", "campaign", "harvest", "marketing")  # a split year they follow is a season


@_rule(
    r"(?:the\s+)?(?P<fiscal>(?:fiscal|financial)\s+(?:year\s+)?)?(?P<start>\d{4})\s?[/-]\s?(?P<end>\d{4}|\d{2})"
    rf"(?P<fiscal2>\s+(?:fiscal|financial)\s+year)?(?:\s+(?P<season>{'|'.join(SEASON_WORDS)})|\s+(?:period|year))?"
)
def _split_year(match, reference, tense):
    """'1986/87' (a crop, a season): its start year; 'fiscal 1986-87', 'the 1986/87 financial year': its end."""
    start, end_text = int(match["start"]), match["end"]
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if end < start:  # "1999/00"
        end += 100
    if end != start + 1:
        return NOT_THIS_RULE  # "2014/10" is a month
    if match["fiscal"] or match["fiscal2"]:
        return ResolvedDate(f"{end:04d}", "year")
    return ResolvedDate(f"{start:04d}", "year", split_end=None if match["season"] else end)


@_rule(r"fy\s?'?(?P<start>\d{4}|\d{2})(?:\s?[/-]\s?(?P<end>\d{4}|\d{2}))?")
def _fiscal_year_code(match, reference, tense):
    """'FY2025', "FY'25", 'FY24', 'FY2024/25', 'FY 2023-24': a fiscal year, dated by the year it ends."""
    start_text, end_text = match["start"], match["end"]
    start = _full_year(start_text if len(start_text) == 4 else "'" + start_text, reference)
    if end_text is None:
        return ResolvedDate(f"{start:04d}", "year")
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if end < start:  # "FY1999/00"
        end += 100
    return ResolvedDate(f"{end:04d}", "year") if end == start + 1 else None


@_rule(r"(?P<month>\d{1,2})/(?P<year>\d{4})|(?P<year2>\d{4})/(?P<month2>\d{1,2})")
def _numeric_month(match, reference, tense):
    """'2/2013', '2014/10' (but '2009/10' is a split season: see `_split_year`)."""
    year, month = int(match["year"] or match["year2"]), int(match["month"] or match["month2"])
    if match["year2"] and month == (year + 1) % 100:
        return ResolvedDate(f"{year:04d}", "year")
    return ResolvedDate(month_value(year, month), "month") if 1 <= month <= 12 else None


# Forms with a month name between figures ("31-Oct-74", "10Aug17", "8/May/2018", "May/8"): dateparser
# reads their fields; which year a year-less one takes is our rule.
_MONTH_WORD = rf"(?:{_alternation(MONTHS)})\.?"
_ALPHANUMERIC_DATE = re.compile(
    rf"\d{{1,2}}\s?[/-]?\s?{_MONTH_WORD}(?:\s?[/-]?\s?(?:\d{{4}}|\d{{2}}))?|{_MONTH_WORD}\s?/\s?\d{{1,2}}(?:/\d{{2,4}})?"
)


@lru_cache(maxsize=256)
def _date_data_parser(reference: dt.date | None):
    from dateparser.date import DateDataParser  # imported lazily: it costs ~0.5 s and rules cover most text

    settings = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "current_period", "RETURN_AS_TIMEZONE_AWARE": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime(reference.year, reference.month, reference.day)
    return DateDataParser(languages=["en"], settings=settings)


def _parse_alphanumeric(text: str, reference: dt.date | None, tense) -> ResolvedDate | None:
    if not _ALPHANUMERIC_DATE.fullmatch(text):
        return None
    data = _date_data_parser(None).get_date_data(text)
    parts = set(data.parts or ()) if data is not None and data.date_obj is not None else set()
    if not {"day", "month"} <= parts:
        return None
    day = data.date_obj.date()
    if "year" in parts:
        return ResolvedDate(day_value(day), "day")
    return _resolve_day(day.month, day.day, None, reference, tense)


# ---------------------------------------------------------------------------------------------
# Entry points


def resolve_date_text(text: str, reference: dt.date | None = None, tense: Tense | None = None) -> ResolvedDate | None:
    """The calendar value of a date expression, or None when the text is not one (a duration, "now").

    Relative forms need `reference`; without it they are recognized but get value None.
    `tense` ("past"/"future") picks the direction for weekdays, months and quarters without a year.
    """
    return _resolve_normalized(normalize_date_text(text), reference, tense)


@lru_cache(maxsize=8192)
def _resolve_normalized(text: str, reference: dt.date | None, tense: Tense | None) -> ResolvedDate | None:
    if not text:
        return None
    for pattern, handler in _RULES:
        match = pattern.fullmatch(text)
        if match:
            try:
                resolved = handler(match, reference, tense)
            except (ValueError, OverflowError):  # a reference at the edge of the calendar (year 1 or 9999)
                return None
            if resolved is not NOT_THIS_RULE:
                return resolved
    if text.startswith("the "):  # tried with the article first: "the year" differs from "year"
        return _resolve_normalized(text[4:], reference, tense)
    return _parse_alphanumeric(text, reference, tense)


def is_date_expression(text: str) -> bool:
    """Whether the text is a calendar expression in our sense (with or without a reference)."""
    return resolve_date_text(text, None) is not None


# ---------------------------------------------------------------------------------------------
# From a spaCy span

TENSE_WORDS = "gazetteers/tense_words.tsv"


@cache
def tense_words(word_class: str) -> frozenset[str]:
    """The words of one class of models/gazetteers/tense_words.tsv (future auxiliaries, past forms...)."""
    return frozenset(word for word, kind in load_tsv(TENSE_WORDS, 2) if kind == word_class)


_NOT_A_VERB = "not a verb"


TENSE_MARKS_KEY = "wirefacts_tense_marks"


def sentence_tense(span) -> Tense | None:
    """The tense of the verb nearest the span in its sentence (None: present or no verb).

    With tags: VBD -> past, VBN -> past unless passive present ("is expected"), will/shall and
    "expected/scheduled/set ..." -> future. On a blank pipeline only a few words are recognized.
    """
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in tense_words("forward_noun"):
        return "future"
    sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
    best_distance, best_tense = None, None
    for i, tense in _tense_marks(sentence):
        if span.start <= i < span.end:
            continue
        distance = span.start - i if i < span.start else i - span.end + 1
        if best_distance is None or distance < best_distance:
            best_distance, best_tense = distance, tense
    return best_tense


def _tense_marks(sentence) -> list[tuple[int, Tense | None]]:
    """The sentence's verbs and tense words with their tense, in order; kept per sentence, as a story's
    dates often share one."""
    doc = sentence.doc
    kept = doc.user_data.setdefault(TENSE_MARKS_KEY, {})
    if sentence.start not in kept:
        tagged = doc.has_annotation("TAG")
        kept[sentence.start] = [
            (token.i, tense) for token in sentence if (tense := _token_tense(token, tagged)) != _NOT_A_VERB
        ]
    return kept[sentence.start]


def _token_tense(token, tagged: bool):
    lower = token.lower_
    if lower in tense_words("future_auxiliary"):
        return "future"
    is_verb = token.tag_.startswith("VB") if tagged else True  # "the plan" is no future
    if is_verb and (lower in tense_words("future_lead") or lower in tense_words("future_lead_before_to") and _followed_by_infinitive(token)):
        return "future"
    if not tagged:
        if lower in tense_words("untensed_modal"):
            return None
        return "past" if lower in tense_words("past_word") else _NOT_A_VERB
    tag = token.tag_
    if tag == "VBD":
        return "past"
    if tag == "VBN":
        return None if _preceded_by(token, tense_words("passive_auxiliary")) else "past"
    if tag == "VB":
        return "future" if _preceded_by(token, tense_words("future_auxiliary")) else None
    if tag in ("VBZ", "VBP", "VBG", "MD"):
        return None
    return _NOT_A_VERB


def _followed_by_infinitive(token) -> bool:
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return False
    following = doc[token.i + 2]
    return following.tag_ == "VB" if doc.has_annotation("TAG") else following.is_alpha and following.is_lower


def _preceded_by(token, words: frozenset[str], window: int = 2) -> bool:
    doc = token.doc
    return any(doc[i].lower_ in words for i in range(max(0, token.i - window), token.i))


def _quarter_in_focus(span, reference: dt.date | None) -> tuple[int, int] | None:
    """The quarter the story last named before the span ("third-quarter profit ... a year earlier")."""
    earlier = [other for other in span.doc.spans.get("dates", []) if other.end <= span.start]
    for other in reversed(earlier):
        resolved = resolve_date_text(other.text, reference, None)
        if resolved and resolved.quarter_shift is None and resolved.granularity == "quarter" and resolved.value:
            return int(resolved.value[:4]), int(resolved.value[-1])
    return None


def _day_in_focus(span, reference: dt.date | None, granularity: str) -> dt.date | None:
    """The first day of the latest date before the span that is at `granularity` or finer ("May 22, 1995" for
    "the following year")."""
    earlier = [other for other in span.doc.spans.get("dates", []) if other.end <= span.start]
    for other in reversed(earlier):
        tense = sentence_tense(other) if reference else None
        resolved = resolve_date_text(other.text, reference, tense)
        if (
            resolved is not None
            and resolved.value is not None
            and resolved.following is None
            and resolved.quarter_shift is None
            and GRANULARITY_ORDER[resolved.granularity] <= GRANULARITY_ORDER[granularity]
        ):
            return _first_day(resolved)
    return None


APPOSITION_MARKS = frozenset({",", "(", ")", "-", "\u2013", "\u2014"})


def _date_in_apposition(span, reference: dt.date | None) -> ResolvedDate | None:
    """'Thursday, Jan. 6', 'Sunday (21 May)', 'Jul 18, Fri': the weekday is the day written next to it, when
    the two agree. Without a reference the weekday stays a relative date with no value (ANNOTATION.md)."""
    if reference is None:
        return None
    doc = span.doc
    following = span.end + 1 if span.end < len(doc) and doc[span.end].text in APPOSITION_MARKS else span.end
    preceding = span.start - 1 if span.start > 0 and doc[span.start - 1].text in APPOSITION_MARKS else span.start
    for other in doc.spans.get("dates", []):
        if other.start == following or other.end == preceding:
            resolved = resolve_date_text(other.text, reference, None)
            if resolved and resolved.granularity == "day" and resolved.value:
                day = dt.date.fromisoformat(resolved.value)
                if day.weekday() == WEEKDAY_FORMS[span[-1].lower_.rstrip(".")]:
                    return resolved
    return None


def _day_after_date(span, reference: dt.date | None, tense: Tense | None) -> ResolvedDate | None:
    """'March 26 and 30': a bare day number takes its month and year from the date just before it."""
    if not span.text.isdigit() or not 1 <= int(span.text) <= 31:
        return None
    earlier = [other for other in span.doc.spans.get("dates", []) if span.start - 3 <= other.end <= span.start]
    if not earlier:
        return None
    previous = resolve_date_text(earlier[-1].text, reference, tense)
    if previous is None or previous.granularity != "day":
        return None
    if previous.value is None:
        return ResolvedDate(None, "day")
    day = _safe_day(int(previous.value[:4]), int(previous.value[5:7]), int(span.text))
    return ResolvedDate(day_value(day), "day") if day else None


_FISCAL_SPLIT_YEAR = re.compile(
    r"(?:(?:fiscal|financial)\s+(?:year\s+)?|\bFY\s?)(?P<start>\d{4})\s?[/-]\s?(?P<end>\d{2,4})"
    r"|(?P<start2>\d{4})\s?[/-]\s?(?P<end2>\d{2,4})\s+(?:fiscal|financial)\s+year",
    re.I,
)


def _fiscal_split_years(doc) -> frozenset[tuple[int, int]]:
    """The split years the story calls fiscal or financial somewhere, as (start, last two figures of the end):
    a bare "2023-24" elsewhere is that fiscal year (ANNOTATION.md, Settled cases), another split year is not."""
    cached = doc.user_data.get(_FISCAL_SPLIT_YEARS_KEY)
    if cached is None:
        found = _FISCAL_SPLIT_YEAR.finditer(story_text(doc))
        cached = frozenset(
            (int(m["start"] or m["start2"]), int((m["end"] or m["end2"])[-2:])) for m in found
        )
        doc.user_data[_FISCAL_SPLIT_YEARS_KEY] = cached
    return cached


_FISCAL_SPLIT_YEARS_KEY = "wirefacts.dates.fiscal_split_years"


def _called_fiscal(span, resolved: ResolvedDate) -> bool:
    """A split year is a fiscal year (dated by its end) when the story calls it one somewhere; a bare one
    ("profit fell in 1985/86") also when the story calls its split years fiscal or financial years. One
    that premodifies a noun ("the 2023-24 budget", "the 1986/87 crop") names that thing's own period and
    keeps its start year (ANNOTATION.md, Settled cases), unless that very split year is called fiscal."""
    called = _fiscal_split_years(span.doc)
    if (int(resolved.value), resolved.split_end % 100) in called:
        return True
    return bool(called) and not _premodifies_a_noun(span)


def _premodifies_a_noun(span) -> bool:
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    return following is not None and following.is_alpha and following.is_lower and not following.is_stop


def _member_before_date(span, reference: dt.date | None, tense: Tense | None) -> ResolvedDate | None:
    """'the third and fourth quarters of 1987', '16-18 December': the first member of a coordination takes
    the rest of its value from the date just after it."""
    later = [other for other in span.doc.spans.get("dates", []) if span.end <= other.start <= span.end + 2]
    if not later:
        return None
    following = resolve_date_text(later[0].text, reference, tense)
    if following is None or following.value is None:
        return None
    word = span[-1].lower_
    if following.granularity == "quarter" and word in ORDINALS:
        return ResolvedDate(quarter_value(int(following.value[:4]), ORDINALS[word]), "quarter")
    if following.granularity == "day" and span.text.isdigit() and 1 <= int(span.text) <= 31:
        day = _safe_day(int(following.value[:4]), int(following.value[5:7]), int(span.text))
        return ResolvedDate(day_value(day), "day") if day else None
    return None


def date_from_span(span, reference: dt.date | None) -> DateMention | None:
    """The DateMention of a date span (offsets into the doc's text), or None if it is not a calendar date."""
    tense = sentence_tense(span) if reference else None
    resolved = (
        resolve_date_text(span.text, reference, tense)
        or _day_after_date(span, reference, tense)
        or _member_before_date(span, reference, tense)
    )
    if resolved is None:
        return None
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if resolved.split_end is not None and following not in SEASON_WORDS and _called_fiscal(span, resolved):
        resolved = resolved.as_fiscal()
    if resolved.quarter_shift is not None:
        resolved = resolved.in_focus_of(_quarter_in_focus(span, reference))
    elif resolved.following is not None:
        resolved = resolved.after_day_in_focus(_day_in_focus(span, reference, resolved.granularity))
    elif span[-1].lower_.rstrip(".") in WEEKDAY_FORMS:
        resolved = _date_in_apposition(span, reference) or resolved
    return DateMention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        value=resolved.value,
        granularity=resolved.granularity,
    )
