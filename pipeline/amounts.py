"""Normalizing amounts: money and percentages to value, currency and period.

Pure Python on top of the gazetteers in models/: `parse_amount` reads the text of an amount
("US$40 billion", "50 mln dlrs", "between 5 and 6 pct"); `amount_from_span` adds what only the
story can tell (the dollar a bare "$" means, "a year" after the amount) and builds the record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from wirefacts.doc_text import doc_text
from wirefacts.amount_numbers import DECIMAL_COMMA, DIGITS, GROUPED_SPACE, MULTIPLIERS, digits_value, number_words, words_value
from wirefacts.lexicon import lexicon
from wirefacts.resources import load_tsv
from wirefacts.schema import Amount
from wirefacts.country import StoryTies, choose_member, member_named_most, story_ties

if TYPE_CHECKING:
    from spacy.tokens import Span

CURRENCIES = "gazetteers/currencies.tsv"
CLDR_CURRENCIES = "gazetteers/currency_cldr.tsv"
CURRENCY_TERRITORIES = "gazetteers/currency_territories.tsv"
LOCAL_SIGNS = "gazetteers/amount_local_signs.tsv"
EXCLUDED_CURRENCY_SURFACES = "gazetteers/amount_currency_exclusions.tsv"
MINOR_UNITS = "gazetteers/amount_minor_units.tsv"
SCALES = "gazetteers/scales.tsv"
PERCENT_WORDS = "gazetteers/amount_percent_words.tsv"
PERIODS = "gazetteers/amount_periods.tsv"
COUNTRIES = "gazetteers/amount_currency_countries.tsv"
SUCCESSIONS = "gazetteers/currency_successions.tsv"

# The span extension the amounts component sets when an amount borrows its unit from a neighbour
# ("1.5 mln" in "1.5 mln vs 1.2 mln dlrs" reads as "{} dlrs").
TEMPLATE_EXTENSION = "amount_template"

# How far back a qualified currency ("Canadian dlrs", "A$") still decides what a bare "$" means.
CONTEXT_CHARS = 600
CONTEXT_TOKENS = 200

Number = int | float
Local = tuple[tuple[str, str], ...]  # (country, code): where a sign is that country's own money


@dataclass(frozen=True)
class CurrencyWord:
    code: str | None  # None: a local sign ("K", "kr") that names no currency until the story's country does
    position: Literal["before", "after", "either", "after_scale"]
    minor: bool  # hundredths: cents, pence
    family: str | None  # dollar, franc, crown...: the currencies a country name tells apart
    bare: bool  # names no country ("$", "francs"): the family member the story named applies
    local: Local = ()  # the countries that write this sign for their own money, and which money
    spoken: bool = False  # a word of prose ("birr", "riyals"), not a sign: money even where no country says whose


@dataclass(frozen=True)
class ParsedAmount:
    kind: Literal["money", "percent"]
    value: Number | None
    value_max: Number | None = None
    currency: str | None = None
    family: str | None = None  # set when the currency word names no country ("$", "dlrs", "francs")
    local: Local = ()  # set for a local sign: the story's country chooses among these
    spoken: bool = False  # the currency is a word of prose: an amount even where the story names no country
    one_letter: bool = False  # a one-letter sign ("R", "K"): only the story's country may say whose


# --- gazetteers -------------------------------------------------------------------------------


def is_case_sensitive(surface: str) -> bool:
    """Codes and letter-only symbols ("MYR", "Ft", "Rp", "K") are read only as CLDR writes them: "ALL",
    "km", "le" and "Ft." in lowercase prose are words. Symbols with a sign or a non-Latin letter are not."""
    return bool(re.fullmatch(r"[A-Za-z.]+", surface))


@cache
def _excluded_surfaces() -> frozenset[str]:
    return frozenset(surface for (surface,) in load_tsv(EXCLUDED_CURRENCY_SURFACES, 1))


@cache
def _cldr_rows() -> tuple[tuple[str, str, str, str], ...]:
    """CLDR's surfaces (generated) and the hand-made local signs, less the excluded ones."""
    rows = [row for row in load_tsv(CLDR_CURRENCIES, 4)]
    rows += [(surface, code, country, "local") for surface, code, country in load_tsv(LOCAL_SIGNS, 3)]
    # "ر.س." is also written without its last full stop
    rows += [(s[:-1], code, country, kind) for s, code, country, kind in rows if s.endswith(".") and not s.isascii()]
    return tuple(row for row in rows if row[0] not in _excluded_surfaces())


# Kinds of currency_cldr.tsv rows that are words of prose ("birr", "ethiopian birr"), read in any case.
WORD_KINDS = frozenset({"name", "word"})


def _needs_a_tie(surface: str, kinds: set[str]) -> bool:
    """Whether a surface names no currency until the story's country does, however few write it: a single
    letter ("R", "K"), or one letter before a narrow sign ("N$": the Namibian or New Zealand dollar)."""
    if re.fullmatch(r"[A-Za-z]\.?", surface):
        return True
    return kinds == {"prefixed"} and bool(re.fullmatch(r"[A-Z][$£]", surface))


@cache
def _cldr_words() -> dict[str, CurrencyWord]:
    """One word per surface: its code where the surface names one currency for everyone (a code, an
    English symbol or name, or the one currency its writers use), else None and the countries that write it."""
    by_surface: dict[str, list[tuple[str, str, str]]] = {}
    for surface, code, country, kind in _cldr_rows():
        by_surface.setdefault(surface, []).append((code, country, kind))
    words = {}
    for surface, rows in by_surface.items():
        everyone = [code for code, country, _kind in rows if country == "-"]
        local = tuple(sorted({(country, code) for code, country, _kind in rows if country != "-"}))
        kinds = {kind for _code, _country, kind in rows}
        codes = {code for _country, code in local}
        code = everyone[0] if everyone else (codes.pop() if len(codes) == 1 and not _needs_a_tie(surface, kinds) else None)
        single_letter = bool(re.fullmatch(r"[A-Za-z]\.?", surface))
        position = "after" if kinds <= WORD_KINDS else ("before" if single_letter else "either")
        words[surface] = CurrencyWord(code, position, False, None, False, local, kinds <= WORD_KINDS)
    return words


def _read_in_any_case(surface: str, word: CurrencyWord) -> bool:
    """Words of prose ("Birr", "riyals") and symbols with a sign or a non-Latin letter ("CA$", "₪") with
    one currency; codes and letter-only symbols ("MYR", "Ft") only as written."""
    return word.spoken or (not is_case_sensitive(surface) and word.code is not None)


@cache
def currency_words() -> dict[str, CurrencyWord]:
    """Currency words read in any case, by lowercase surface: the hand-made table (it wins, taking the
    countries CLDR gives the same word: "riyals" is Qatar's money in a Qatar story), CLDR's names and
    currency words, and its symbols that are not letters only ("CA$", "₪", "Kč")."""
    cldr = {surface.lower(): word for surface, word in _cldr_words().items() if _read_in_any_case(surface, word)}
    words = dict(cldr)
    for surface, code, position, unit, family in load_tsv(CURRENCIES, 5):
        bare = family.startswith("bare:")
        family_name = family.removeprefix("bare:") if family != "-" else None
        surface = surface.lower()
        shared = cldr.get(surface)
        local = _as_written(shared.local, code) if shared is not None and shared.spoken and family_name is None else ()
        words[surface] = CurrencyWord(code, position, unit == "minor", family_name, bare, local, shared is not None and shared.spoken)  # type: ignore[arg-type]
    for surface, code in load_tsv(MINOR_UNITS, 2):
        generic = code == "USD"  # "c" joins any whole unit, as "cents" does
        words.setdefault(surface.lower(), CurrencyWord(code, "after", True, "dollar" if generic else None, generic))
    return words


def _as_written(local: Local, code: str) -> Local:
    """The countries of a hand-made word with its own code where CLDR gives the code that replaced it:
    "cedis" in an Accra story is GHC, which the story's date then reads as GHC or GHS."""
    return tuple((country, code if _successor(code) == member else member) for country, member in local)


def _successor(code: str) -> str | None:
    succession = currency_successions().get(code)
    return succession[0] if succession else None


@cache
def exact_currency_words() -> dict[str, CurrencyWord]:
    """Codes and letter-only symbols, read only as written ("MYR", "Ft", "Ksh"), and local signs."""
    # the hand-made table wins, except before the figure where it reads a surface only after one ("247p",
    # but "P5.7 trillion" in a Manila story)
    hand_after_only = {surface.lower(): position in ("after", "after_scale") for surface, _c, position, *_ in load_tsv(CURRENCIES, 5)}
    return {
        surface: word
        for surface, word in _cldr_words().items()
        if not _read_in_any_case(surface, word) and hand_after_only.get(surface.lower(), True)
    }


POSITIONS_ON = {"before": ("before", "either"), "after": ("after", "either", "after_scale")}


def currency_word(surface: str | None, side: str = "after") -> CurrencyWord | None:
    """The currency word written `side` of a figure: the hand-made table first where it has the surface
    for that side ("Rs 20", "247p"), else CLDR's as written ("P5.7 trillion" in a Manila story)."""
    if not surface:
        return None
    hand = currency_words().get(surface.lower())
    if hand is not None and hand.position in POSITIONS_ON[side]:
        return hand
    return exact_currency_words().get(surface) or hand


@cache
def minor_only_units() -> frozenset[str]:
    """Sub-units read only after a whole amount of their currency ("20 ringgit and 43 sen")."""
    return frozenset(surface.lower() for surface, _code in load_tsv(MINOR_UNITS, 2))


@cache
def cashless_currencies() -> frozenset[str]:
    """Currencies whose cash prices take no decimals (CLDR): "Rp 31.500" has a thousands dot."""
    return frozenset(code for _country, code, digits, *_ in load_tsv(CURRENCY_TERRITORIES, 5) if digits == "0")


MACRO_REGIONS = frozenset({"EU", "EZ", "UN"})  # CLDR's unions: the euro is written both ways


@cache
def decimal_point_currencies() -> frozenset[str]:
    """Currencies whose home country (the first two letters of the code) writes a decimal point: "$110,00"
    is a slip for 110,000 or 110.00, never read as 110 (a decimal comma is read only in other money)."""
    return frozenset(
        code for country, code, _digits, decimal, _now in load_tsv(CURRENCY_TERRITORIES, 5)
        if code.startswith(country) and decimal == "." and country not in MACRO_REGIONS
    )


@cache
def family_members() -> dict[str, Local]:
    """Per family ("dollar", "rupee", "shilling"), the countries whose own money is of it, and its code:
    from CLDR's English names ("Canadian dollar") and who uses which currency."""
    family_of_code = {}
    for surface, code, _country, kind in _cldr_rows():
        if kind == "name" and " " in surface:
            family_of_code.setdefault(code, surface.rsplit(" ", 1)[1])
    members: dict[str, set[tuple[str, str]]] = {}
    for country, code, _digits, _decimal, now in load_tsv(CURRENCY_TERRITORIES, 5):
        if code in family_of_code and now == "current":
            members.setdefault(family_of_code[code], set()).add((country, code))
    return {family: tuple(sorted(pairs)) for family, pairs in members.items()}


@cache
def scale_words() -> dict[str, Decimal]:
    return {word.lower(): Decimal(multiplier) for word, multiplier in load_tsv(SCALES, 2)}


@cache
def percent_words() -> dict[str, Decimal]:
    return {words.lower(): Decimal(percent) for words, percent in load_tsv(PERCENT_WORDS, 2)}


@cache
def period_phrases() -> tuple[tuple[str, str, str], ...]:
    return tuple((phrase.lower(), period, side) for phrase, period, side in load_tsv(PERIODS, 3))


# --- regular expressions built from the gazetteers (once) --------------------------------------

FRACTION = r"\d+/\d+"


def _alternation(surfaces) -> str:
    """Longest first, so "us$" wins over "$"; spaces inside a surface match any whitespace."""
    ordered = sorted(set(surfaces), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in surface.split(" ")) for surface in ordered)


def _either_case(surfaces, exact) -> str:
    """An alternation of `surfaces` in any case and `exact` surfaces as written."""
    parts = [f"(?i:{_alternation(surfaces)})"] if surfaces else []
    if exact:
        parts.append(f"(?:{_alternation(exact)})")
    return "|".join(parts)


def currency_alternation(positions: tuple[str, ...], minor_only: bool = True) -> str:
    """The currency surfaces that may stand in one of `positions`, for a regular expression."""
    loose = [
        s for s, w in currency_words().items() if w.position in positions and (minor_only or s not in minor_only_units())
    ]
    exact = [s for s, w in exact_currency_words().items() if w.position in positions]
    return _either_case(loose, exact)


@cache
def word_number_regex() -> str:
    """Numbers in words: "thirty two", "fifty- eight", "one hundred and five", "one-and-a-half", "a"."""
    word = _alternation([*number_words(), *MULTIPLIERS])
    joint = r"(?:[\s-]+(?:and[\s-]+)?(?:an?[\s-]+)?)"
    return rf"(?i:(?:an?[\s-]+)?(?:{word})(?:{joint}(?:{word}))*(?:\s+of)?(?:[\s-]+an?)?|an?(?=\s))"


@cache
def _part_regex() -> re.Pattern[str]:
    """One side of an amount: sign, number, scale words, then a currency or percent word."""
    number = (
        rf"(?:{GROUPED_SPACE}|{DIGITS})(?:[\s-]+{FRACTION})?|{FRACTION}"
        rf"|{word_number_regex()}"
    )
    scales = _alternation(scale_words())
    return re.compile(
        rf"^(?P<before>{currency_alternation(('before', 'either'))})?\s*:?\s*"
        rf"(?P<polarity>[-+\u2212](?=\d))?(?P<number>{number})\s*-?\s*"
        rf"(?P<scales>(?i:(?:(?:{scales})(?![a-z])(?:\s+of)?[\s-]*)*))"
        rf"(?P<after>(?:{currency_alternation(('after', 'either', 'after_scale', 'before'))}"
        rf"|(?i:{_alternation(percent_words())}))"
        rf"(?![a-z]))?$"
    )


# Where a range may split: a dash between digits ("5-6", not the "-" of "5-1/2"), "to", "and".
RANGE_CONNECTOR = re.compile(r"(?<=\d)\s*-\s*(?=[^\d\s]{0,4}\d)(?![^\s]*/)|\s+(?:to|and|or)\s+", re.IGNORECASE)
SCALE_SPLIT = re.compile(r"[\s-]+")


# --- numbers ----------------------------------------------------------------------------------


def _decimal_of(number: str, cashless: bool = False) -> Decimal | None:
    """'1,234.5' / '2 390' / '35,70' / '5 1/2' / '5-1/2' / 'twenty-eight' / 'half a' as a Decimal."""
    if number[:1].isdigit() or number[:1] == ".":
        parts = re.split(r"[\s-]+(?=\d+/\d+$)", number, maxsplit=1)
        if "/" in parts[0]:
            return _fraction(parts[0])
        value = digits_value(parts[0], cashless)
        if value is None or len(parts) == 1:
            return value
        tail = _fraction(parts[1])
        return None if tail is None else value + tail
    return words_value(number)


def _fraction(text: str) -> Decimal | None:
    numerator, denominator = text.split("/")
    if int(denominator) == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def _scale_of(scales: str) -> Decimal:
    multiplier = Decimal(1)
    for word in SCALE_SPLIT.split(scales.strip().lower()):
        if word in scale_words():
            multiplier *= scale_words()[word]
    return multiplier


def as_number(value: Decimal) -> Number:
    """Whole units as int when integral, else float from the exact decimal (no 1.13e9 noise)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())


# --- parsing the text of an amount ------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    number: Decimal
    multiplier: Decimal | None  # None without scale words
    vague: bool  # "millions of dollars": no value
    unit: str | None  # the currency or percent word after the number, as written
    sign: str | None  # the currency sign or code before the number

    def value(self, multiplier: Decimal | None = None) -> Decimal | None:
        if self.vague:
            return None
        return self.number * (self.multiplier or multiplier or Decimal(1))


VAGUE_SCALES = frozenset({"tens", "hundreds", "thousands", "millions", "billions", "trillions"})


def _parse_side(text: str) -> _Side | None:
    match = _part_regex().match(text)
    if match is None:
        return None
    scales = match["scales"].strip(" -")
    currency = currency_word(_squash(match["before"]), "before") or currency_word(_squash(match["after"]))
    cashless = not scales and currency is not None and currency.code in cashless_currencies()
    if currency is not None and currency.code in decimal_point_currencies() and _bare_decimal_comma(match["number"]):
        return None
    if " " in match["number"].strip() and match["number"][:1].isdigit() and scales:
        return None  # "26 100 mln": a date or a count before the figure, not a space-grouped number
    number = _decimal_of(match["number"].strip(), cashless)
    if number is None:
        return None
    if match["polarity"] in ("-", "\u2212"):  # "-3.16%"
        number = -number
    return _Side(
        number,
        _scale_of(scales) if scales else None,
        scales.split(" ")[0].lower() in VAGUE_SCALES,
        _squash(match["after"]),
        _squash(match["before"]),
    )


def _bare_decimal_comma(number: str) -> bool:
    return bool(re.fullmatch(DECIMAL_COMMA, number.strip()))


def _squash(surface: str | None) -> str | None:
    return " ".join(surface.split()) if surface else None


def _is_percent(surface: str | None) -> bool:
    return surface is not None and surface.lower() in percent_words()


def _currency_of(*sides: _Side) -> CurrencyWord | None:
    """The currency the sides name, preferring a specific word ("USD", "A$") to a bare one ("$")."""
    words = [
        word
        for side in sides
        for word in (currency_word(side.sign, "before"), currency_word(side.unit))
        if word is not None
    ]
    specific = [word for word in words if not word.bare and word.code is not None]
    return (specific or words or [None])[0]


def _kind_of(*sides: _Side) -> Literal["money", "percent"] | None:
    if any(_is_percent(side.unit) for side in sides):
        return "percent"
    if any(side.sign or side.unit for side in sides):
        return "money"
    return None


def _in_units(value: Decimal | None, currency: CurrencyWord | None) -> Number | None:
    if value is None:
        return None
    if currency is not None and currency.minor:
        value = value / 100
    return as_number(value)


def _in_percent(value: Decimal | None, side: _Side) -> Number | None:
    if value is None:
        return None
    return as_number(value * percent_words().get((side.unit or "").lower(), Decimal(1)))


def _money(value, value_max, currency: CurrencyWord) -> ParsedAmount:
    family = currency.family if currency.bare else None
    # only CLDR's one-letter signs are local, read before the figure only, and of no one currency
    one_letter = currency.position == "before" and bool(currency.local) and currency.code is None
    return ParsedAmount("money", value, value_max, currency.code, family, currency.local, currency.spoken, one_letter)


def _parsed(kind, high: _Side, low: _Side | None = None) -> ParsedAmount:
    """The amount of one side, or of a range whose low end shares what it lacks with the high end."""
    low_value = low.value(high.multiplier) if low else None  # "$5-6 million": 5 shares "million"
    sides = (high, low) if low else (high,)
    if kind == "percent":
        unit_side = next(side for side in sides if _is_percent(side.unit))
        if low is None:
            return ParsedAmount("percent", _in_percent(high.value(), unit_side))
        return ParsedAmount("percent", _in_percent(low_value, unit_side), _in_percent(high.value(), unit_side))
    currency = _currency_of(*sides)
    if currency is None:
        return ParsedAmount("money", _in_units(low_value if low else high.value(), None))
    if low is None:
        return _money(_in_units(high.value(), currency), None, currency)
    # each end in its own unit: "between 65 cts and 1.15 dlrs"
    low_currency = _currency_of(low) or currency
    high_currency = _currency_of(high) or currency
    return _money(_in_units(low_value, low_currency), _in_units(high.value(), high_currency), currency)


def _parse_single(text: str) -> ParsedAmount | None:
    vague = text.split(" ", 1)[0].lower() in VAGUE_SCALES
    side = _parse_side(f"1 {text}" if vague else text)
    if side is None or (kind := _kind_of(side)) is None:
        return None
    return _parsed(kind, side)


def _parse_range(text: str) -> ParsedAmount | None:
    """'$5-6 million', '6-1/8 to 6-1/4 pct', 'between $12 million and $20 million'."""
    text = re.sub(r"^between\s+", "", text, flags=re.IGNORECASE)
    for connector in RANGE_CONNECTOR.finditer(text):
        low, high = _parse_side(text[: connector.start()]), _parse_side(text[connector.end() :])
        if low is None or high is None or (kind := _kind_of(low, high)) is None:
            continue
        return _parsed(kind, high, low)
    return None


# "$20 and 43c", "20 dollars 43 cents", "3 GBP 1 pence": whole units and the hundredths that follow them.
SUBUNIT_SPLIT = re.compile(r"\s+(?:and\s+)?", re.IGNORECASE)


def _parse_with_subunits(text: str) -> ParsedAmount | None:
    for split in SUBUNIT_SPLIT.finditer(text):
        whole_side, part_side = _parse_side(text[: split.start()]), _parse_side(text[split.end() :])
        if whole_side is not None and part_side is not None and (joined := _joined(whole_side, part_side)):
            return joined
    return None


def _joined(whole_side: _Side, part_side: _Side) -> ParsedAmount | None:
    """The whole amount plus its hundredths; a part without a unit ("$20 43") counts hundredths too (the
    amounts component offers such a part only at the end of a phrase)."""
    if whole_side.multiplier or part_side.multiplier or part_side.sign:
        return None
    whole = _currency_of(whole_side)
    part = currency_word(part_side.unit) if part_side.unit else whole
    if whole is None or whole.minor or part is None or (part_side.unit and not part.minor):
        return None
    if part.code != whole.code and part.family != "dollar":  # "cents" join any unit; "pence" only pounds
        return None
    if not (0 < part_side.number < 100 and part_side.number == int(part_side.number)):
        return None
    return _money(as_number(whole_side.number + part_side.number / 100), None, whole)


@lru_cache(maxsize=4096)
def parse_amount(text: str) -> ParsedAmount | None:
    """The amount written in `text`, or None when it is not a money amount or a percentage.

    "US$40 billion" -> money 40000000000 USD; "5.5 pct" -> percent 5.5; "$5-6 million" -> money
    5000000..6000000. A bare "$" or "dlrs" reads as USD with `family` "dollar" set, so the caller may
    apply the dollar the story names; a local sign ("Rs", "K") carries the countries that write it.
    """
    normalized = " ".join(text.replace("\u2013", "-").split())
    if not normalized or len(normalized) > 120:
        return None
    single = _parse_single(normalized)
    if single is not None:
        return single
    return _parse_with_subunits(normalized) or _parse_range(normalized)


# --- the story around a span ------------------------------------------------------------------


@cache
def _family_cues() -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """Per family, what names one of its members, and the member's code: "canadian dlrs" and "c$" for
    the dollar; for the other families the country word alone too ("Philippine", "Manila" make
    "pesos" PHP), which for the dollar would be too weak a hint ("a Canadian company earned 5 mln dlrs")."""
    cues: dict[str, dict[str, str]] = {}
    for surface, word in currency_words().items():
        if word.family and not word.bare and not word.minor:
            cues.setdefault(word.family, {})[surface] = word.code
            country = surface.rsplit(" ", 1)[0]
            if word.family != "dollar" and country != surface and country not in currency_words():
                cues[word.family].setdefault(country, word.code)
    for place, family, code in load_tsv(COUNTRIES, 3):
        cues.setdefault(family, {}).setdefault(place.lower(), code)
    return {
        family: (re.compile(rf"(?<![a-z])(?:{_alternation(names)})(?![a-z])"), names)
        for family, names in cues.items()
    }


def story_currency(before: str, family: str) -> str | None:
    """The member of `family` the story last named in the text `before` an amount (its CONTEXT_TOKENS
    tokens; for the dollar only the last CONTEXT_CHARS characters): "Canadian dlrs" -> CAD, and the
    "Swiss francs" or the ZURICH dateline of a lead still tell what a bare "francs" means further down."""
    if family not in _family_cues():
        return None
    regex, codes = _family_cues()[family]
    if family == "dollar":
        before = before[-CONTEXT_CHARS:]  # US dollars are named next to others too often for a far cue
    last = None
    for last in regex.finditer(before.lower()):
        pass
    if last is None:
        return None
    return codes.get(" ".join(last.group(0).split()))


# "a year earlier", "a month ago" date the amount rather than make it recurring.
NOT_A_DATE = r"(?![\s-]+(?:earlier|ago|before|later|previously|back|after|from|on|old|long|to\s+date)(?![a-z]))"


# "annual sales of more than $375m": a rate adjective, a few words of the noun it heads, a linking word.
LINKING_WORDS = r"(?:of|at|to|is|are|was|were|totalling|totaling|worth|reaching)"
HEDGES = r"(?:(?:(?:more|less) than|about|around|some|nearly|almost|over|up to|an estimated|roughly)\s+)?"


# "per student", "a head" between an amount and its rate word.
PER_UNIT = r"(?:(?:per|a|an|each)\s+[a-z]+\s+)?"


@cache
def _period_regexes() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(regex, period, which text it reads: 'before' or 'after' the amount)."""
    regexes = []
    for phrase, period, side in period_phrases():
        words = r"[\s-]+".join(re.escape(word) for word in phrase.split(" "))
        if side == "after":  # "Rs 50,000 per student per year": a rate may name what it is per first
            regexes.append((re.compile(rf"^[\s,-]*{PER_UNIT}(?:{words})(?![a-z]){NOT_A_DATE}"), period, "after"))
        elif side == "after_verb":  # "600 mln roubles was lost annually"
            regexes.append((re.compile(rf"^(?:\s+[a-z]+){{1,2}}\s+(?:{words})(?![a-z])"), period, "after"))
        elif side == "noun_before":  # "annual sales of $30bn", "yearly sales are $14.4bn"
            noun = rf"(?<![a-z])(?:{words})\s+(?:[a-z-]+\s+){{0,3}}{LINKING_WORDS}\s+{HEDGES}$"
            regexes.append((re.compile(noun), period, "before"))
        else:
            regexes.append((re.compile(rf"(?<![a-z])(?:{words})\s*$"), period, "before"))
    return tuple(regexes)


def period_around(before: str, after: str) -> str | None:
    """'year' for "$8 million annually" / "5 pct a year" / "annual sales of $30bn"; None when nothing
    makes it recurring."""
    before, after = " ".join(before[-80:].lower().split()) + " ", after[:32].lower()
    for regex, period, side in _period_regexes():
        if regex.search(after if side == "after" else before):
            return period
    return None


def mention_text(span: Span) -> str:
    """The span's text, less the sentence's full stop a token like "m." (in "£600m.") carries."""
    return span.text.removesuffix(".").rstrip()


def parse_span(span: Span) -> ParsedAmount | None:
    """parse_amount on the span's text, with the unit it borrows from a neighbour if any."""
    template = getattr(span._, TEMPLATE_EXTENSION, None) if span.has_extension(TEMPLATE_EXTENSION) else None
    text = mention_text(span)
    return parse_amount(template.format(text) if template else text)


def amount_from_span(span: Span) -> Amount | None:
    """The Amount record of an amount span, or None when its text does not parse as one, or when its
    sign is a local one ("K5 million") that the story ties to no country."""
    text = mention_text(span)
    parsed = parse_span(span)
    if parsed is None or parsed.value is None:
        return None  # "millions of dollars" names no amount
    end = span.start_char + len(text)
    before = _text_before(span)
    after = _text_after(span, text)
    currency = _qualified_after(parsed, after) or resolved_currency(parsed, span.doc, before, _is_conversion(span))
    currency = current_currency(currency, getattr(span.doc._, "published", None) if span.doc.has_extension("published") else None)
    if parsed.kind == "money" and currency is None and parsed.local and not parsed.spoken:
        return None
    return Amount(
        start=span.start_char,
        end=end,
        text=text,
        kind=parsed.kind,
        value=parsed.value,
        value_max=parsed.value_max,
        currency=currency,
        period=period_around(before, after),
    )


@cache
def currency_successions() -> dict[str, tuple[str, dt.date]]:
    return {old: (new, dt.date.fromisoformat(since)) for old, new, since in load_tsv(SUCCESSIONS, 3)}


def current_currency(code: str | None, published: dt.date | None) -> str | None:
    """The money a code read from the story stands for at its date: "cedis" or "GHC" in a 2018 story (or an
    undated one) is GHS, in a 1987 story GHC; and the other way round, the kwacha of a Zambian story from
    2006 is ZMK, though CLDR gives Zambia's money today (models/gazetteers/currency_successions.tsv)."""
    succession = currency_successions().get(code or "")
    if succession is None:
        older = _predecessors().get(code or "")
        return older[0] if older and published is not None and published < older[1] else code
    new, since = succession
    return code if published is not None and published < since else new


@cache
def _predecessors() -> dict[str, tuple[str, dt.date]]:
    return {new: (old, since) for old, (new, since) in currency_successions().items()}


QUALIFIER_AFTER = re.compile(r"^\s*\(\s*([A-Za-z. ]{2,20}?)\s*\)")


def _qualified_after(parsed: ParsedAmount, after: str) -> str | None:
    """'6 mln dlrs (U.S.)': a country in brackets right after a bare amount says which of its family."""
    match = QUALIFIER_AFTER.match(after) if parsed.family else None
    if match is None:
        return None
    country = lexicon().country_of(match.group(1))
    members = dict(family_members().get(parsed.family or "", ()))
    return members.get(country) if country else None


DOLLAR = "dollar"


def resolved_currency(parsed: ParsedAmount, doc, before: str, conversion: bool = False) -> str | None:
    """The currency of a parsed amount in its story (ANNOTATION.md, Settled cases: local money).

    A bare "$" or "rupees" takes the family member the story named just before ("Canadian dlrs"), else the
    one of the country the story ties itself to (wirefacts.country), else its default (USD for "$"). A
    bare "$" in brackets after another amount (`conversion`: "HK$9 billion ($1.15 billion)") is the
    default; a cue naming the default ("US$18.1 million") does not displace the story's own dollar where
    the story writes that one with its own sign too ("TT$52.49 billion"): the writer marks both, and the
    bare word is the story's country's (the Settled case). A sign or word several
    countries write ("Rs", "Br", "riyals") takes the money of the story's country, else of the country it
    names most among its writers, else the one of them the story's other amounts name ("Birr")."""
    ties = _evidence(doc)
    if parsed.family:
        if conversion and parsed.family == DOLLAR:
            return parsed.currency
        members = family_members().get(parsed.family, ())
        home = choose_member(ties, members)
        named = story_currency(before, parsed.family)
        if named and not (parsed.family == DOLLAR and named == parsed.currency and home in _story_money(doc)):
            return named
        if home or parsed.family == DOLLAR or _at_home(parsed.currency, ties):
            return home or parsed.currency
        return member_named_most(ties, members) or parsed.currency
    if parsed.local:
        return (
            choose_member(ties, parsed.local)
            or (parsed.currency if _at_home(parsed.currency, ties) else None)
            or member_named_most(ties, parsed.local)
            or (None if parsed.one_letter else _named_by_the_story(doc, parsed.local))
            or parsed.currency
        )
    return parsed.currency


def _at_home(default: str | None, ties: StoryTies) -> bool:
    """Whether the story is from the country of a word's own default money ("francs" under a PARIS dateline
    of 1987 are French, though France's money today is the euro)."""
    return default is not None and ties.country is not None and default[:2] == ties.country


STORY_MONEY_KEY = "wirefacts_story_money"


def _named_by_the_story(doc, members: Local) -> str | None:
    """The one of `members` that the story's amounts name in a form no other currency shares ("one trillion
    Birr" makes the story's "1.93 trillion Br" Ethiopian, not Belarusian)."""
    named = {code for _country, code in members} & _story_money(doc)
    return named.pop() if len(named) == 1 else None


def _story_money(doc) -> frozenset[str]:
    """The currencies the story's amounts name in forms no other currency shares, once per Doc."""
    if STORY_MONEY_KEY not in doc.user_data:
        doc.user_data[STORY_MONEY_KEY] = _unshared_codes(doc)
    return doc.user_data[STORY_MONEY_KEY]


def _unshared_codes(doc) -> frozenset[str]:
    codes = set()
    for span in doc.spans.get("amounts", ()):
        parsed = parse_span(span)
        if parsed is None or parsed.currency is None or parsed.family:
            continue
        if all(code == parsed.currency for _country, code in parsed.local):
            codes.add(parsed.currency)
    return frozenset(codes)


EVIDENCE_KEY = "wirefacts_country_evidence"


def _evidence(doc) -> StoryTies:
    """The story's country ties, collected once per Doc."""
    if EVIDENCE_KEY not in doc.user_data:
        dateline = getattr(doc._, "dateline", None) if doc.has_extension("dateline") else None
        text = doc._.source_text if doc.has_extension("source_text") and doc._.source_text else doc.text
        published = doc._.published if doc.has_extension("published") else None
        doc.user_data[EVIDENCE_KEY] = story_ties(text, dateline["place"] if dateline else None, published)
    return doc.user_data[EVIDENCE_KEY]


AMOUNT_ENDS_KEY = "wirefacts_amount_ends"


def _is_conversion(span: Span) -> bool:
    """Whether the amount opens a bracket right after another amount: "HK$9 billion ($1.15 billion)"."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text != "(":
        return False
    if AMOUNT_ENDS_KEY not in doc.user_data:
        doc.user_data[AMOUNT_ENDS_KEY] = frozenset(other.end for other in doc.spans.get("amounts", ()))
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i + 1 in doc.user_data[AMOUNT_ENDS_KEY]


def _text_before(span: Span) -> str:
    """The Doc's text from CONTEXT_TOKENS tokens before the span to the span."""
    doc = span.doc
    return doc_text(doc)[doc[max(0, span.start - CONTEXT_TOKENS)].idx : span.start_char] if span.start else ""


def _text_after(span: Span, mention: str) -> str:
    """The Doc's text from the end of `mention` (the start of the span's text) to 8 tokens after the span."""
    doc = span.doc
    last = min(span.end + 8, len(doc)) - 1
    end = doc[last].idx + len(doc[last]) if last >= span.end else span.end_char + len(doc[span.end - 1].whitespace_)
    return doc_text(doc)[span.start_char + len(mention) : end]
