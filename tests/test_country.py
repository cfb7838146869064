"""The story-country evidence function (pure Python, no model) and the country vocabulary behind it."""

from __future__ import annotations

import datetime as dt

import pytest

from wirefacts.country import as_of, countries_named, story_country
from wirefacts.lexicon import lexicon


@pytest.mark.parametrize(
    ("text", "dateline", "expected"),
    [
        pytest.param("The Finance Ministry said rates would stay.", "TOKYO", "JP", id="dateline-city"),
        pytest.param("The smelter said output rose.", "TRAIL, British Columbia", "CA", id="dateline-province"),
        pytest.param("The Home Office backed a UK referendum. British voters ...", None, "GB", id="named-most"),
        pytest.param("The Home Office said the plan was ready.", None, None, id="never-named"),
        pytest.param("France and Japan signed. French and Japanese firms ...", None, None, id="tie"),
        pytest.param("The Queensland Premier said the budget ...", None, "AU", id="province-names-country"),
    ],
)
def test_story_country(text, dateline, expected):
    assert story_country(text, dateline) == expected


def test_codes_are_those_valid_at_the_story_date():
    published = dt.date(1987, 3, 3)
    assert story_country("Officials said.", "MOSCOW", published) == "SU"
    assert story_country("Officials said.", "MOSCOW", dt.date(2020, 3, 3)) == "RU"
    assert as_of("RU", published) == "SU"
    assert as_of("US", published) == "US"
    assert countries_named("Russia and the Soviet Union", published)["SU"] == 2


def test_longest_place_wins():
    assert countries_named("New England Electric said")["US"] == 1
    assert countries_named("New England Electric said")["GB"] == 0


@pytest.mark.parametrize(
    ("place", "expected"),
    [("Japan's", "JP"), ("Quebec", "CA"), ("CHICAGO", "US"), ("NAIROBI, Kenya", "KE"), ("Atlantis", None)],
)
def test_place_country(place, expected):
    assert lexicon().place_country(place) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("EC Commission", True), ("the Paris Club", True), ("Washington World Bank", True),
     ("Inter-African Coffee Organisation", True), ("Bank of England", False), ("Chicago Mercantile Exchange", False)],
)
def test_international_bodies(name, expected):
    assert lexicon().is_international(name) is expected


def test_cities_count_as_they_are_written_and_region_words_name_no_country():
    named = countries_named("Officials in Dar es Salaam and NAIROBI met Latin American and North American envoys.")
    assert named == {"TZ": 1, "KE": 1}
    assert countries_named("South Korea and South African firms") == {"KR": 1, "ZA": 1}


def test_one_evidence_serves_countries_and_money():
    from wirefacts.country import choose_member, story_ties

    ties = story_ties("Dodoma officials said the ministry in Dar es Salaam agreed.")
    assert ties.country == "TZ"
    assert choose_member(ties, (("KE", "KES"), ("TZ", "TZS"), ("UG", "UGX"))) == "TZS"
