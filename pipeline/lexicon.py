"""The word lists of models/gazetteers, loaded once and shaped for the officials and organization rules."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, cached_property

from wirefacts.resources import load_tsv


@dataclass(frozen=True)
class Lexicon:
    countries: dict[str, str]  # "South Korea", "Korean", "U.S." -> ISO alpha-2 (case-sensitive keys)
    cities: dict[str, str]  # "seoul" -> ISO alpha-2 (lowercased keys)
    city_names: tuple[str, ...]  # the cities as cities.tsv writes them ("Dar es Salaam")
    provinces: dict[str, str]  # "Queensland", "New England" -> ISO alpha-2 (case-sensitive keys)
    successions: tuple[tuple[str, str, dt.date], ...]  # ("RU", "SU", 1991-12-26): the older code before the date
    international: frozenset[str]  # "EC", "Paris Club": bodies of several countries, never given one
    titles: dict[str, str]  # "director general" -> office, "spokesman" -> role (lowercase heads)
    regions: frozenset[str]  # "africa", "asia": places a remit can name ("assistant director for Africa")
    firm_roles: frozenset[str]  # "analyst", "broker": an official only where the story names the firm
    title_modifiers: dict[str, str]  # "former" -> status, "deputy" -> rank, "finance" -> portfolio
    honorifics: frozenset[str]  # "Mr", "Mr.", "Sir"
    agencies: dict[str, str]  # "Reuter" -> "Reuters"
    parties: dict[str, str]  # "Tories" -> "Conservative Party"
    org_heads: dict[str, str]  # "industry ministry" -> government
    org_suffixes: dict[str, str]  # "Inc" -> legal, "Bank" -> generic
    government_bodies: frozenset[str]  # "bundesbank", "reserve bank": national bodies whose names do not say so
    legislatures: frozenset[str]  # "house", "senate", "commons": their committees are national bodies too
    not_organizations: frozenset[str]  # "Day", "Summit", "the administration": whole names, lowercased
    not_organization_heads: frozenset[str]  # "day", "government": one-word entries also end a name
    aliases: dict[str, tuple[frozenset[str], ...]]  # "Fed" -> ({"federal", "reserve"},): words of the full name
    generic_org_words: frozenset[str]  # "Bank", "National": never a short form alone, lowercased
    index_words: frozenset[str]  # "index", "average": a name just before one is a market indicator ("Dow Jones")
    official_words: dict[str, frozenset[str]]  # class -> words (models/gazetteers/official_words.tsv)
    anaphora: frozenset[str]  # "bank", "central bank", "commission": bare anaphora, never a mention

    def country_of(self, phrase: str) -> str | None:
        """ISO code of a country name or demonym ("South Korea's" and "KOREAN" included)."""
        phrase = phrase.strip()
        if phrase.endswith(("'s", "\u2019s")):
            phrase = phrase[:-2]
        return self.countries.get(phrase) or self.countries.get(phrase.title()) or self._upper_country(phrase)

    def country_ending_at(self, doc, end: int) -> str | None:
        """The country named by the one to three tokens of `doc` just before token `end` ("West German")."""
        for width in (3, 2, 1):
            if end - width >= 0:
                code = self.country_of(doc[end - width : end].text)
                if code:
                    return code
        return None

    def _upper_country(self, phrase: str) -> str | None:
        return self.countries.get(phrase) if phrase.isupper() and len(phrase) <= 4 else None

    @cached_property
    def legislature_names(self) -> tuple[str, ...]:
        """Legislatures as written ("House", "Commons", "Bundestag"), for finding them in text."""
        return tuple(name for name, kind in load_tsv("gazetteers/government_bodies.tsv", 2) if kind == "legislature")

    @cached_property
    def place_first_words(self) -> frozenset[str]:
        """The first word of every country, people and province name as written, and of every city name
        lowercased: a phrase whose first word is none of these names no place."""
        return frozenset(
            {name.split()[0] for name in (*self.countries, *self.provinces) if name.strip()}
            | {name.split()[0] for name in self.cities if name.strip()}
        )

    @cached_property
    def settlement_words(self) -> frozenset[str]:
        """Words for a settlement ("town", "village"), and "airport", lowercased: a lone name beside one is a place."""
        return frozenset(
            word.lower() for word, why in load_tsv("gazetteers/not_organizations.tsv", 2)
            if why.startswith("place: a settlement")
        ) | {"airport"}

    @cached_property
    def place_heads(self) -> frozenset[str]:
        """Head words of roads, dams and buildings ("road", "dams"), lowercased: a name before one names the place,
        though a name before "plan" or "program" may still be a body used as a modifier ("the NBC program")."""
        return frozenset(
            word.lower() for word, why in load_tsv("gazetteers/not_organizations.tsv", 2)
            if " " not in word and why.startswith(("infrastructure", "place"))
        )

    @cached_property
    def suffix_words(self) -> frozenset[str]:
        """Legal forms and head words of names, lowercased ("spa" for "SpA" and "Spa")."""
        return frozenset(suffix.lower() for suffix in self.org_suffixes)

    @cached_property
    def country_pattern(self) -> re.Pattern:
        """Country names, peoples, provinces and cities as whole words, longest first, case-sensitive (a
        city as cities.tsv writes it, or in capitals: "Dar es Salaam", "NAIROBI")."""
        cities = {*self.city_names, *(name.upper() for name in self.city_names)}
        alternatives = trie_alternation({*self.countries, *self.provinces, *cities})
        # "Latin American", "North American" name a region, not the United States
        regions = "".join(rf"(?<!{word} )" for word in REGION_PREFIXES)
        # every phrase starts with a capital: the lookahead rejects most positions before the alternation
        return re.compile(rf"(?=[A-Z])(?<![\w.-]){regions}(?:{alternatives})(?![\w-])")

    def place_country(self, phrase: str) -> str | None:
        """ISO code of a country, people, province or city: "Japan's", "Quebec", "CHICAGO", "TRAIL, British Columbia"."""
        phrase = phrase.strip()
        if phrase.endswith(("'s", "\u2019s")):
            phrase = phrase[:-2]
        return self.city_country(phrase) or self.provinces.get(phrase) or self.provinces.get(phrase.title())

    def is_international(self, name: str) -> bool:
        """A body of several countries ("EC Commission", "the Paris Club", "OPEC"): a name that begins with one,
        or holds one of several words ("Washington World Bank")."""
        words = name.replace("'s", "").replace("/", " / ").split()  # "World Bank/IMF"
        if words and words[0].lower() == "the":
            words = words[1:]
        if words and (words[0] in self.international or words[0].startswith("Inter-")):
            return True  # "Inter-African Coffee Organisation": a body of several countries
        return any(
            " ".join(words[start : start + width]) in self.international
            for width in range(2, min(len(words), 8) + 1)
            for start in range(len(words) - width + 1)
        )

    def city_country(self, place: str) -> str | None:
        """ISO code of a dateline place: "SEOUL", "NAIROBI, Kenya", "Washington", "TRAIL, British Columbia"."""
        parts = [part.strip() for part in place.split(",")]
        for part in reversed(parts[1:]):
            code = self.country_of(part) or self.provinces.get(part)
            if code:
                return code
        return self.cities.get(parts[0].lower()) or self.country_of(parts[0]) or self.provinces.get(parts[0])


def _classes(relative: str) -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for word, kind in load_tsv(relative, 2):
        classes.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in classes.items()}


def _aliases() -> dict[str, tuple[frozenset[str], ...]]:
    aliases: dict[str, list[frozenset[str]]] = {}
    for alias, words in load_tsv("gazetteers/org_aliases.tsv", 2):
        aliases.setdefault(alias, []).append(frozenset(words.lower().split()))
    return {alias: tuple(word_sets) for alias, word_sets in aliases.items()}


REGION_PREFIXES = ("Latin", "North", "Central", "South")


@cache
def lexicon() -> Lexicon:
    def pairs(name: str) -> dict[str, str]:
        return {key: value for key, value in load_tsv(f"gazetteers/{name}.tsv", 2)}

    def lowered(name: str) -> dict[str, str]:
        return {key.lower(): value for key, value in pairs(name).items()}

    return Lexicon(
        countries=pairs("countries"),
        cities=lowered("cities"),
        city_names=tuple(pairs("cities")),
        provinces=pairs("provinces"),
        successions=tuple(
            (newer, older, dt.date.fromisoformat(since))
            for newer, older, since in load_tsv("gazetteers/country_successions.tsv", 3)
        ),
        international=frozenset(row[0] for row in load_tsv("gazetteers/international_bodies.tsv", 1)),
        titles=lowered("titles"),
        regions=frozenset(row[0].lower() for row in load_tsv("gazetteers/regions.tsv", 1)),
        firm_roles=frozenset(row[0].lower() for row in load_tsv("gazetteers/firm_roles.tsv", 1)),
        title_modifiers=lowered("title_modifiers"),
        honorifics=frozenset(pairs("honorifics")),
        agencies=pairs("news_agencies"),
        parties=pairs("parties"),
        org_heads=lowered("org_heads"),
        org_suffixes=pairs("org_suffixes"),
        government_bodies=frozenset(lowered("government_bodies")),
        legislatures=frozenset(
            name.lower() for name, kind in load_tsv("gazetteers/government_bodies.tsv", 2) if kind == "legislature"
        ),
        not_organizations=frozenset(lowered("not_organizations")),
        not_organization_heads=frozenset(
            word.lower() for word, why in load_tsv("gazetteers/not_organizations.tsv", 2)
            if " " not in word and "as a whole name" not in why
        ),
        generic_org_words=frozenset(lowered("org_generic_words")),
        aliases=_aliases(),
        index_words=frozenset(
            word.lower() for word, why in load_tsv("gazetteers/not_organizations.tsv", 2) if why.startswith("market indicator")
        ),
        official_words=_classes("gazetteers/official_words.tsv"),
        anaphora=frozenset(row[0].lower() for row in load_tsv("gazetteers/org_anaphora.tsv", 1)),
    )


def trie_alternation(phrases: set[str]) -> str:
    """A regular expression matching any of `phrases`, the longest first where several match at one place,
    with their common beginnings factored out ("Sa(?:udi Arabia|n Marino)"): the `re` engine then tests a
    text position against a few branches instead of every phrase in turn."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _branches(trie)


def _branches(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a longer phrase is tried first; the shorter one that ends here is the fallback
    return f"(?:{body})?" if ends_here else body
