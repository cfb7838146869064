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


def countries_named(text: str, published: dt.date | None = None, lex: Lexicon | None = None) -> Counter:
    """How often the text names each country, by its name, its people, one of its provinces or cities."""
    lex = lex or lexicon()
    counts: Counter = Counter()
    for match in lex.country_pattern.finditer(text):
        phrase = match.group()
        code = lex.countries.get(phrase) or lex.provinces.get(phrase) or lex.cities.get(phrase.lower())
        if code and not (phrase.isupper() and len(phrase) > 4 and not lex.countries.get(phrase.title())
                         and phrase.lower() not in lex.cities):
            counts[as_of(code, published, lex)] += 1
    return counts


@dataclass(frozen=True)
class StoryTies:
    """What ties a story to countries: how often it names each, and its dateline's country."""

    mentions: Counter
    dateline: str | None = None

    @property
    def country(self) -> str | None:
        """The country the story is from or about: its dateline's, else the one it names most, if no other
        is named as often. World knowledge does not count: a story that never names its country has none."""
        if self.dateline:
            return self.dateline
        ranked = self.mentions.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


def story_ties(
    text: str, dateline_place: str | None = None, published: dt.date | None = None, lex: Lexicon | None = None
) -> StoryTies:
    """The story's country evidence. The dateline's place counts when it names a known city, province or
    country ("TOKYO", "TRAIL, British Columbia"). Codes are those valid at `published` (SU in 1987)."""
    lex = lex or lexicon()
    code = lex.place_country(dateline_place) if dateline_place else None
    return StoryTies(countries_named(text, published, lex), as_of(code, published, lex) if code else None)


def story_country(
    text: str, dateline_place: str | None = None, published: dt.date | None = None, lex: Lexicon | None = None
) -> str | None:
    """The country a story is from or about, or None when the text does not say."""
    return story_ties(text, dateline_place, published, lex).country


def choose_member(ties: StoryTies, members: tuple[tuple[str, str], ...]) -> str | None:
    """Of a sign's currencies ((country, code) pairs), the one of the story's country; None when that
    country writes no such sign for its money ("$" in a London story stays the caller's default)."""
    home = ties.country
    return next((code for country, code in members if country == home), None)
