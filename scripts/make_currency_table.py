"""Write models/gazetteers/currency_cldr.tsv from CLDR data: Babel's, and the narrow symbols of CLDR's JSON.

Run by hand when CLDR changes (Babel and the JSON are needed only here, not at run time):

    python -m venv /tmp/babel && /tmp/babel/bin/pip install babel
    (cd /tmp && npm pack cldr-numbers-full && tar xzf cldr-numbers-full-*.tgz)   # narrow symbols
    /tmp/babel/bin/python scripts/make_currency_table.py /tmp/package

It writes models/gazetteers/currency_cldr.tsv (surfaces) and currency_territories.tsv (who uses what).

Rows: the ISO 4217 codes in use since CODES_CUTOFF_YEAR, and for the currencies in use since CUTOFF_YEAR
the symbols English writes ("CA$", "₪", "₹") and its narrow ones ("$" for the Namibian dollar, "P" for the
pula), the symbols each country writes for its own money in each of its languages ("Kč", "zł", "₦", "Ksh",
"Rs" in Pakistan, "$" in Canada), the English names with their plurals ("Kuwaiti dinars"), the currency
words of those names without the country ("dinars", "birr", "kwacha"), and a narrow "$" or "£" after the
letters of the ISO code that name the country ("FJ$", "N$", "E£"), as the press of those countries writes
them. A surface that several countries write for their own money ("Rs", "$", "R", "riyals") gets one row
per country, so the reader can choose by the story's country (see wirefacts.country.choose_member).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global

CUTOFF_YEAR = 2010
# ISO codes are read back to wire copy of the 1980s ("DEM 170 000", "PTE 120 000 000").
CODES_CUTOFF_YEAR = 1980
# Bidi marks and zero-width spaces that CLDR puts in some symbols; they are not written in copy.
FORMAT_CHARACTERS = "\u200b\u200e\u200f\u061c"
GAZETTEERS = Path(__file__).resolve().parent.parent / "models" / "gazetteers"
# Narrow symbols after which the press writes the letters of the country: "FJ$", "N$", "E£".
PREFIXED_SIGNS = ("$", "£")
# A currency word is one word of letters ("birr", "riyals"; not "(2009–2024)").
CURRENCY_WORD = re.compile(r"^[^\W\d_][^\W\d_ʻ']*(?:[ʻ'][^\W\d_]+)?$")
LICENCE = (
    "# Data from the Unicode Common Locale Data Repository (CLDR), Copyright (c) Unicode, Inc., under the\n"
    "# Unicode License v3 (https://www.unicode.org/license.txt); read through Babel and CLDR's JSON.\n"
)


def current_currencies(cutoff: int = CUTOFF_YEAR) -> dict[str, set[str]]:
    """Territory -> codes that are legal tender there now or were after `cutoff`."""
    in_use: dict[str, set[str]] = {}
    for territory, entries in get_global("territory_currencies").items():
        for code, _start, end, tender in entries:
            if tender and (end is None or end[0] >= cutoff):
                in_use.setdefault(territory, set()).add(code)
    return in_use


def territory_of(locale: Locale) -> str | None:
    if locale.territory:
        return locale.territory
    likely = get_global("likely_subtags").get(locale.language, "")
    parts = likely.split("_")  # language_Script_TERRITORY
    return parts[-1] if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) == 2 else None


def narrow_symbols(cldr_json: Path) -> dict[str, str]:
    """English narrow symbols by code, from CLDR's JSON (Babel does not carry them)."""
    data = json.loads((cldr_json / "main" / "en" / "currencies.json").read_text(encoding="utf-8"))
    currencies = data["main"]["en"]["numbers"]["currencies"]
    return {code: entry["symbol-alt-narrow"] for code, entry in currencies.items() if "symbol-alt-narrow" in entry}


def users(in_use: dict[str, set[str]]) -> dict[str, list[str]]:
    """Code -> the countries where it is legal tender now (or was after CUTOFF_YEAR)."""
    by_code: dict[str, list[str]] = {}
    for territory, codes in sorted(in_use.items()):
        for code in codes:
            by_code.setdefault(code, []).append(territory)
    return by_code


def english_names(code: str, english: Locale) -> set[str]:
    names = {english.currencies.get(code, "")}
    names |= set(english._data["currency_names_plural"].get(code, {}).values())
    return {name for name in names if name}


def currency_word(name: str) -> str | None:
    """The currency word of an English name, less its country: "Ethiopian Birr" -> "birr"."""
    if " " not in name:
        return None
    word = name.rsplit(" ", 1)[1].lower()
    return word if CURRENCY_WORD.match(word) else None


def prefixed_signs(code: str, narrow: str, territories: list[str]) -> set[str]:
    """"FJ$" and "F$" for the Fijian dollar: the country's letters of the ISO code before its narrow sign
    (only where they are a country that uses it: not "XC$" for the East Caribbean dollar)."""
    if narrow not in PREFIXED_SIGNS or code[:2] not in territories:
        return set()
    return {code[:2] + narrow, code[:1] + narrow}


def rows(narrow: dict[str, str]) -> list[tuple[str, str, str, str]]:
    in_use = current_currencies()
    codes = set().union(*in_use.values())
    countries = users(in_use)
    english = Locale("en")
    all_codes = set().union(*current_currencies(CODES_CUTOFF_YEAR).values())
    found: list[tuple[str, str, str, str]] = [(code, code, "-", "code") for code in sorted(all_codes)]
    for code, symbol in english.currency_symbols.items():
        if code in codes and symbol != code:
            found.append((symbol, code, "-", "symbol"))
    for identifier in localedata.locale_identifiers():
        locale = Locale.parse(identifier)
        territory = territory_of(locale)
        for code in sorted(in_use.get(territory or "", ())):
            symbol = locale.currency_symbols.get(code)
            if symbol and symbol != code:
                found.append((symbol, code, territory, "local"))
    for code in sorted(codes):
        territories = countries.get(code, [])
        names = english_names(code, english)
        found.extend((name.lower(), code, "-", "name") for name in sorted(names))
        words = {word for name in names if (word := currency_word(name))}
        found.extend((word, code, territory, "word") for word in sorted(words) for territory in territories)
        sign = narrow.get(code)
        if sign and sign != code:
            found.extend((sign, code, territory, "narrow") for territory in territories)
    found.extend(_prefixed_rows(found, narrow, countries))
    return sorted(set(found), key=lambda row: (row[3], row[0], row[1], row[2]))


def _prefixed_rows(found, narrow: dict[str, str], countries: dict[str, list[str]]) -> list[tuple[str, str, str, str]]:
    """The prefixed signs, less those CLDR itself gives another currency ("T$" is the pa'anga's symbol, not
    the Trinidad dollar's; "C$" the cordoba's): a derived sign only fills a gap."""
    cldr_codes: dict[str, set[str]] = {}
    for surface, code, _territory, _kind in found:
        cldr_codes.setdefault(surface, set()).add(code)
    rows = []
    english = Locale("en")
    for code, sign in sorted(narrow.items()):
        territories = countries.get(code, [])
        for prefixed in sorted(prefixed_signs(code, sign, territories)):
            if cldr_codes.get(prefixed, {code}) <= {code}:
                rows.extend((prefixed, code, territory, "prefixed") for territory in territories)
        if sign == "$" and code[:2] in territories:  # "TT dollar", "NZ dollars": the same letters before the word
            words = {word for name in english_names(code, english) if (word := currency_word(name))}
            named = sorted(f"{code[:2].lower()} {word}" for word in words)
            rows.extend((name, code, territory, "prefixed") for name in named for territory in territories)
    return rows


def decimal_symbol(territory: str) -> str:
    """The decimal separator of the territory's most spoken language that CLDR has a locale for."""
    spoken = get_global("territory_languages").get(territory, {})
    for language, _info in sorted(spoken.items(), key=lambda item: -item[1]["population_percent"]):
        try:
            return Locale.parse(f"{language}_{territory}").number_symbols["latn"]["decimal"]
        except (UnknownLocaleError, ValueError, KeyError):
            continue
    return "."


def territory_rows() -> list[tuple[str, str, int, str, str]]:
    """(territory, code, cash digits, decimal separator): the money each country uses, how many decimals
    its prices take, and how it writes them."""
    fractions = get_global("currency_fractions")
    current = current_currencies()
    found = []
    for territory, codes in current_currencies(CODES_CUTOFF_YEAR).items():
        decimal = decimal_symbol(territory)
        for code in sorted(codes):
            _digits, _rounding, cash_digits, _cash_rounding = fractions.get(code, fractions["DEFAULT"])
            now = "current" if code in current.get(territory, ()) else "former"
            found.append((territory, code, cash_digits, decimal, now))
    return sorted(found)


def main(cldr_json: Path) -> None:
    with open(GAZETTEERS / "currency_cldr.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# Generated by scripts/make_currency_table.py from CLDR; do not edit by hand:\n"
            "# exceptions go to amount_currency_exclusions.tsv, hand-made words to currencies.tsv.\n"
            + LICENCE
            + "# columns: surface (as CLDR writes it) | ISO 4217 code | country that writes it for its own money"
            " (- for any) | kind (code; symbol: English symbol; narrow: English narrow symbol; local: a country's"
            " own symbol; name: English name, lowercase; word: the name's currency word, without the country;"
            " prefixed: the country's letters of the code before a narrow $ or £)\n"
        )
        for surface, code, territory, kind in rows(narrow_symbols(cldr_json)):
            surface = "".join(ch for ch in surface if ch not in FORMAT_CHARACTERS).strip()
            if "\t" in surface or surface.startswith("#") or not surface.strip():
                continue
            out.write(f"{surface}\t{code}\t{territory}\t{kind}\n")
    with open(GAZETTEERS / "currency_territories.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# Generated by scripts/make_currency_table.py from CLDR (via Babel); do not edit by hand.\n"
            + LICENCE
            + f"# columns: country | ISO 4217 code legal there after {CODES_CUTOFF_YEAR} | decimals of a cash price"
            f" | decimal separator of its main language | current (legal after {CUTOFF_YEAR}) or former\n"
        )
        for territory, code, cash_digits, decimal, now in territory_rows():
            out.write(f"{territory}\t{code}\t{cash_digits}\t{decimal}\t{now}\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_currency_table.py PATH_TO_cldr-numbers-full (the unpacked npm package)")
    main(Path(sys.argv[1]))
