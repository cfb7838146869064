"""Datelines of the big agencies and outlets, and the year of a dateline date written without one."""

import datetime as dt

import pytest

from wirefacts.components.dateline import find_dateline, plausible_year, written_years

RUN_DAY = dt.date(2026, 11, 30)  # the day the tool runs: it must not decide a year the story itself gives


@pytest.mark.parametrize(
    ("text", "place", "date", "agency"),
    [
        pytest.param("NEW DELHI, Feb 3 (PTI) The ministry said on Friday it approved the 2023 plan.",
                     "NEW DELHI", "2023-02-03", "PTI", id="pti-no-separator"),
        pytest.param("Kochi (Kerala) [India], March 9 (ANI): The board on Thursday cleared the 2023-24 plan.",
                     "Kochi, Kerala, India", "2023-03-09", "ANI", id="ani-state-and-country"),
        pytest.param("KIGALI, June 15 (Reuters) - The minister said on Thursday that 2023 was hard.",
                     "KIGALI", "2023-06-15", "Reuters", id="reuters"),
        pytest.param("LAGOS, 3 February (NAN) \u2013 The bank on Friday said 2023 would be calmer.",
                     "LAGOS", "2023-02-03", "NAN", id="day-month-order"),
        pytest.param("Abuja, Jan. 11, 2024 (NAN) The ministry said.", "Abuja", "2024-01-11", "NAN", id="nan-with-year"),
        pytest.param("NAIROBI, (Xinhua) -- Officers said on Sunday.", "NAIROBI", None, "Xinhua", id="xinhua-no-date"),
        pytest.param("NAIROBI, Kenya, Jan 3, 2019 (KNA) \u2013 Farmers said.", "NAIROBI, Kenya", "2019-01-03", "KNA",
                     id="country-after-comma"),
        pytest.param("KUALA LUMPUR (June 11): Calls rose in 2017.", "KUALA LUMPUR", "2017-06-11", None,
                     id="date-in-brackets"),
        pytest.param("WASHINGTON (AP) \u2014 The agency said.", "WASHINGTON", None, "AP", id="ap"),
        pytest.param("LARI, Kenya (Reuters) - The leader said.", "LARI, Kenya", None, "Reuters", id="agency-not-a-qualifier"),
        pytest.param("Seoul, Jan 13, 2025: South Korea said.", "Seoul", "2025-01-13", None, id="ians-style"),
        pytest.param("SACRAMENTO, Calif. (CN) \u2013 The governor said.", "SACRAMENTO, Calif.", None, "CN",
                     id="unlisted-agency-ends-the-dateline"),
    ],
)
def test_agency_datelines(text, place, date, agency):
    dateline, found_agency = find_dateline(text, None, RUN_DAY)
    assert (dateline["place"], dateline["date"], found_agency) == (place, date, agency)
    assert text[dateline["start"] : dateline["end"]] == dateline["text"]


@pytest.mark.parametrize(
    "text",
    [
        "Key Points - none of this is a dateline.",
        "Apple (AAPL) Shares Rise on demand",  # a bracketed ticker is no agency
        "Budget (Draft) [Final] notes",
    ],
)
def test_not_datelines(text):
    assert find_dateline(text, None, RUN_DAY) is None


def test_published_date_decides_the_year():
    dateline, _ = find_dateline("TOKYO, Dec 30 - Shares fell in 2019.", dt.date(2001, 1, 2), RUN_DAY)
    assert dateline["date"] == "2000-12-30"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("the 2023/2024 fiscal year and FY2024/25", [2023, 2024]),
        ("Rs 2000 crore, $2020 and 12,2019 units in the 2022-23 year", [2022]),
        ("growth of 2019% by 2035 and in 2021", [2021]),  # 2035 is after the run year
    ],
)
def test_written_years(text, years):
    assert written_years(text, RUN_DAY.year) == years


@pytest.mark.parametrize(
    ("years", "weekday", "expected"),
    [
        ([2023], 3, dt.date(2023, 6, 15)),  # the story's year, a Thursday as the lead says
        ([2024, 2024], 3, dt.date(2023, 6, 15)),  # a budget for next year, written on a Thursday in 2023
        ([2021, 2022, 2022], None, dt.date(2022, 6, 15)),  # no weekday: the year written most often
        ([2022], 0, dt.date(2022, 6, 15)),  # no neighbour year gives a Monday: the anchor
        ([], None, dt.date(2026, 6, 15)),  # nothing in the story ties it: the run year, not in the future
    ],
)
def test_plausible_year(years, weekday, expected):
    assert plausible_year(6, 15, years, weekday, RUN_DAY) == expected
