"""Date forms beyond 1987 wire copy: holidays, all-figure dates and their DATE_ORDER, relative offsets,
compounds read as one date, and the wire forms of issue 7; then the peers' own cases (read from
../shared/corpora/peer_tests at test time, skipped when absent) and properties of the parsers.
Rules only (blank pipeline): no statistical model is loaded here."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirefacts.dates import date_from_span, date_orders, resolve_date_text
from wirefacts.holidays import holiday_date, holiday_table, nth_weekday_of_month, parse_rule, row_error
from wirefacts.nlp import build_blank_pipeline
from wirefacts.resources import ResourceError

TUESDAY = dt.date(2013, 2, 12)  # a Tuesday
PEER_TESTS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "peer_tests"
any_day = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@pytest.fixture(scope="module")
def nlp():
    return build_blank_pipeline()


def dates_in(nlp, text: str, reference: dt.date | None) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    found = []
    for span in doc.spans["dates"]:
        mention = date_from_span(span, reference)
        assert mention is not None and text[mention.start : mention.end] == mention.text
        found.append((mention.text, mention.value))
    return found


# ---------------------------------------------------------------------------------------------
# Sentences per class, through the blank pipeline


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # holidays: fixed, by weekday, from Easter, lunisolar; with a year, a relative year or an offset
        ("Shops close on Christmas Day and reopen after New Year's Day.", TUESDAY,
         [("Christmas Day", "2012-12-25"), ("New Year's Day", "2013-01-01")]),
        ("Sales on Thanksgiving 2013 beat Black Friday of last year.", TUESDAY,
         [("Thanksgiving 2013", "2013-11-28"), ("Black Friday of last year", "2012-11-23")]),
        ("Markets shut for Easter Monday and again for Whit Monday.", TUESDAY,
         [("Easter Monday", "2013-04-01"), ("Whit Monday", "2013-05-20")]),
        ("Traders left before Chinese New Year; Diwali 2019 came later.", TUESDAY,
         [("Chinese New Year", "2013-02-10"), ("Diwali 2019", "2019-10-27")]),
        ("The MLK Day of last year was quiet, unlike next Thanksgiving.", TUESDAY,
         [("MLK Day of last year", "2012-01-16"), ("next Thanksgiving", "2013-11-28")]),
        ("Eid al-Adha 2018 fell in August.", TUESDAY, [("Eid al-Adha 2018", "2018-08-21"), ("August", "2012-08")]),
        ("The vote falls on the Ides of March.", TUESDAY, [("Ides of March", "2013-03-15")]),
        ("Rome took the town in AD 43 and lost it in 410 A.D. to raiders.", TUESDAY,
         [("AD 43", "0043"), ("410 A.D.", "0410")]),
        ("He ran 30 ad slots.", TUESDAY, []),
        ("Todays session and tomorrows vote were set.", TUESDAY, [("Todays", "2013-02-12"), ("tomorrows", "2013-02-13")]),
        # all-figure dates
        ("The deal closed on 10/31/1974 and was filed 2015-3-3.", TUESDAY,
         [("10/31/1974", "1974-10-31"), ("2015-3-3", "2015-03-03")]),
        ("Vienna, 26.10.2017: the order dated 12-11-2017 stands.", TUESDAY,
         [("26.10.2017", "2017-10-26"), ("12-11-2017", "2017-11-12")]),
        ("Payment is due 2/15.", TUESDAY, [("2/15", "2013-02-15")]),
        # relative offsets
        ("It ends three weeks hence, or 2 sundays from now.", TUESDAY,
         [("three weeks hence", "2013-W10"), ("2 sundays from now", "2013-02-24")]),
        ("Rent is due on the 20th of next month.", TUESDAY, [("20th of next month", "2013-03-20")]),
        # compounds read as one date
        ("Profit in the 4th quarter 2018 rose.", TUESDAY, [("4th quarter 2018", "2018-Q4")]),
        ("They meet on Wednesday of next week.", TUESDAY, [("Wednesday of next week", "2013-02-20")]),
        ("The vote is on Tuesday the 19th.", TUESDAY, [("Tuesday the 19th", "2013-02-19")]),
        ("Come on thursday 23.11 at noon.", dt.date(2017, 11, 17), [("thursday 23.11", "2017-11-23")]),
        ("Clocks change on the last Sunday of March 2014.", TUESDAY, [("last Sunday of March 2014", "2014-03-30")]),
        ("The summit ends Friday, Feb. 15, in Rome.", TUESDAY, [("Friday", "2013-02-15"), ("Feb. 15", "2013-02-15")]),
        # issue 7 forms in wire copy
        ("Sales rose in the year, and full year results come later.", dt.date(1987, 3, 3),
         [("the year", "1987"), ("full year", "1987")]),
        ("It earned 5 dlrs a share a year ago and plans a rise in March last year terms.", dt.date(1987, 3, 3),
         [("a year ago", "1986"), ("March last year", "1986-03")]),
        ("The 1986/87 crop and the fiscal 1987/88 budget were cut.", dt.date(1987, 3, 3),
         [("1986/87", "1986"), ("fiscal 1987/88", "1988")]),
        ("Shipments in Feb-June fell.", dt.date(1987, 7, 3), [("Feb", "1987-02"), ("June", "1987-06")]),
        ("Friday 27 people were hurt.", TUESDAY, [("Friday", "2013-02-08")]),  # a count after the weekday
        ("Bills fall due on the last day of October 2015 and the first day of next month.", TUESDAY,
         [("the last day of October 2015", "2015-10-31"), ("the first day of next month", "2013-03-01")]),
        ("The vote moved to Friday after next.", TUESDAY, [("Friday after next", "2013-02-22")]),
        ("Talks resume Thu; he sat in the sun on Wed.", TUESDAY, [("Thu", "2013-02-14")]),  # 'Wed' alone is a verb too
        ("Stocks in the week ended February 22 rose; the week was calm.", dt.date(1987, 2, 27),
         [("February 22", "1987-02-22"), ("the week", "1987-W09")]),
        ("Pay rose between the third and fourth quarters of 1987 and on 16-18 December.", dt.date(1987, 6, 29),
         [("the third", "1987-Q3"), ("fourth quarters of 1987", "1987-Q4"), ("16", "1986-12-16"),
          ("18 December", "1986-12-18")]),  # past tense: the December before
        # split years: the start year, a fiscal or financial one its end year (ANNOTATION.md, Settled cases)
        ("The 2030-31 plan and the 2029-30 results were tabled.", dt.date(2030, 6, 1),
         [("2030-31", "2030"), ("2029-30", "2029")]),
        ("The 2030-31 financial year starts soon; spending in fiscal 2029-30 fell.", dt.date(2030, 6, 1),
         [("The 2030-31 financial year", "2031"), ("fiscal 2029-30", "2030")]),
        # a relative year before its month is one date; a figure before a singular relative unit counts
        # something else ("turns 75 next year"), a count before a plural one makes a span of time
        ("He turns 75 next year February; I am 75 next year, after two upcoming weeks.", dt.date(2025, 5, 23),
         [("next year February", "2026-02"), ("next year", "2026")]),
        ("The 2022 budget was approved.", dt.date(2022, 8, 12), [("2022", "2022")]),
        # a budget named by its year ("state Budget 2023"); a budget of 2000 dollars is money
        ("The state Budget 2023 was laid today; a budget 2000 dollars short.", dt.date(2023, 2, 3),
         [("2023", "2023"), ("today", "2023-02-03")]),
        # the fiscal year just completed is dated by its end; "the past year" alone is a span of time
        ("Reserves stay as in the past fiscal year, as over the past year.", dt.date(2021, 8, 13),
         [("the past fiscal year", "2021")]),
        # fiscal-year codes are fiscal years, dated by their end
        ("The FY2024/25 budget beats FY2023/24; FY24, FY2025 and FY 2026-27 follow.", dt.date(2024, 3, 1),
         [("FY2024/25", "2025"), ("FY2023/24", "2024"), ("FY24", "2024"), ("FY2025", "2025"), ("FY 2026-27", "2027")]),
        # two glued years before a noun of a period are one split year; the upcoming fiscal year is no date
        ("The 2024-2025 Budget and the 2024/2025 season start; the upcoming fiscal year looks hard.", dt.date(2024, 6, 1),
         [("2024-2025", "2024"), ("2024/2025", "2024")]),
        # a split year the story calls fiscal is that fiscal year everywhere; another premodifying a noun is not
        ("The 2022-23 financial year ends; the 2023-24 budget is due, like the 2022-23 outturn.", dt.date(2023, 2, 1),
         [("The 2022-23 financial year", "2023"), ("2023-24", "2023"), ("2022-23", "2023")]),
        ("Profit of the 1986/87 financial year rose; in 1985/86 it fell.", dt.date(1987, 3, 1),
         [("the 1986/87 financial year", "1987"), ("1985/86", "1986")]),
        ("Costs in 2013-2014 rose; the 2028-2029 fiscal year looks better.", dt.date(2030, 6, 1),
         [("2013", "2013"), ("2014", "2014"), ("the 2028-2029 fiscal year", "2029")]),  # a range; a fiscal year
        ("The council met in 2011-12 and again in 2013-02.", dt.date(2014, 1, 1),
         [("2011-12", "2011"), ("2013-02", "2013-02")]),  # a year and its successor: a split year
        # "financial year" as a relative unit like "fiscal year"
        ("Exports grew over the last financial year.", dt.date(2030, 6, 1), [("last financial year", "2029")]),
        # a following possessive stays out of the span
        ("Bidders waited for the next week's tender and last year's figures.", dt.date(2030, 6, 4),
         [("next week", "2030-W24"), ("last year", "2029")]),
        # "the day" pointing at the story's day; idioms and generic uses are no dates
        ("Bonds slipped earlier in the day but the desk saved the day.", dt.date(2030, 6, 4),
         [("the day", "2030-06-04")]),
        ("The closing price for the day was firm.", dt.date(2030, 6, 4), []),
        # a weekday opening a name ("the Sunday Times") is no date; a weekday before a name still is
        ("A poll in the Sunday Herald agreed, and on Sunday Ministers met.", TUESDAY, [("Sunday", "2013-02-10")]),
        # "full-year" as a compound modifier is no date ("full year" alone still is)
        ("It is the first full-year plan of the new council.", dt.date(2030, 6, 4), []),
    ],
)  # fmt: skip
def test_sentences(nlp, text, reference, expected):
    assert dates_in(nlp, text, reference) == expected


def dates_with_published(nlp, text: str, published: dt.date) -> list[tuple[str, str | None]]:
    """Like dates_in, with the story's date set on the doc before the components run."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(m.text, m.value) for m in (date_from_span(span, published) for span in doc.spans["dates"]) if m]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # set off by a comma, a weekday is a date of its own; it is the day beside it when the two agree
        ("The summit ends Friday, Feb. 15, in Rome.", TUESDAY, [("Friday", "2013-02-15"), ("Feb. 15", "2013-02-15")]),
        ("It took effect Friday, 27 May 2022.", TUESDAY, [("Friday", "2022-05-27"), ("27 May 2022", "2022-05-27")]),
        ("It was said Thursday, 26th May 2022.", None, [("Thursday", None), ("26th May 2022", "2022-05-26")]),
        # the weekday is not the date's (Feb. 15 2013 was a Friday): two dates, each resolved on its own
        # (the blank pipeline tags no tense, so a bare weekday is the next one)
        ("Talks ran late Thursday, Feb. 15, in Rome.", TUESDAY, [("Thursday", "2013-02-14"), ("Feb. 15", "2013-02-15")]),
        ("Talks ran until Feb. 15, Wednesday, in Rome.", TUESDAY, [("Feb. 15", "2013-02-15"), ("Wednesday", "2013-02-13")]),
        # a day without its year takes the nearest one (ANNOTATION.md), whatever weekday stands beside it
        ("The fair opens Fri, Jul 18, in Rome.", TUESDAY, [("Fri", "2013-02-15"), ("Jul 18", "2013-07-18")]),
    ],
)  # fmt: skip
def test_a_weekday_that_contradicts_its_date_is_a_date_of_its_own(nlp, text, published, expected):
    assert dates_with_published(nlp, text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The index closed at 16.12, up 12.5 points.",  # an index level is no date
        "Trading starts at 10.30 a.m. and ends at 16:30.",  # clock times
        "The stock rose 3/8 to 24-5/8.",  # fractions in market copy
        "Two-thirds, or 2/3 of the board, agreed.",
        "The game ended 2-15 and the series 3-1.",  # scores and ranges
        "Growth is seen in the coming year and the year ahead.",  # spans of time (ANNOTATION.md)
        "It was the 22nd straight gain.",
    ],
)
def test_not_dates(nlp, text):
    assert dates_in(nlp, text, TUESDAY) == []


def test_dateline_date_under_a_headline_is_a_date_and_the_reference():
    from wirefacts.extract import make_doc
    from wirefacts.records import build_record
    from wirefacts.schema import StoryInput

    nlp = build_blank_pipeline()
    text = "ACME CUTS PAYOUT\n    CHICAGO, March 3 - Acme Corp said on Monday that sales fell last year.\n Reuter\n"
    record = build_record(nlp(make_doc(nlp, StoryInput(id="t", text=text, published=None))))
    assert record.dateline is not None and record.dateline.date is not None
    reference = dt.date.fromisoformat(record.dateline.date)
    assert [(d.text, d.value) for d in record.dates] == [
        ("March 3", reference.isoformat()),
        ("Monday", (reference - dt.timedelta(days=reference.weekday() % 7)).isoformat()),  # the lead's day may be the dateline's
        ("last year", str(reference.year - 1)),
    ]


def test_headline_dates_in_capitals(nlp):
    text = "ACME SEES 4TH QTR LOSS THIS YEAR\n    CHICAGO, March 3 - Acme Corp said."
    assert dates_in(nlp, text, dt.date(1987, 3, 3)) == [
        ("4TH QTR", "1986-Q4"),
        ("THIS YEAR", "1987"),
        ("March 3", "1987-03-03"),
    ]


# ---------------------------------------------------------------------------------------------
# A day counted in a month or a year is a date; a week so counted is a part of its period, like "the last
# three months of 2004" (ANNOTATION.md, Settled cases): only the period is a date


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("The fund closes on the fifth last day of May.", TUESDAY, [("the fifth last day of May", "2013-05-27")]),
        ("Rent is due the first day of next month.", TUESDAY, [("the first day of next month", "2013-03-01")]),
        ("Fees fall on the last day of 2014.", TUESDAY, [("the last day of 2014", "2014-12-31")]),
        ("Talks run into the last week of March.", TUESDAY, [("March", "2013-03")]),  # not 'last week'
        ("Orders slow in the third last week of 2018.", TUESDAY, [("2018", "2018")]),
        ("Bills are sent the 2nd last week of October 2018.", TUESDAY, [("October 2018", "2018-10")]),
        ("Audits start in the first week of next month.", TUESDAY, [("next month", "2013-03")]),
        ("The last week of trading was quiet.", TUESDAY, []),  # the final week, not 'last week'
        ("Sales peaked in last week of September 2014.", TUESDAY, [("September 2014", "2014-09")]),
        ("He was in Paris last week in talks.", TUESDAY, [("last week", "2013-W06")]),
        ("He spoke on the first day of his trial.", TUESDAY, []),  # no month or year: not this form
    ],
)  # fmt: skip
def test_counted_days_and_weeks_of_a_period(nlp, text, reference, expected):
    assert dates_in(nlp, text, reference) == expected


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]  # fmt: skip


@given(year=st.integers(1950, 2049), month=st.integers(1, 12), nth=st.integers(1, 5))
def test_the_nth_last_day_of_a_month_counts_back_from_its_end(year, month, nth):
    period = f"{MONTH_NAMES[month - 1]} {year}"
    nth_word = ["", "second", "third", "fourth", "fifth"][nth - 1]
    text = f"the {nth_word} last day of {period}".replace("  ", " ")
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    assert resolve_date_text(text, None).value == (next_month - dt.timedelta(days=nth)).isoformat()


# ---------------------------------------------------------------------------------------------
# A date moved from another ("three days after Easter")


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Shops reopen three days after Easter.", TUESDAY, [("three days after Easter", "2013-04-03")]),
        ("The rebate ends a year from Christmas.", TUESDAY, [("a year from Christmas", "2013-12-25")]),
        ("Stores reopen the day after Christmas.", TUESDAY, [("the day after Christmas", "2012-12-26")]),
        ("The court sits on the third Tuesday after Christmas 2014.", TUESDAY,
         [("the third Tuesday after Christmas 2014", "2015-01-13")]),
        ("Bids are due 30 days after March 1.", TUESDAY, [("30 days after March 1", "2013-03-31")]),
        ("He was freed in the week before March 3.", TUESDAY, [("the week before March 3", "2013-W08")]),
        ("The law took effect two years after 1995.", TUESDAY, [("two years after 1995", "1997")]),
        # a span of time, not a moved date; a unit finer than its date moves nothing
        ("Sales rose 8 pct in the two weeks before Christmas.", TUESDAY, [("Christmas", "2012-12-25")]),
        ("Rain fell two weeks after March.", TUESDAY, [("March", "2012-03")]),
        ("Output grew 3 pct a year from 1986 to 1990.", TUESDAY, [("1986", "1986"), ("1990", "1990")]),  # a rate
        ("Quotas hold for 12 months from April 1.", TUESDAY, [("April 1", "2013-04-01")]),  # a span of time
        # a weekday without 'the' or a count is a date of its own
        ("Trade resumes on Tuesday after Monday's holiday.", TUESDAY, [("Tuesday", "2013-02-12"), ("Monday", "2013-02-11")]),
        ("Sales soared during the week before Christmas.", TUESDAY, [("the week before Christmas", "2012-W51")]),
    ],
)  # fmt: skip
def test_dates_moved_from_another(nlp, text, reference, expected):
    assert dates_in(nlp, text, reference) == expected


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(day=any_day, count=st.integers(1, 99), weekday=st.integers(0, 6))
def test_moved_dates_count_from_the_written_day(day, count, weekday):
    written = f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
    assert resolve_date_text(f"{count} days after {written}", None).value == (day + dt.timedelta(days=count)).isoformat()
    assert resolve_date_text(f"{count} days before {written}", None).value == (day - dt.timedelta(days=count)).isoformat()
    assert resolve_date_text(f"the day after {written}", None).value == (day + dt.timedelta(days=1)).isoformat()
    after = dt.date.fromisoformat(resolve_date_text(f"the {WEEKDAY_NAMES[weekday]} after {written}", None).value)
    before = dt.date.fromisoformat(resolve_date_text(f"the {WEEKDAY_NAMES[weekday]} before {written}", None).value)
    assert after.weekday() == before.weekday() == weekday
    assert 1 <= (after - day).days <= 7 and 1 <= (day - before).days <= 7


# ---------------------------------------------------------------------------------------------
# "the following week": after the date in focus, else after the reference


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Talks resume the following week.", TUESDAY, [("the following week", "2013-W08")]),
        ("He became a general on May 22, 1995, and the following year an attache.", TUESDAY,
         [("May 22, 1995", "1995-05-22"), ("the following year", "1996")]),
        ("Bids closed on Jan 30. The following month the firm was sold.", TUESDAY,
         [("Jan 30", "2013-01-30"), ("The following month", "2013-02")]),
        ("The talks end on Feb 20 and resume on the following Friday.", TUESDAY,
         [("Feb 20", "2013-02-20"), ("the following Friday", "2013-02-22")]),
        ("Profit rose in 1986 and the following week it fell.", TUESDAY,  # a year puts no week in focus
         [("1986", "1986"), ("the following week", "2013-W08")]),
        ("Shares fell in the week following the vote.", TUESDAY, []),  # a week counted from an event
    ],
)  # fmt: skip
def test_the_following_unit_counts_from_the_date_in_focus(nlp, text, reference, expected):
    assert dates_in(nlp, text, reference) == expected


# ---------------------------------------------------------------------------------------------
# The DATE_ORDER decisions (models/gazetteers/date_orders.tsv)


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("08/10/2017", TUESDAY, "2017-08-10"),  # slash: month first
        ("31/10/2017", TUESDAY, "2017-10-31"),  # ... unless the month cannot be 31
        ("08.10.2017", TUESDAY, "2017-10-08"),  # dot: day first
        ("10.31.1974", TUESDAY, "1974-10-31"),  # ... unless the month cannot be 31
        ("08-10-2017", TUESDAY, "2017-10-08"),  # dash: day first
        ("10-31-74", TUESDAY, "1974-10-31"),
        ("2022/30/11", TUESDAY, "2022-11-30"),  # a four-figure first part is the year
        ("16-04-19", dt.date(2016, 4, 12), "2016-04-19"),  # two-figure year first: nearer the reference
        ("09-10-16", dt.date(2016, 10, 7), "2016-10-09"),  # two-figure year last: nearer the reference
        ("5/8", TUESDAY, "2013-05-08"),
        ("13.01", dt.date(2017, 12, 18), "2018-01-13"),
        ("2/2013", TUESDAY, "2013-02"),
        ("2009/10", TUESDAY, "2009"),  # a split season, not October 2009
    ],
)
def test_date_order(text, reference, value):
    resolved = resolve_date_text(text, reference)
    assert resolved is not None and resolved.value == value


def test_date_orders_cover_the_separators():
    assert date_orders() == {"/": ("MDY", "DMY"), ".": ("DMY", "MDY"), "-": ("DMY", "MDY")}


# ---------------------------------------------------------------------------------------------
# The holiday table


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        ("12-25", 2020, dt.date(2020, 12, 25)),
        ("10-16 sat-1 sun+1", 2016, dt.date(2016, 10, 17)),  # a Sunday moves to Monday
        ("10-16 sat-1 sun+1", 2021, dt.date(2021, 10, 15)),  # a Saturday moves to Friday
        ("4 thu 11", 2013, dt.date(2013, 11, 28)),
        ("-1 mon 5", 2024, dt.date(2024, 5, 27)),
        ("4 thu 11 +1", 2017, dt.date(2017, 11, 24)),
        ("easter-2", 2013, dt.date(2013, 3, 29)),
        ("orthodox_easter", 2018, dt.date(2018, 4, 8)),
        ("chinese:lunar_new_year_date", 2014, dt.date(2014, 1, 31)),
    ],
)
def test_holiday_rules(rule, year, day):
    assert parse_rule(rule)(year) == day


@pytest.mark.parametrize("rule", ["25-12", "5 thu", "easter+", "moon:full", ""])
def test_unknown_holiday_rules_are_refused(rule):
    assert parse_rule(rule) is None


def test_every_holiday_in_the_table_has_a_day_in_2020():
    missing = sorted({holiday.key for holiday in holiday_table().values() if holiday.date_in(2020) is None})
    assert missing == [] or all(":" in key for key in missing)  # only a lunisolar table may lack a year


def test_holidays_outside_a_calendar_are_none():
    assert holiday_date("diwali", 1200) is None
    assert holiday_date("no such day", 2020) is None


def test_nth_weekday_of_month():
    assert nth_weekday_of_month(2013, 10, 1, 1) == dt.date(2013, 10, 1)
    assert nth_weekday_of_month(2013, 2, 0, 5) is None  # February 2013 has four Mondays


def test_row_errors_name_file_and_line():
    error = row_error("gazetteers/holidays.tsv", "christmas", "unknown rule")
    assert isinstance(error, ResourceError)
    assert re.match(r"models/gazetteers/holidays\.tsv:\d+: 'christmas': unknown rule", str(error))
    assert not str(error).startswith("models/gazetteers/holidays.tsv:0:")


# ---------------------------------------------------------------------------------------------
# The peers' own cases, read at test time (never copied into the repository)


def _peer_lines(name: str) -> list[dict]:
    path = PEER_TESTS / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _duckling_holidays_with_a_year() -> list[tuple[str, str, str]]:
    """Duckling day cases that name a holiday of our table with a rule of our own (not a lunisolar table)
    and a four-figure year: their value depends on no convention of direction."""
    names = {name for name, holiday in holiday_table().items() if ":" not in holiday.key}
    cases = []
    for case in _peer_lines("duckling/duckling_en_cases.jsonl"):
        expected = case.get("expected") or {}
        text = case["text"].lower()
        if expected.get("grain") != "Day" or not re.fullmatch(r"[a-z' .]+ (19|20)\d\d", text):
            continue
        if text.rsplit(" ", 1)[0] in names:
            cases.append((case["id"], case["text"], expected["value"][:10]))
    return cases


def _ctparse_unambiguous_figures() -> list[tuple[str, str, str, str]]:
    """ctparse's English all-figure dates with a four-figure year whose day cannot be a month (> 12)."""
    cases = []
    for case in _peer_lines("ctparse/ctparse_time_cases.jsonl"):
        match = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})", case["text"].strip())
        gold = re.search(r"\{(\d{4}-\d{2}-\d{2})", case.get("gold_parse") or "")
        if match and gold and max(int(match[1]), int(match[3])) > 12:
            cases.append((case["id"], case["text"].strip(), case["ref_time"][:10], gold[1]))
    return cases


DUCKLING_HOLIDAYS = _duckling_holidays_with_a_year()
CTPARSE_FIGURES = _ctparse_unambiguous_figures()


@pytest.mark.skipif(not DUCKLING_HOLIDAYS, reason="peer_tests corpus not available")
@pytest.mark.parametrize(("case_id", "text", "value"), DUCKLING_HOLIDAYS or [("-", "-", "-")])
def test_duckling_holidays_with_a_year(case_id, text, value):
    resolved = resolve_date_text(text, TUESDAY)
    assert resolved is not None and resolved.value == value, case_id


@pytest.mark.skipif(not CTPARSE_FIGURES, reason="peer_tests corpus not available")
@pytest.mark.parametrize(("case_id", "text", "reference", "value"), CTPARSE_FIGURES or [("-", "-", "2000-01-01", "-")])
def test_ctparse_unambiguous_figures(case_id, text, reference, value):
    resolved = resolve_date_text(text, dt.date.fromisoformat(reference))
    assert resolved is not None and resolved.value == value, case_id


# ---------------------------------------------------------------------------------------------
# Properties



@given(day=any_day, separator=st.sampled_from(["/", ".", "-"]))
def test_figures_written_in_the_separators_order_round_trip(day, separator):
    order = date_orders()[separator][0]
    fields = {"D": str(day.day), "M": str(day.month), "Y": str(day.year)}
    text = separator.join(fields[part] for part in order)
    assert resolve_date_text(text, None).value == day.isoformat()


@given(day=st.dates(min_value=dt.date(1951, 1, 1), max_value=dt.date(2049, 12, 31)), separator=st.sampled_from("/.-"))
def test_two_figure_years_round_trip_near_the_reference(day, separator):
    order = date_orders()[separator][0]
    fields = {"D": f"{day.day:02d}", "M": f"{day.month:02d}", "Y": f"{day.year % 100:02d}"}
    text = separator.join(fields[part] for part in order)
    assert resolve_date_text(text, day).value == day.isoformat()


@given(day=any_day)
def test_iso_figures_round_trip(day):
    assert resolve_date_text(f"{day.year}-{day.month}-{day.day}", None).value == day.isoformat()
    assert resolve_date_text(f"{day.year}/{day.month:02d}/{day.day:02d}", None).value == day.isoformat()


@given(
    text=st.text(alphabet=st.sampled_from("0123456789/.-, :()thsrdnaoMTFWSJDe"), max_size=24),
    reference=st.none() | any_day,
)
def test_figure_like_text_never_raises(text, reference):
    resolve_date_text(text, reference)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            ["on", "the", "Monday", "Fri", "3/8", "16.12", "2/15", "26.10.2017", "Christmas", "Easter", "Monday",
             "of", "next", "week", "2013", "3rd", "quarter", "qtr", "-", ",", "(", ")", "12.", "hence", "ago",
             "three", "sundays", "from", "now", "March", "last", "year", "1986/87", "fiscal", "Thanksgiving"]
        ),
        max_size=14,
    )
)  # fmt: skip
def test_date_word_soup_gives_spans_inside_the_text(words):
    nlp = _blank()
    text = " ".join(words)
    doc = nlp(text)
    for span in doc.spans["dates"]:
        mention = date_from_span(span, TUESDAY)
        assert mention is not None
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


_BLANK = []


def _blank():
    if not _BLANK:
        _BLANK.append(build_blank_pipeline())
    return _BLANK[0]
