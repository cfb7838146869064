"""The dates stage: span finding on the blank pipeline (rules only), the resolver, and its properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirefacts.components.dates import DateFinder, make_dates
from wirefacts.dates import ResolvedDate, date_from_span, resolve_date_text
from wirefacts.extract import text_for_nlp
from wirefacts.nlp import build_blank_pipeline
from wirefacts.schema import DateMention

MONDAY = dt.date(2025, 1, 13)  # a Monday, the reference of ANNOTATION.md's worked example


@pytest.fixture(scope="module")
def nlp():
    return build_blank_pipeline()


def found(nlp, text: str, reference: dt.date | None) -> list[tuple[str, str | None, str]]:
    doc = nlp(text_for_nlp(text))  # as extraction reads a story: wrapped lines joined, offsets unchanged
    mentions = [date_from_span(span, reference) for span in doc.spans["dates"]]
    for mention in mentions:
        assert doc.text[mention.start : mention.end] == mention.text
    return [(text[m.start : m.end], m.value, m.granularity) for m in mentions]


# ---------------------------------------------------------------------------------------------
# Sentences through the blank pipeline


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "Seoul, Jan 13: South Korea's industry ministry on Monday said it will fund projects this year.",
            MONDAY,
            [("Jan 13", "2025-01-13", "day"), ("Monday", "2025-01-13", "day"), ("this year", "2025", "year")],
        ),
        (
            "The foundation, set up in 2001, has backed 16 projects since 2022. Last year it spent more.",
            MONDAY,
            [("2001", "2001", "year"), ("2022", "2022", "year"), ("Last year", "2024", "year")],
        ),
        (
            "NEW YORK, Feb 26 - Shell Oil said its 4TH QTR net fell from a year ago.",
            dt.date(1987, 2, 26),
            [("Feb 26", "1987-02-26", "day"), ("4TH QTR", "1986-Q4", "quarter"), ("a year ago", "1986", "year")],
        ),
        (
            "Sales in the first quarter of 1987 were flat from a year earlier.",
            dt.date(1987, 5, 4),
            [("first quarter of 1987", "1987-Q1", "quarter"), ("a year earlier", "1986", "year")],
        ),
        (
            "Money supply grew in the week ended February 22, the Fed said.",
            dt.date(1987, 2, 27),
            [("February 22", "1987-02-22", "day")],
        ),
        (
            "Output fell in late 1986 and is expected to recover by March.",
            dt.date(1987, 1, 20),
            [("1986", "1986", "year"), ("March", "1987-03", "month")],
        ),
        (
            "Shares rose yesterday, are flat today and may fall tomorrow.",
            MONDAY,
            [("yesterday", "2025-01-12", "day"), ("today", "2025-01-13", "day"), ("tomorrow", "2025-01-14", "day")],
        ),
        (
            "Prices rose earlier this month, after falling last week; talks resume next month.",
            MONDAY,
            [("this month", "2025-01", "month"), ("last week", "2025-W02", "week"),
             ("next month", "2025-02", "month")],
        ),  # fmt: skip
        (
            "The accord was signed on March 3, 1987 and the bank may review it in May.",
            dt.date(1987, 3, 10),
            [("March 3, 1987", "1987-03-03", "day"), ("May", "1987-05", "month")],
        ),
        (
            "Results for fiscal 1987 and the third quarter of next year are due on 1/13/2025.",
            dt.date(1987, 3, 10),
            [("fiscal 1987", "1987", "year"), ("third quarter of next year", "1988-Q3", "quarter"),
             ("1/13/2025", "2025-01-13", "day")],
        ),  # fmt: skip
        (
            "It has grown for three years, pays dividends annually and recently more than in the past two weeks.",
            MONDAY,
            [],
        ),
        ("In 2025-01-13 filings the 13 January 2025 date appears.", None,
         [("2025-01-13", "2025-01-13", "day"), ("13 January 2025", "2025-01-13", "day")]),  # fmt: skip
        (
            "The minister said on Friday that the plan will be voted on Wednesday.",
            MONDAY,
            [("Friday", "2025-01-10", "day"), ("Wednesday", "2025-01-15", "day")],
        ),
        ("The deal closed this week, the company said.", None, [("this week", None, "week")]),
        (
            "He will be in Peking from April 21 to 24 and again between May and June.",
            dt.date(1987, 4, 17),
            [("April 21", "1987-04-21", "day"), ("24", "1987-04-24", "day"), ("May", "1987-05", "month"),
             ("June", "1987-06", "month")],
        ),  # fmt: skip
        (
            "The minister said last night that talks resume tonight.",
            dt.date(1987, 3, 7),
            [("last night", "1987-03-06", "day"), ("tonight", "1987-03-07", "day")],
        ),
        (
            "Robusta for May delivery ended lower, and 1985's\nfourth quarter was weak.",
            dt.date(1987, 3, 4),
            [("May", "1987-05", "month"), ("1985's\nfourth quarter", "1985-Q4", "quarter")],
        ),
    ],
)
def test_sentences(nlp, text, reference, expected):
    assert found(nlp, text, reference) == expected


def test_spans_are_sorted_and_disjoint(nlp):
    doc = nlp("On Monday, Jan. 13, 2025, the first quarter of 2025 began; in March 1987 it fell, as since 1987.")
    spans = list(doc.spans["dates"])
    assert spans == sorted(spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert [s.text for s in spans] == ["Monday", "Jan. 13, 2025", "first quarter of 2025", "March 1987", "1987"]


def test_weekday_in_apposition_to_its_date_is_a_date_of_its_own(nlp):
    assert found(nlp, "The paper said in an editorial on Thursday, Jan. 6: it is time.", dt.date(2000, 1, 7)) == [
        ("Thursday", "2000-01-06", "day"),
        ("Jan. 6", "2000-01-06", "day"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The company may sell the unit.",  # the modal, not the month
        "About 2000 workers and 1999 dlrs.",  # counts, not years
        "The quarter-to-quarter comparison improved.",
        "The decade of the 1980s was hard.",
        "Rates were cut to 10 pct.",
    ],
)
def test_not_dates(nlp, text):
    assert found(nlp, text, MONDAY) == []


def test_component_serializes(tmp_path, nlp):
    finder = nlp.get_pipe("wirefacts_dates")
    assert isinstance(finder, DateFinder)
    finder.to_disk(tmp_path / "dates")
    fresh = make_dates(nlp, "wirefacts_dates").from_disk(tmp_path / "dates")
    assert fresh.patterns == finder.patterns
    doc = nlp.make_doc("Profit rose in the fourth quarter of 1986 and in May.")
    assert [s.text for s in fresh(doc).spans["dates"]] == ["fourth quarter of 1986", "May"]


# ---------------------------------------------------------------------------------------------
# The resolver, form by form


@pytest.mark.parametrize(
    ("text", "reference", "tense", "value", "granularity"),
    [
        ("today", MONDAY, None, "2025-01-13", "day"),
        ("yesterday", dt.date(2025, 1, 1), None, "2024-12-31", "day"),
        ("tomorrow", dt.date(2024, 2, 28), None, "2024-02-29", "day"),
        ("this week", MONDAY, None, "2025-W03", "week"),
        ("last week", dt.date(2021, 1, 4), None, "2020-W53", "week"),
        ("next week", MONDAY, None, "2025-W04", "week"),
        ("this month", MONDAY, None, "2025-01", "month"),
        ("last month", MONDAY, None, "2024-12", "month"),
        ("next month", dt.date(2024, 12, 31), None, "2025-01", "month"),
        ("this quarter", MONDAY, None, "2025-Q1", "quarter"),
        ("last quarter", MONDAY, None, "2024-Q4", "quarter"),
        ("the current quarter", dt.date(1989, 10, 26), None, "1989-Q4", "quarter"),
        ("next quarter", dt.date(2025, 11, 2), None, "2026-Q1", "quarter"),
        ("this year", MONDAY, None, "2025", "year"),
        ("last year", MONDAY, None, "2024", "year"),
        ("next year", MONDAY, None, "2026", "year"),
        ("early next year", MONDAY, None, "2026", "year"),
        ("later this year", MONDAY, None, "2025", "year"),
        ("three years ago", MONDAY, None, "2022", "year"),
        ("two weeks ago", MONDAY, None, "2025-W01", "week"),
        ("six months ago", MONDAY, None, "2024-07", "month"),
        ("10 days ago", MONDAY, None, "2025-01-03", "day"),
        ("Monday", MONDAY, None, "2025-01-13", "day"),
        ("Friday", MONDAY, None, "2025-01-10", "day"),  # nearest: three days back
        ("Wednesday", MONDAY, None, "2025-01-15", "day"),  # nearest: two days ahead
        ("Wednesday", MONDAY, "past", "2025-01-08", "day"),
        ("Friday", MONDAY, "future", "2025-01-17", "day"),
        ("Monday", MONDAY, "past", "2025-01-13", "day"),
        ("last Monday", MONDAY, None, "2025-01-06", "day"),
        ("next Monday", MONDAY, None, "2025-01-20", "day"),
        ("this Friday", MONDAY, "past", "2025-01-17", "day"),
        ("Tuesday night", MONDAY, "past", "2025-01-07", "day"),
        ("Jan 13", MONDAY, None, "2025-01-13", "day"),
        ("Dec. 30", MONDAY, None, "2024-12-30", "day"),  # the nearest year
        ("Aug. 6", dt.date(1998, 2, 6), "past", "1997-08-06", "day"),
        ("Nov. 9", dt.date(1989, 10, 26), "past", "1989-11-09", "day"),  # near: tense does not flip it
        ("last Oct. 23", dt.date(1999, 4, 19), None, "1998-10-23", "day"),
        ("Sept. 30, 1989", None, None, "1989-09-30", "day"),
        ("13th of January 2025", None, None, "2025-01-13", "day"),
        ("Feb. 29", dt.date(2024, 3, 5), None, "2024-02-29", "day"),
        ("March", dt.date(1987, 4, 10), None, "1987-03", "month"),
        ("December", dt.date(1998, 1, 8), "past", "1997-12", "month"),
        ("June", dt.date(1998, 1, 8), "future", "1998-06", "month"),
        ("last May", MONDAY, None, "2024-05", "month"),
        ("next March", MONDAY, None, "2025-03", "month"),
        ("January this year", MONDAY, None, "2025-01", "month"),
        ("July last year", MONDAY, None, "2024-07", "month"),
        ("mid-March", MONDAY, "future", "2025-03", "month"),
        ("March 1987", None, None, "1987-03", "month"),
        ("March '87", None, None, "1987-03", "month"),
        ("the first quarter", MONDAY, None, "2025-Q1", "quarter"),
        ("third-quarter", dt.date(1989, 10, 26), None, "1989-Q3", "quarter"),
        ("third-quarter", dt.date(1989, 10, 26), "future", "1989-Q3", "quarter"),  # reported weeks later
        ("first quarter", dt.date(1989, 10, 26), "future", "1990-Q1", "quarter"),
        ("4TH QTR", dt.date(1987, 3, 2), None, "1986-Q4", "quarter"),
        ("1st-qtr", dt.date(1987, 5, 2), None, "1987-Q1", "quarter"),
        ("the fourth quarter of 1986", None, None, "1986-Q4", "quarter"),
        ("the third quarter of fiscal 1988", None, None, "1988-Q3", "quarter"),
        ("1988 second quarter", None, None, "1988-Q2", "quarter"),
        ("this year's third quarter", MONDAY, None, "2025-Q3", "quarter"),
        ("Q3 2024", None, None, "2024-Q3", "quarter"),
        ("1Q87", None, None, "1987-Q1", "quarter"),
        ("the latest quarter", dt.date(1989, 10, 26), None, "1989-Q3", "quarter"),
        ("the year-ago quarter", dt.date(1989, 10, 26), None, "1988-Q3", "quarter"),
        ("the year-ago third quarter", dt.date(1989, 10, 26), None, "1988-Q3", "quarter"),
        ("a year ago", MONDAY, None, "2024", "year"),
        ("2001", None, None, "2001", "year"),
        ("since 2022", None, None, "2022", "year"),
        ("late 1986", None, None, "1986", "year"),
        ("mid-1996", None, None, "1996", "year"),
        ("fiscal 1987", None, None, "1987", "year"),
        ("the 1987 fiscal year", None, None, "1987", "year"),
        ("year-end", MONDAY, None, "2025", "year"),
        ("the week of March 6", dt.date(2000, 2, 24), None, "2000-W10", "week"),
        ("2025-01-13", None, None, "2025-01-13", "day"),
        ("2025-01", None, None, "2025-01", "month"),
        ("1/13/2025", None, None, "2025-01-13", "day"),
    ],
)
def test_resolver(text, reference, tense, value, granularity):
    resolved = resolve_date_text(text, reference, tense)
    assert resolved is not None
    assert (resolved.value, resolved.granularity) == (value, granularity)


@pytest.mark.parametrize(
    ("text", "granularity"),
    [("today", "day"), ("Monday", "day"), ("Jan 13", "day"), ("last year", "year"), ("March", "month"),
     ("the third quarter", "quarter"), ("next week", "week")],
)  # fmt: skip
def test_relative_forms_need_a_reference(text, granularity):
    assert resolve_date_text(text, None) == ResolvedDate(None, granularity)


@pytest.mark.parametrize(
    "text",
    ["three years", "the past two weeks", "annually", "recently", "now", "currently", "the 1980s",
     "the past year", "every Monday", "Feb. 30", "Jan 45", "", "   ", "quarterly"],
)  # fmt: skip
def test_not_calendar_expressions(text):
    assert resolve_date_text(text, MONDAY) is None


# ---------------------------------------------------------------------------------------------
# Properties

any_day = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
DAY_FORMATS = ("{b} {d}, {y}", "{B} {d}, {y}", "{d} {B} {y}", "{B} {d} {y}", "{iso}", "{m}/{d}/{y}")


@given(day=any_day, form=st.sampled_from(DAY_FORMATS))
def test_written_days_round_trip(day, form):
    month_name = day.strftime("%B")
    text = form.format(
        b=month_name[:3] + ".", B=month_name, d=day.day, y=day.year, iso=day.isoformat(), m=day.month
    )
    assert resolve_date_text(text, None) == ResolvedDate(day.isoformat(), "day")


@given(day=any_day)
def test_written_months_quarters_and_years_round_trip(day):
    quarter = (day.month - 1) // 3 + 1
    ordinal = ("first", "second", "third", "fourth")[quarter - 1]
    assert resolve_date_text(day.strftime("%B %Y"), None) == ResolvedDate(day.strftime("%Y-%m"), "month")
    assert resolve_date_text(f"the {ordinal} quarter of {day.year}", None) == ResolvedDate(
        f"{day.year}-Q{quarter}", "quarter"
    )
    assert resolve_date_text(f"in {day.year}", None) == ResolvedDate(str(day.year), "year")


@given(text=st.text(max_size=60), reference=st.none() | any_day, tense=st.sampled_from([None, "past", "future"]))
def test_any_text_resolves_or_not_without_error(text, reference, tense):
    resolved = resolve_date_text(text, reference, tense)
    if resolved is not None:
        DateMention(start=0, end=len(text), text=text, value=resolved.value, granularity=resolved.granularity)


RELATIVE_FORMS = (
    "today", "yesterday", "tomorrow", "this week", "last week", "next week", "this month", "last month",
    "next month", "this quarter", "last quarter", "next quarter", "this year", "last year", "next year",
    "Monday", "Thursday", "Sunday", "last Friday", "next Tuesday", "March", "last May", "next December",
    "Jan 13", "Dec. 31", "the third quarter", "first-quarter", "two years ago", "a week ago", "three months ago",
)  # fmt: skip


def _start_of(value: str) -> dt.date:
    if "-W" in value:
        return dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
    if "-Q" in value:
        return dt.date(int(value[:4]), int(value[-1]) * 3 - 2, 1)
    parts = [int(part) for part in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@given(
    text=st.sampled_from(RELATIVE_FORMS),
    reference=st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)),
    tense=st.sampled_from([None, "past", "future"]),
)
def test_relative_forms_stay_near_the_reference(text, reference, tense):
    resolved = resolve_date_text(text, reference, tense)
    assert resolved is not None and resolved.value is not None
    assert abs((_start_of(resolved.value) - reference).days) <= 3 * 366


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=120))
def test_pipeline_never_fails_and_offsets_hold(nlp, text):
    doc = nlp(text)
    for span in doc.spans["dates"]:
        mention = date_from_span(span, MONDAY)
        assert mention is not None
        assert text[mention.start : mention.end] == mention.text


# ---------------------------------------------------------------------------------------------
# With the statistical model: the NER's DATE entities are filtered by the same grammar


@pytest.mark.slow
def test_ner_dates_are_filtered():
    from wirefacts.nlp import build_pipeline

    nlp = build_pipeline()
    text = "Profit rose 5 pct annually for three years, and in late 1986 it doubled, unlike the 1980s."
    doc = nlp(text)
    assert [span.text for span in doc.spans["dates"]] == ["1986"]  # qualifiers stay out (ANNOTATION.md)


@pytest.mark.parametrize(
    ("text", "value"), [("Sepember 1987", "1987-09"), ("Sepember 3", "1987-09-03"), ("the week of Sepember 3", "1987-W36")]
)
def test_misspelled_month_that_the_pattern_accepts_resolves(text, value):
    # Reuters-21578 has "Sepember": the month regex takes it, so the resolver must too (it used to raise)
    resolved = resolve_date_text(text, dt.date(1987, 10, 1))
    assert resolved is not None and resolved.value == value
