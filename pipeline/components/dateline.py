"""Dateline ("Seoul, Jan 13:", "SALVADOR, Feb 26 -", "NAIROBI, Kenya (AP) _",
"Thiruvananthapuram (Kerala) [India], February 3 (ANI):", "LAGOS, 3 February (NAN) –") and credit line
("—IANS", "Reuter")."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import TypedDict

import srsly

from spacy.language import Language
from spacy.tokens import Doc

from wirefacts.components import story_text
from wirefacts.dates import MONTHS, WEEKDAYS, month_number
from wirefacts.resources import load_tsv

FORMS_FILE = "gazetteers/dateline_forms.tsv"
AGENCIES_FILE = "gazetteers/news_agencies.tsv"
SCALES_FILE = "gazetteers/scales.tsv"
RULES_FILE = "forms.json"
_MONTH = r"(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_PLACE = r"[A-Z][A-Za-z.'\u2019-]*(?:[ ][A-Z][A-Za-z.'\u2019-]*){0,3}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR_AFTER = r"(?:,[ ]*|[ ]+)"
_DATE = (
    rf"(?P<date>(?P<month>{_MONTH})[ ]+(?P<day>{_DAY})(?:{_YEAR_AFTER}(?P<year>\d{{4}}))?"
    rf"|(?P<day2>{_DAY})[ ]+(?P<month2>{_MONTH})(?:{_YEAR_AFTER}(?P<year2>\d{{4}}))?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
)
DATELINE_WINDOW = 400  # characters from the story's start in which its dateline may stand (a title may come first)
MAX_CREDIT_CHARS = 40  # a longer last line is the story's own text, not a sign-off
CREDIT_DASHES = "-\u2014\u2013"
# The kinds of forms.json: those of dateline_forms.tsv, and the agency names of news_agencies.tsv, which may
# sign a story off as well as stand in its dateline.
NEWS_AGENCY = "news_agency"


class DatelineValues(TypedDict):
    """What the component writes to `doc._.dateline` (plain values: the records layer makes the Dateline)."""

    place: str | None  # as written, bracketed qualifiers joined with commas: "Kochi, Kerala, India"
    date: str | None  # ISO date, its year inferred when the dateline gives none
    start: int  # offsets in the story text
    end: int
    text: str


class CreditValues(TypedDict):
    """What the component writes to `doc._.credit`: the sign-off or the dateline's agency."""

    start: int
    end: int
    text: str


# What the component writes (None: the story has none).
for _name in ("dateline", "credit"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def default_forms() -> dict[str, list[str]]:
    """The component's rules as models/ ships them: dateline_forms.tsv by kind, plus the news agencies."""
    forms: dict[str, list[str]] = {}
    for part, kind in load_tsv(FORMS_FILE, 2):
        forms.setdefault(kind, []).append(part)
    forms[NEWS_AGENCY] = [name for name, _canonical in load_tsv(AGENCIES_FILE, 2)]
    return forms


class DatelineRules:
    """The dateline pattern and the agency names, made from a component's forms."""

    def __init__(self, forms: dict[str, list[str]], window: int = DATELINE_WINDOW, max_credit_chars: int = MAX_CREDIT_CHARS):
        self.window = window
        self.max_credit_chars = max_credit_chars
        news_agencies = forms.get(NEWS_AGENCY, [])
        # agency names as written, and lowercased ("REUTER" signs off as often as "Reuter")
        self.signoffs = frozenset(news_agencies) | frozenset(name.lower() for name in news_agencies)
        self.agencies = frozenset(forms.get("agency", [])) | self.signoffs
        self.pattern = _dateline_pattern(forms, self.agencies)


@cache
def default_rules() -> DatelineRules:
    return DatelineRules(default_forms())


def _dateline_pattern(forms: dict[str, list[str]], agencies: frozenset[str]) -> re.Pattern:
    """Place, its qualifiers (", Kenya", "(Kerala)", "[India]"), a date in either order (or in brackets:
    "KUALA LUMPUR (June 11):"), an agency in brackets, a separator. Only the first lines of a story can
    carry a dateline; the title may come first."""
    not_agency = rf"(?!(?:{_alternation(agencies)})\))"
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
    text: str, published: dt.date | None, today: dt.date | None = None, rules: DatelineRules | None = None
) -> tuple[DatelineValues, str | None] | None:
    """The story's dateline and the agency it names, if any, from the first `rules.window` characters."""
    rules = rules or default_rules()
    for match in rules.pattern.finditer(text[: rules.window]):
        place = match.group("place")
        has_date = match.group("date") is not None
        agency = match.group("agency")
        if not (has_date or agency or place.isupper()):
            continue  # "Key Points -" is not a dateline; a bare place must be in capitals ("TOKYO -")
        if match.group("sep") is None and agency not in rules.agencies:
            continue  # only a known agency ends a dateline without a separator ("Abuja, Jan. 11 (NAN) The ...")
        qualifiers = match.group("qualifiers")
        if agency is None and not has_date and (last := _TRAILING_BRACKETS.search(qualifiers)):
            qualifiers, agency = qualifiers[: last.start()], last.group(1)  # "SACRAMENTO, Calif. (CN) -"
        date = _dateline_date(match, text, published, today)
        dateline = DatelineValues(
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


def find_credit(text: str, rules: DatelineRules | None = None) -> CreditValues | None:
    """The sign-off on the story's last non-empty line: "—IANS", "Reuter", "-- Reuters"."""
    rules = rules or default_rules()
    stripped = text.rstrip()
    line_start = stripped.rfind("\n") + 1
    line = stripped[line_start:]
    body = line.lstrip(" \t" + CREDIT_DASHES)
    if not body or len(body) > rules.max_credit_chars:
        return None
    name = body.strip()
    if name in rules.signoffs or name.lower() in rules.signoffs or (line.lstrip()[:1] in CREDIT_DASHES and name[:1].isupper()):
        start = line_start + line.index(body)
        return CreditValues(start=start, end=start + len(name), text=name)
    return None


def _credit_in_dateline(text: str, dateline: DatelineValues, agency: str) -> CreditValues:
    start = text.index(f"({agency})", dateline["start"]) + 1
    return CreditValues(start=start, end=start + len(agency), text=agency)


class DatelineFinder:
    """The story's dateline and credit line, as plain values on `doc._.dateline` and `doc._.credit` (see
    DatelineValues, CreditValues; the records layer makes them the record's Dateline and Credit). Its forms
    (separators, qualifier brackets, agency names) are saved with the pipeline and can be replaced with
    `initialize(forms=...)`."""

    def __init__(self, nlp: Language, name: str, window: int = DATELINE_WINDOW, max_credit_chars: int = MAX_CREDIT_CHARS,
                 forms: dict[str, list[str]] | None = None):
        self.name = name
        self.window = window
        self.max_credit_chars = max_credit_chars
        self._build(forms if forms is not None else default_forms())

    def _build(self, forms: dict[str, list[str]]) -> None:
        self.forms = {kind: list(parts) for kind, parts in forms.items()}
        self.rules = DatelineRules(self.forms, self.window, self.max_credit_chars)

    def __call__(self, doc: Doc) -> Doc:
        text = story_text(doc)
        found = find_dateline(text, doc._.published, rules=self.rules)
        doc._.dateline = found[0] if found else None
        credit = find_credit(text, self.rules)
        if credit is None and found and found[1]:
            credit = _credit_in_dateline(text, found[0], found[1])
        doc._.credit = credit
        return doc

    def initialize(self, get_examples=None, *, nlp: Language | None = None, forms: dict[str, list[str]] | None = None) -> None:
        if forms is not None:
            self._build(forms)

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / RULES_FILE, self.forms)

    def from_disk(self, path, exclude=tuple()) -> DatelineFinder:
        self._build(srsly.read_json(Path(path) / RULES_FILE))
        return self


@Language.factory(
    "wirefacts_dateline",
    assigns=["doc._.dateline", "doc._.credit"],
    default_config={"window": DATELINE_WINDOW, "max_credit_chars": MAX_CREDIT_CHARS},
)
def make_dateline(nlp: Language, name: str, window: int, max_credit_chars: int) -> DatelineFinder:
    return DatelineFinder(nlp, name, window=window, max_credit_chars=max_credit_chars)
