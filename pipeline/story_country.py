"""Which countries a story ties itself to, as evidence for the money a local sign means.

ANNOTATION.md v2 ("Settled cases", amounts): a local currency sign or word ("N", "R", "Rs", "Ksh",
"shillings", "rupees", "dollars") is the money of the country the story is from or about, where the text
ties it; the tie is the country or one of its places named in the text, or the dateline. With no tie a
bare "$" or "dollars" stays USD.

`country_evidence` counts those ties; `choose_member` picks, among the countries that write a sign for
their own money, the one the story ties itself to most. Pure functions of the story's text and dateline
place, on the country, city and province lists in models/.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from wirefacts.lexicon import lexicon
from wirefacts.resources import load_tsv

PROVINCES = "gazetteers/amount_story_places.tsv"
# A dateline says where the story is from: worth more than one mention in the text.
DATELINE_WEIGHT = 2


@cache
def _place_regexes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    """Country names and demonyms (case-sensitive, as written), and cities and provinces (any case)."""
    countries = lexicon().countries
    places = dict(lexicon().cities)
    places.update({place.lower(): code for place, code in load_tsv(PROVINCES, 2)})

    def alternation(words) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    # "Latin American" and "North American" name no country
    named = re.compile(rf"(?<![\w-])(?<!Latin )(?<!North )(?:{alternation(countries)})(?![\w-])")
    placed = re.compile(rf"(?<![\w-])(?:{alternation(places)})(?![\w-])", re.IGNORECASE)
    return named, placed, countries, places


def country_evidence(text: str, dateline_place: str | None = None) -> Counter[str]:
    """Per ISO country code, how often the story names the country, its people or one of its places,
    plus DATELINE_WEIGHT for the country of its dateline."""
    named, placed, countries, places = _place_regexes()
    evidence: Counter[str] = Counter()
    for match in named.finditer(text):
        evidence[countries[match.group(0)]] += 1
    for match in placed.finditer(text):
        evidence[places[match.group(0).lower()]] += 1
    if dateline_place:
        code = lexicon().city_country(dateline_place)
        if code:
            evidence[code] += DATELINE_WEIGHT
    return evidence


def choose_member(evidence: Counter[str], members: tuple[tuple[str, str], ...]) -> str | None:
    """The code of the member country ((country, code) pairs) that the story ties itself to most; None
    when it names none of them, or two of them equally."""
    scored = sorted(((evidence[country], code) for country, code in members if evidence[country]), reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1] != scored[1][1]):
        return None
    return scored[0][1]
