"""How the names of one body vary within a story: a comparison key without article, possessive or legal suffix;
acronyms ("IMF", "BoE"); the short forms of a full name ("Texaco" of "Texaco Inc"); aliases from
models/gazetteers/org_aliases.tsv; the news agency or party a name stands for. Pure string functions: the
organizations component asks them which names the story repeats, the records layer which mentions co-refer."""

from __future__ import annotations

import re
from functools import lru_cache

from wirefacts.lexicon import Lexicon

POSSESSIVES = ("'s", "\u2019s")
ARTICLES = ("the", "a", "an")

_CORPORATE = re.compile(r"[\s,]+(?:inc|corp|co|ltd|plc|ag|sa|nv|bv|spa|gmbh|llc|lp|cos|group|holdings?)\.?$", re.I)


@lru_cache(maxsize=16384)
def entity_key(text: str) -> str:
    """A mention's comparison key: lowercased, no article, possessive, punctuation or legal suffix."""
    key = text.lower().replace("\u2019", "'")
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"'s?$", "", key)
    previous = None
    while previous != key:
        previous = key
        key = _CORPORATE.sub("", key)
    key = re.sub(r"[^\w\s&]", " ", key)
    return " ".join(key.split())


def acronym(text: str) -> str:
    words = [word for word in re.split(r"[\s-]+", text) if word and word[0].isupper() and word.lower() not in ("the",)]
    return "".join(word[0] for word in words)


def canonical(text: str, lex: Lexicon) -> str | None:
    """The news agency or party a name stands for: "Reuter", "REUTER" and "Reuters" are one body; so are
    "SPD" and "Social Democrats"."""
    return lex.agencies.get(text) or lex.agencies.get(text.title()) or lex.parties.get(text)


def is_alias(text: str, full_key: str, lex: Lexicon) -> bool:
    """"Fed" for the story's "Federal Reserve", "USDA" for its "Agriculture Department" (models/.../org_aliases.tsv)."""
    words = set(full_key.split())
    return any(required <= words for required in lex.aliases.get(text, ()))


def letters_acronym(text: str) -> str:
    """The acronym that keeps the case of every word's first letter: "BoE" for "Bank of England"."""
    return "".join(word[0] for word in re.split(r"[\s-]+", text) if word and word[0].isalpha())


def short_form(key: str, other_key: str, text: str, other_text: str, lex: Lexicon) -> bool:
    """"Texaco" for "Texaco Inc", "EADS" for "European Aeronautic Defence and Space Company"."""
    short, long_ = (key, other_key) if len(key) < len(other_key) else (other_key, key)
    short_text, long_text = (text, other_text) if len(key) < len(other_key) else (other_text, text)
    if not short:
        return False
    if _CORPORATE.search(short_text.rstrip(".")) or _CORPORATE.search(short_text):
        return False  # "Thyssen AG" is the full name of another body than "Thyssen Stahl AG"
    if short_text.title() in lex.legislature_names:
        return False  # "the House" is a body of its own, not its "House Budget Committee"
    if short_text.isupper() and len(short_text) >= 2:
        letters = short_text.replace(".", "")
        words = long_text.split()
        while len(words) > 1 and words[-1] in lex.org_suffixes:
            words.pop()  # "EADS" for "European Aeronautic Defence and Space Company"
        if letters in (acronym(long_text), acronym(" ".join(words)), letters_acronym(long_text).upper()):
            return True  # "BOJ" for "Bank of Jamaica" too
    if len(short_text) >= 3 and short_text[0].isupper() and short_text == letters_acronym(long_text):
        return True  # "BoE" for "Bank of England"
    short_words, long_words = short.split(), long_.split()
    if len(short_words) >= len(long_words):
        return False
    if long_words[: len(short_words)] == short_words:
        return not (len(short_words) == 1 and short_words[0] in lex.generic_org_words)
    if len(short_words) == 1 and len(long_words) == 2 and long_words[1] == short_words[0] \
            and lex.org_heads.get(short_words[0]) == "government" and long_words[0] in lex.generic_org_words:
        return True  # "Treasury" for the story's "National Treasury"
    if len(short_words) >= 2 and short_words[0] not in lex.generic_org_words:
        # "Seaway Authority" for "St Lawrence Seaway Authority"; "Thai International" for "Thai Airways International"
        return long_words[-len(short_words) :] == short_words or (
            short_words[0] == long_words[0] and _is_subsequence(short_words, long_words)
        )
    return False


def _is_subsequence(short: list[str], long_: list[str]) -> bool:
    remaining = iter(long_)
    return all(word in remaining for word in short)

