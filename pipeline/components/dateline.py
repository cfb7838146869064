"""Dateline ("Seoul, Jan 13:", "SALVADOR, Feb 26 -", "NAIROBI, Kenya (AP) _",
"Thiruvananthapuram (Kerala) [India], February 3 (ANI):", "LAGOS, 3 February (NAN) –") and credit line
("—IANS", "Reuter")."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from wirefacts.components import story_text
from wirefacts.dates import MONTHS, WEEKDAYS, month_number
from wirefacts.resources import load_tsv
from wirefacts.schema import Credit, Dateline

FORMS_FILE = "gazetteers/dateline_forms.tsv"
SCALES_FILE = "gazetteers/scales.tsv"
_MONTH = r"(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_PLACE = r"[A-Z][A-Za-z.'\u2019-]*(?:[ ][A-Z][A-Za-z.'\u2019-]*){0,3}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR_AFTER = r"(?:,[ ]*|[ ]+)"
_DATE = (
    rf"(?P<date>(?P<month>{_MONTH})[ ]+(?P<day>{_DAY})(?:{_YEAR_AFTER}(?P<year>\d{{4}}))?"
    rf"|(?P<day2>{_DAY})[ ]+(?P<month2>{_MONTH})(?:{_YEAR_AFTER}(?P<year2>\d{{4}}))?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
)
DATELINE_WINDOW = 400
CREDIT_DASHES = "-\u2014\u2013"


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def dateline_forms() -> dict[str, list[str]]:
    forms: dict[str, list[str]] = {}
    for part, kind in load_tsv(FORMS_FILE, 2):
        forms.setdefault(kind, []).append(part)
    return forms


@cache
def dateline_agencies() -> frozenset[str]:
    """Agency names a dateline may carry: news_agencies.tsv and the dateline-only names of dateline_forms.tsv."""
    return frozenset(dateline_forms().get("agency", [])) | frozenset(_agencies())


@cache
def dateline_pattern() -> re.Pattern:
    """Place, its qualifiers (", Kenya", "(Kerala)", "[India]"), a date in either order (or in brackets:
    "KUALA LUMPUR (June 11):"), an agency in brackets, a separator. Only the first lines of a story can
    carry a dateline; the title may come first."""
    forms = dateline_forms()
    not_agency = rf"(?!(?:{_alternation(dateline_agencies())})\))"
    brackets = [rf"[ ]*{re.escape(pair[0])}{not_agency}{_PLACE}{re.escape(pair[1])}" for pair in forms["qualifier"]]
    qualifier = "|".join([rf",[ ]{_PLACE}", *brackets])
    separator = _alternation(forms["separator"])
    return re.compile(
        rf"(?m)^[ \t]*(?P<place>{_PLACE})(?P<qualifiers>(?:{qualifier}){{0,3}})"
        rf"(?:(?:,?[ ]+|[ ]*(?P<open>\())(?:{_DATE})(?(open)\)))?"
        rf"(?:,?[ ]*\((?P<agency>[A-Za-z][A-Za-z .-]{{0,30}})\))?"
        rf"(?:[ ]*(?P<sep>{separator})(?=[ \t\n])|(?<=\))(?=[ ]))",
        re.IGNORECASE,
    )


def _agencies() -> dict[str, str]:
    """Agency names as written, and lowercased ("REUTER" signs off as often as "Reuter")."""
    rows = load_tsv("gazetteers/news_agencies.tsv", 2)
    return {name: canonical for name, canonical in rows} | {name.lower(): canonical for name, canonical in rows}


@cache
def _written_year_pattern() -> re.Pattern:
    """A year written as a year: 19xx/20xx on its own, or a split year ("2023/24", "FY2024/25") by its start;
    not a figure inside a larger number, after a currency sign, or before a scale word ("Rs 2000 crore")."""
    scales = _alternation(word for word, _ in load_tsv(SCALES_FILE, 2))
    return re.compile(
        rf"(?<![\w$\u20ac\u00a3\u00a5.,/-])(?:FY)?(?P<year>(?:19|20)\d\d)(?:[/-](?:\d{{4}}|\d{{2}}))?"
        rf"(?![\w%]|[.,]\d)(?![ ]?(?i:{scales})\b)"
    )


def written_years(text: str, latest: int) -> list[int]:
    """The years the story writes, in order, leaving out any after `latest` (targets like "by 2030" cannot be
    the year a story was written, once they are past the year the tool runs in)."""
    years = (int(match.group("year")) for match in _written_year_pattern().finditer(text))
    return [year for year in years if year <= latest]


def lead_weekday(text: str, start: int) -> int | None:
    """The weekday the lead names ("... said on Thursday"): the first full weekday name in the first sentence
    from `start`, as 0 (Monday) .. 6."""
    end = min((i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0), default=len(text))
    words = re.findall(r"[A-Za-z]+", text[start:end])
    return next((WEEKDAYS[word.lower()] for word in words if word.lower() in WEEKDAYS), None)


def plausible_year(month: int, day: int, years: list[int], weekday: int | None, today: dt.date) -> dt.date | None:
    """A dateline date written without its year, with no publication date: the year the story itself points at.

    The anchor is the year the story writes most often (the latest of a tie), else the year the tool runs in.
    Of the anchor and its neighbours (none after today), the one whose date falls on the weekday the lead
    names wins ("KIGALI, June 15 ... said on Thursday": a Thursday); else the anchor itself."""
    counts = Counter(years)
    anchor = max(counts, key=lambda year: (counts[year], year)) if counts else today.year
    candidates = [date for year in (anchor - 1, anchor, anchor + 1) if (date := _safe_date(year, month, day))]
    candidates = [date for date in candidates if date <= today] or candidates
    if weekday is not None and (same_weekday := [date for date in candidates if date.weekday() == weekday]):
        return min(same_weekday, key=lambda date: abs(date.year - anchor))
    if counts:
        return _safe_date(anchor, month, day)
    return min(candidates, key=lambda date: abs((date - today).days), default=None)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, published: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """The dateline's full date: the year that puts it nearest the publication date (else today, not in the future)."""
    anchor = published or today or dt.date.today()
    candidates = [date for year in (anchor.year - 1, anchor.year, anchor.year + 1) if (date := _safe_date(year, month, day))]
    if not candidates:
        return None
    if published is None:
        candidates = [day_ for day_ in candidates if day_ <= anchor] or candidates
    return min(candidates, key=lambda day_: abs((day_ - anchor).days))


def find_dateline(
    text: str, published: dt.date | None, today: dt.date | None = None
) -> tuple[Dateline, str | None] | None:
    head = text[:DATELINE_WINDOW]
    known = dateline_agencies()
    for match in dateline_pattern().finditer(head):
        place = match.group("place")
        has_date = match.group("date") is not None
        agency = match.group("agency")
        if not (has_date or agency or place.isupper()):
            continue  # "Key Points -" is not a dateline; a bare place must be in capitals ("TOKYO -")
        if match.group("sep") is None and agency not in known:
            continue  # only a known agency ends a dateline without a separator ("Abuja, Jan. 11 (NAN) The ...")
        qualifiers = match.group("qualifiers")
        if agency is None and not has_date and (last := _TRAILING_BRACKETS.search(qualifiers)):
            qualifiers, agency = qualifiers[: last.start()], last.group(1)  # "SACRAMENTO, Calif. (CN) -"
        date = _dateline_date(match, text, published, today)
        dateline = Dateline(
            place=_place_with_qualifiers(place, qualifiers),
            date=date.isoformat() if date else None,
            start=match.start("place"),
            end=match.end(),
            text=text[match.start("place") : match.end()],
        )
        return dateline, agency
    return None


# Brackets that end a dateline with no date are its agency, known or not ("SACRAMENTO, Calif. (CN) -").
_TRAILING_BRACKETS = re.compile(r"[ ]*\(([^()]*)\)$")


def _place_with_qualifiers(place: str, qualifiers: str) -> str:
    """"Thiruvananthapuram (Kerala) [India]" -> "Thiruvananthapuram, Kerala, India" (the form the country
    resolver reads, like "NAIROBI, Kenya"); a place without bracketed qualifiers stays as written."""
    parts = [place.strip()] + [part.strip(" ,()[]") for part in re.split(r"[,(\[]", qualifiers) if part.strip(" ,()[]")]
    return ", ".join(parts)


def _dateline_date(match: re.Match, text: str, published: dt.date | None, today: dt.date | None) -> dt.date | None:
    if match.group("iso"):
        try:
            return dt.date.fromisoformat(match.group("iso"))
        except ValueError:
            return None
    month_word = match.group("month") or match.group("month2")
    if not month_word:
        return None
    month = month_number(month_word)
    day = int(re.match(r"\d+", match.group("day") or match.group("day2")).group())
    year = match.group("year") or match.group("year2")
    if year:
        return _safe_date(int(year), month, day)
    if published is not None:
        return infer_year(month, day, published)
    today = today or dt.date.today()
    return plausible_year(month, day, written_years(text, today.year), lead_weekday(text, match.end()), today)


def find_credit(text: str, agencies: dict[str, str]) -> Credit | None:
    """The sign-off on the story's last non-empty line: "—IANS", "Reuter", "-- Reuters"."""
    stripped = text.rstrip()
    line_start = stripped.rfind("\n") + 1
    line = stripped[line_start:]
    body = line.lstrip(" \t" + CREDIT_DASHES)
    if not body or len(body) > 40:
        return None
    name = body.strip()
    if name in agencies or name.lower() in agencies or (line.lstrip()[:1] in CREDIT_DASHES and name[:1].isupper()):
        start = line_start + line.index(body)
        return Credit(start=start, end=start + len(name), text=name)
    return None


def _credit_in_dateline(text: str, dateline: Dateline, agency: str) -> Credit:
    start = text.index(f"({agency})", dateline.start) + 1
    return Credit(start=start, end=start + len(agency), text=agency)


@Language.factory("wirefacts_dateline", assigns=["doc._.dateline", "doc._.credit"])
def make_dateline(nlp: Language, name: str):
    agencies = _agencies()

    def component(doc: Doc) -> Doc:
        text = story_text(doc)
        found = find_dateline(text, doc._.published)
        doc._.dateline = found[0] if found else None
        credit = find_credit(text, agencies)
        if credit is None and found and found[1]:
            credit = _credit_in_dateline(text, found[0], found[1])
        doc._.credit = credit
        return doc

    return component
