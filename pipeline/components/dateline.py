"""Dateline ("Seoul, Jan 13:", "SALVADOR, Feb 26 -", "NAIROBI, Kenya (AP) _") and credit line ("—IANS", "Reuter")."""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from wirefacts.components import story_text
from wirefacts.dates import MONTHS, month_number
from wirefacts.resources import load_tsv
from wirefacts.schema import Credit, Dateline

_MONTH = r"(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_PLACE = r"[A-Z][A-Za-z.'\u2019-]*(?:[ ][A-Z][A-Za-z.'\u2019-]*){0,3}"
# Only the first lines of a story can carry a dateline; the title may come first.
DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<place>{_PLACE}(?:,[ ]{_PLACE})?)"
    rf"(?:,?[ ]+(?P<date>(?P<month>{_MONTH})[ ]+(?P<day>\d{{1,2}})(?:,[ ]*(?P<year>\d{{4}}))?|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})))?"
    rf"(?:[ ]*\((?P<agency>[A-Za-z][A-Za-z .-]{{0,30}})\))?"
    rf"[ ]*(?P<sep>[-:_\u2014\u2013]{{1,2}})(?=[ \t\n])",
    re.IGNORECASE,
)
DATELINE_WINDOW = 400
CREDIT_DASHES = "-\u2014\u2013"


def _agencies() -> dict[str, str]:
    """Agency names as written, and lowercased ("REUTER" signs off as often as "Reuter")."""
    rows = load_tsv("gazetteers/news_agencies.tsv", 2)
    return {name: canonical for name, canonical in rows} | {name.lower(): canonical for name, canonical in rows}


def infer_year(month: int, day: int, published: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """The dateline's full date: the year that puts it nearest the publication date (else today, not in the future)."""
    anchor = published or today or dt.date.today()
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if published is None:
        candidates = [day_ for day_ in candidates if day_ <= anchor] or candidates
    return min(candidates, key=lambda day_: abs((day_ - anchor).days))


def find_dateline(text: str, published: dt.date | None) -> tuple[Dateline, str | None] | None:
    head = text[:DATELINE_WINDOW]
    for match in DATELINE.finditer(head):
        place = match.group("place")
        has_date = match.group("date") is not None
        agency = match.group("agency")
        if not (has_date or agency or place.isupper()):
            continue  # "Key Points -" is not a dateline; a bare place must be in capitals ("TOKYO -")
        date = _dateline_date(match, published)
        dateline = Dateline(
            place=place.strip(),
            date=date.isoformat() if date else None,
            start=match.start("place"),
            end=match.end("sep"),
            text=text[match.start("place") : match.end("sep")],
        )
        return dateline, agency
    return None


def _dateline_date(match: re.Match, published: dt.date | None) -> dt.date | None:
    if match.group("iso"):
        try:
            return dt.date.fromisoformat(match.group("iso"))
        except ValueError:
            return None
    if not match.group("month"):
        return None
    month = month_number(match.group("month"))
    day = int(match.group("day"))
    if match.group("year"):
        try:
            return dt.date(int(match.group("year")), month, day)
        except ValueError:
            return None
    return infer_year(month, day, published)


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
