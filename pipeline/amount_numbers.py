"""The number of an amount as written: digit groupings of many countries, and numbers in words.

Digits: "1,234.5" and "1,25,000" (English and lakh/crore grouping), "1.144.000" and "1.837,32" (dot
grouping), "1'049,95" (apostrophe grouping), "2 390" (space grouping; the amounts component only joins
groups that one space separates), "35,70" (decimal comma: a comma followed by one or two digits is never
an English thousands separator) and "50,-" (whole units).

One reading is ambiguous: a single dot followed by exactly three digits ("€1.234"). An English story
writes a decimal point there, so it is read as one, except in a currency whose cash prices have no
decimals (rupiah, dong, forint, yen: CLDR's cash digits are 0) and no scale word follows: "Rp 31.500" is
31500, "1.234bn yen" is 1.234 billion. Nothing else is guessed: a form that fits no rule is no number.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from wirefacts.resources import load_tsv

NUMBER_WORDS = "gazetteers/amount_number_words.tsv"

SPACES = " \u00a0\u202f\u2009"  # what may separate digit groups: a space, no-break or thin space
GROUPED_COMMA = r"\d{1,3}(?:,\d{2})*(?:,\d{3})+(?:\.\d+)?"
GROUPED_DOT = r"\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}"
GROUPED_APOSTROPHE = r"\d{1,3}(?:['\u2019]\d{3})+(?:[.,]\d{1,2})?"
DECIMAL_COMMA = r"\d+,\d{1,2}(?!\d)"
WHOLE_DASH = r"\d+(?:[.,']\d{3})*,-"
PLAIN = r"\d+(?:\.\d+)?|\.\d+"
# One token's worth of digits, most specific first.
DIGITS = "|".join((WHOLE_DASH, GROUPED_DOT, GROUPED_COMMA, GROUPED_APOSTROPHE, DECIMAL_COMMA, PLAIN))
GROUPED_SPACE = rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:[.,]\d{{1,2}})?(?!\d)"
SINGLE_DOT_THOUSANDS = re.compile(r"^\d{1,3}\.\d{3}$")


def digits_value(text: str, cashless_decimals: bool = False) -> Decimal | None:
    """The value of digits as written, or None for a form no rule reads.

    `cashless_decimals`: the amount's currency has no decimals in cash prices and no scale word follows,
    so "31.500" is thirty-one thousand five hundred.
    """
    text = text.replace("\u2019", "'")
    if re.fullmatch(WHOLE_DASH, text):
        text = text[:-2]
        return digits_value(text.replace(",", "").replace(".", "").replace("'", ""))
    if re.fullmatch(GROUPED_COMMA, text):
        plain = text.replace(",", "")
    elif re.fullmatch(GROUPED_DOT, text):
        plain = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(GROUPED_APOSTROPHE, text):
        plain = text.replace("'", "").replace(",", ".")
    elif re.fullmatch(GROUPED_SPACE, text):
        plain = re.sub(f"[{SPACES}]", "", text).replace(",", ".")
    elif re.fullmatch(DECIMAL_COMMA, text):
        plain = text.replace(",", ".")
    elif cashless_decimals and SINGLE_DOT_THOUSANDS.match(text):
        plain = text.replace(".", "")
    elif re.fullmatch(PLAIN, text):
        plain = text
    else:
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:
        return None


# --- numbers in words ---------------------------------------------------------------------------

# Words inside a number that multiply what precedes them; larger scales (million...) are scale words.
MULTIPLIERS = {"hundred": Decimal(100), "thousand": Decimal(1000)}
FILLERS = frozenset({"and", "of"})


@cache
def number_words() -> dict[str, Decimal]:
    return {word.lower(): Decimal(value) for word, value in load_tsv(NUMBER_WORDS, 2)}


def words_value(text: str) -> Decimal | None:
    """'thirty two' 32, 'fifty- eight' 58, 'one hundred and twenty-five' 125, 'one-and-a-half' 1.5,
    'a quarter of a' 0.25, 'a' 1 (in "a billion dlrs"); None when a word is no number word."""
    words = [word for word in re.split(r"[\s-]+", text.lower().strip()) if word]
    known = number_words()
    total, current, seen = Decimal(0), Decimal(0), False
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else None
        if word in FILLERS:
            continue
        if word in ("a", "an"):
            if following is None and not seen:  # "a" alone before a scale or unit: "a billion dlrs"
                current, seen = Decimal(1), True
            continue  # "a hundred", "a half", "half a", "of a": the other words carry the value
        if word in MULTIPLIERS:
            if word == "hundred":
                current = (current or Decimal(1)) * MULTIPLIERS[word]
            else:
                total += (current or Decimal(1)) * MULTIPLIERS[word]
                current = Decimal(0)
        elif word in known:
            value = known[word]
            place = Decimal(10) if value < 10 else Decimal(100)
            if value == int(value) and current % place:
                return None  # "five six", "twenty thirty": two numbers, not one
            current += value
        else:
            return None
        seen = True
    return total + current if seen else None
