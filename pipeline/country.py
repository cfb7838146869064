"""Which country a story is from or about (ANNOTATION.md, "Country"): pure functions over text.

One kind of evidence, `StoryTies`: how often the story names each country (by its name, its people, a
province or a city) and the country of its dateline. Two questions are asked of it:
- the country resolver of officials and organizations asks `story_country` for the country a national
  body or post belongs to when its own words name none ("the Finance Ministry" under a TOKYO dateline;
  "the Home Office" in a story about "a UK referendum");
- the amounts stage asks `choose_member` which country's money a local sign or a bare "$" is ("Sh" in a
  story from Dodoma is the Tanzanian shilling; "$" in a story about Queensland's budget is AUD).
Nothing here imports spaCy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass

from wirefacts.lexicon import Lexicon, lexicon


def as_of(code: str | None, published: dt.date | None, lex: Lexicon | None = None) -> str | None:
    """The code valid at the story's date: RU in a 1987 story is SU (models/gazetteers/country_successions.tsv)."""
    if code is None or published is None:
        return code
    for newer, older, since in (lex or lexicon()).successions:
        if code == newer and published < since:
            return older
    return code


@lru_cache(maxsize=8)
def place_names_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every country name, people, province and city the text names: (start, end, phrase). Kept for the
    last few texts: the stages of one story ask for the same text."""
    return tuple((match.start(), match.end(), match.group()) for match in lexicon().country_pattern.finditer(text))


def _named_and_placed(text: str, published: dt.date | None, lex: Lexicon) -> tuple[Counter, Counter]:
    """How often the text names each country by its name or its people, and through one of its provinces
    or cities."""
    names: Counter = Counter()
    places: Counter = Counter()
    for _start, _end, phrase in place_names_in(text):
        if code := lex.countries.get(phrase):
            if not (phrase.isupper() and len(phrase) > 4 and not lex.countries.get(phrase.title())):
                names[as_of(code, published, lex)] += 1
        elif code := lex.provinces.get(phrase) or lex.cities.get(phrase.lower()):
            places[as_of(code, published, lex)] += 1
    return names, places


def countries_named(
    text: str, published: dt.date | None = None, lex: Lexicon | None = None, provinces: bool = True
) -> Counter:
    """How often the text names each country, by its name, its people or (with `provinces`) one of its
    provinces or cities."""
    names, places = _named_and_placed(text, published, lex or lexicon())
    return names + places if provinces else names


def _most_named(counts: Counter) -> str | None:
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


@dataclass(frozen=True)
class StoryTies:
    """What ties a story to countries: how often it names each by name or people (`names`), through a
    province or city (`places`), and its dateline's country. World knowledge does not count: a story that
    never names its country has none."""

    names: Counter
    places: Counter
    dateline: str | None = None

    @property
    def country(self) -> str | None:
        """The country the story is from or about: its dateline's, else the one it names most (a tie names
        none), places included: "$" in a story about Queensland's budget is the Australian dollar."""
        return self.dateline or _most_named(self.names + self.places)

    @property
    def national_country(self) -> str | None:
        """The country whose national bodies the story is about: its dateline's, else the one it names most
        by name or people; "Parliament" in a story about Queensland's budget is that state's."""
        return self.dateline or _most_named(self.names)


def story_ties(
    text: str, dateline_place: str | None = None, published: dt.date | None = None, lex: Lexicon | None = None
) -> StoryTies:
    """The story's country evidence. The dateline's place counts when it names a known city, province or
    country ("TOKYO", "TRAIL, British Columbia"). Codes are those valid at `published` (SU in 1987)."""
    lex = lex or lexicon()
    code = lex.place_country(dateline_place) if dateline_place else None
    names, places = _named_and_placed(text, published, lex)
    return StoryTies(names, places, as_of(code, published, lex) if code else None)


def story_country(
    text: str,
    dateline_place: str | None = None,
    published: dt.date | None = None,
    lex: Lexicon | None = None,
    provinces: bool = True,
) -> str | None:
    """The country a story is from or about, or None when the text does not say; without `provinces`, the
    country of its national bodies (`StoryTies.national_country`)."""
    ties = story_ties(text, dateline_place, published, lex)
    return ties.country if provinces else ties.national_country


def choose_member(ties: StoryTies, members: tuple[tuple[str, str], ...]) -> str | None:
    """Of a sign's currencies ((country, code) pairs), the one of the story's country; None when that
    country writes no such sign for its money ("$" in a London story stays the caller's default)."""
    home = ties.country
    return next((code for country, code in members if country == home), None)


def member_named_most(ties: StoryTies, members: tuple[tuple[str, str], ...]) -> str | None:
    """Of a sign's currencies, the one of the country the story names most among those that write it: the
    story is about that country though datelined elsewhere ("riyals" in a story from Dubai about a Qatari
    bank are Qatar's). None when it names none of them, or two of them equally often."""
    codes = dict(members)
    counts = ties.names + ties.places
    ranked = sorted(((counts[country], country) for country in codes if counts[country]), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return codes[ranked[0][1]]
