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


# A run of capitalised words (and "U.S."): where a country, people or place name can stand.
CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w.'\u2019-]*)(?:[ \t]+(?:of[ \t]+|and[ \t]+)?[A-Z][\w.'\u2019-]*)*")
LONGEST_NAME = 5  # words
REGION_WORDS = frozenset({"Latin", "North", "Central", "South"})  # "Latin American" names no country


@cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Country names and demonyms (as written), and cities and provinces (lowercase)."""
    places = dict(lexicon().cities)
    places.update({place.lower(): code for place, code in load_tsv(PROVINCES, 2)})
    return lexicon().countries, places


def _names_in(run: str) -> list[str]:
    """The country codes of the longest names inside a run of capitalised words, left to right."""
    countries, places = _names()
    words = run.split()
    codes, start = [], 0
    while start < len(words):
        for width in range(min(LONGEST_NAME, len(words) - start), 0, -1):
            phrase = " ".join(words[start : start + width])
            bare = phrase.rstrip(".,'\u2019").removesuffix("'s").removesuffix("\u2019s")
            code = countries.get(phrase) or countries.get(bare) or places.get(bare.lower())
            if code is None and bare.isupper() and len(bare) > 3:
                code = countries.get(bare.title())  # headline capitals: "KENYA"
            if code and not (width == 1 and start and words[start - 1] in REGION_WORDS):
                codes.append(code)
                start += width
                break
        else:
            start += 1
    return codes


@dataclass(frozen=True)
class StoryTies:
    mentions: Counter[str]  # ISO country -> how often the story names it, its people or its places
    dateline: str | None  # the country of the dateline's place


def story_ties(text: str, dateline_place: str | None = None) -> StoryTies:
    """The countries a story names (the country, its demonym, its cities and provinces) and the country
    of its dateline."""
    mentions: Counter[str] = Counter()
    for run in CAPITALISED_RUN.finditer(text):
        mentions.update(_names_in(run.group(0)))
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
