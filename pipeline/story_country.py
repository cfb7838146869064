"""Which countries a story ties itself to, as evidence for the money a local sign means.

ANNOTATION.md v2 ("Settled cases", amounts): a local currency sign or word ("N", "R", "Rs", "Ksh",
"shillings", "rupees", "dollars") is the money of the country the story is from or about, where the text
ties it; the tie is the country or one of its places named in the text, or the dateline. With no tie a
bare "$" or "dollars" stays USD.

`story_ties` collects those ties, `story_country` takes the story's country from them (the dateline's,
else the one named most), and `choose_member` keeps a sign's currency only for that country. Pure
functions of the story's text and dateline place, on the country, city and province lists in models/.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from wirefacts.lexicon import lexicon
from wirefacts.resources import load_tsv

PROVINCES = "gazetteers/amount_story_places.tsv"


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


@dataclass(frozen=True)
class StoryTies:
    mentions: Counter[str]  # ISO country -> how often the story names it, its people or its places
    dateline: str | None  # the country of the dateline's place


def story_ties(text: str, dateline_place: str | None = None) -> StoryTies:
    """The countries a story names (the country, its demonym, its cities and provinces) and the country
    of its dateline."""
    named, placed, countries, places = _place_regexes()
    mentions: Counter[str] = Counter()
    for match in named.finditer(text):
        mentions[countries[match.group(0)]] += 1
    for match in placed.finditer(text):
        mentions[places[match.group(0).lower()]] += 1
    home = lexicon().city_country(dateline_place) if dateline_place else None
    return StoryTies(mentions, home)


def story_country(ties: StoryTies) -> str | None:
    """The country the story is from or about: its dateline's, else the one it names most (None on a tie)."""
    if ties.dateline:
        return ties.dateline
    ranked = ties.mentions.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def choose_member(ties: StoryTies, members: tuple[tuple[str, str], ...]) -> str | None:
    """The code of the member ((country, code) pairs) that is the story's own country; None when the
    story's country writes no such sign for its money ("$" in a London story stays the caller's default)."""
    home = story_country(ties)
    return next((code for country, code in members if country == home), None)
