"""Which country a story is from or about (ANNOTATION.md, "Country"): pure functions over text.

The country resolver of officials and organizations asks `story_country` for the country a national
government body or post belongs to when its own words name none ("the Finance Ministry" under a TOKYO
dateline; "the Home Office" in a story about "a UK referendum"). The amounts stage may ask it for the
country a local currency sign belongs to. Nothing here imports spaCy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from wirefacts.lexicon import Lexicon, lexicon


def as_of(code: str | None, published: dt.date | None, lex: Lexicon | None = None) -> str | None:
    """The code valid at the story's date: RU in a 1987 story is SU (models/gazetteers/country_successions.tsv)."""
    if code is None or published is None:
        return code
    for newer, older, since in (lex or lexicon()).successions:
        if code == newer and published < since:
            return older
    return code


def countries_named(
    text: str, published: dt.date | None = None, lex: Lexicon | None = None, provinces: bool = True
) -> Counter:
    """How often the text names each country, by its name, its people or (with `provinces`) one of its provinces."""
    lex = lex or lexicon()
    counts: Counter = Counter()
    for match in lex.country_pattern.finditer(text):
        phrase = match.group()
        code = lex.countries.get(phrase) or (lex.provinces.get(phrase) if provinces else None)
        if code and not (phrase.isupper() and len(phrase) > 4 and not lex.countries.get(phrase.title())):
            counts[as_of(code, published, lex)] += 1
    return counts


def story_country(
    text: str,
    dateline_place: str | None = None,
    published: dt.date | None = None,
    lex: Lexicon | None = None,
    provinces: bool = True,
) -> str | None:
    """The country a story is from or about, or None when the text does not say.

    The dateline's place decides when it names a known city, province or country ("TOKYO", "TRAIL,
    British Columbia"). Otherwise the country the text names most often (by name, people or province:
    "UK", "British", "Queensland") wins, if no other is named as often. World knowledge does not count:
    a story that never names its country has none. Codes are those valid at `published` (SU in 1987).
    Without `provinces`, a province names no country here ("Parliament" in a story about Queensland's
    budget is that state's, not Australia's).
    """
    lex = lex or lexicon()
    if dateline_place:
        code = lex.place_country(dateline_place)
        if code:
            return as_of(code, published, lex)
    ranked = countries_named(text, published, lex, provinces).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
