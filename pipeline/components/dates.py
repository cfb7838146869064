"""The dates component: finds the spans that name a calendar day, week, month, quarter or year.

Candidates come from two sources: our token patterns (models/patterns/dates.jsonl) and, when the
pipeline has one, the NER's DATE entities. Both must pass `wirefacts.dates.is_date_expression`, the
one grammar of what counts (the NER's DATE also covers durations, ages and "annually").
The result is doc.spans["dates"]: sorted, no overlaps, the longest candidate kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from wirefacts.dates import WEEKDAY_FORMS, calendar_names, is_date_expression, resolve_date_text
from wirefacts.holidays import holiday_table
from wirefacts.components.lexeme_flags import LexemeFlags
from wirefacts.components.windows import Anchor, AnchoredMatcher, regex_anchor, word_anchor
from wirefacts.resources import load_patterns, load_tsv

PATTERNS_FILE = "patterns/dates.jsonl"
WORDS_FILE = "gazetteers/date_words.tsv"
SPANS_KEY = "dates"
SAME_WEEK_DAYS = 7  # a date this close to the story's own date has a weekday no other year can give
POSSESSIVES = frozenset({"'s", "\u2019s"})
COORDINATORS = frozenset({"and", "or", "to", "through", "-"})
RANGE_WORDS = COORDINATORS | {"until", "till", "thru", "\u2013"}

# Dropped from the front of a candidate: the contract's span is the date itself ("since 2022" -> "2022").
LEADING_WORDS = frozenset(
    "in on at since by until till through thru from to during before after of for between around about".split()
)
# Entity labels that make a rule match something other than a date ("May Department Stores", "$1990").
# (Not EVENT: the small model calls "the Aug. 7 Embassy bombings" one.)
NON_DATE_LABELS = frozenset("PERSON ORG FAC PRODUCT WORK_OF_ART LAW MONEY PERCENT QUANTITY CARDINAL".split())

# of the vocabulary's 45 spare lexeme flags, the most this component's text tests take
FLAGS_WANTED = 25


def words_by_class(rows: tuple[tuple[str, ...], ...]) -> dict[str, list[str]]:
    classes: dict[str, list[str]] = {}
    for word, word_class in rows:
        classes.setdefault(word_class, []).append(word.lower())
    return classes


# Patterns that a CARDINAL entity over their figures rules out; in every other form the month word, the
# separators or the suffix make the figures a date whatever the NER says ("26.10.2017", "13 Nov").
FIGURES_THE_NER_MAY_COUNT = frozenset({"bare_year", "weekday_number", "units_ago", "units_hence"})
# Patterns whose words are in no date: a week counted in a month or a year ("the last week of March" gives "March").
SUB_PERIOD = "sub_period"
# Patterns whose last token is only context that makes the figures a date ("13.06 morning", "19.5 08:05").
CONTEXT_LAST = frozenset({"dotted_date_time"})
# Patterns whose last token is a figure that a following noun makes a count ("Friday 27 people", "the 22nd game").
NOT_BEFORE_A_NOUN = frozenset({"weekday_number", "bare_day", "slash_day_month"})
# Weekday-and-day patterns whose day may open a date in apposition ("Friday, 27 May 2022", "Thursday, 26th May").
WEEKDAY_DAY = frozenset({"weekday_number", "weekday_day"})
# Two glued four-figure years: one split year only before a noun of the period_noun class.
SPLIT_YEAR_PAIR = "split_year_pair"
# Relative words naming one unit ("next year"): a figure before them and a singular unit counts something else.
ONE_UNIT_RELATIONS = frozenset({"next", "last", "this"})
# Fractions in market copy ("up 3/8", "5/16"): the denominators of typographic fractions.
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 8, 16, 32, 64})


OFFSET_LEAD_REACH = 3  # tokens of a lead before 'after/before/from' ("the third Tuesday", "three days")
HOLIDAY_REACH = 4  # tokens after a holiday name that can belong to it ("of next year", "in 3 years")
HOLIDAY_LEADS = frozenset({"this", "next", "last", "coming", "past"})
# A holiday name inside one of these is a place or a body ("Christmas Island", "Easter Seals").
NON_HOLIDAY_LABELS = NON_DATE_LABELS | {"GPE", "LOC"}


class DateFinder:
    def __init__(self, nlp: Language, name: str, patterns: list[dict], classes: dict[str, list[str]]):
        self.name = name
        self.vocab = nlp.vocab
        self.holiday_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.holiday_matcher.add("holiday", list(nlp.tokenizer.pipe(sorted(holiday_table()))))
        self._build(patterns, classes)

    def _build(self, patterns: list[dict], classes: dict[str, list[str]]) -> None:
        self.classes = classes
        self.month_words = frozenset(classes.get("month", ()))
        self.qualifiers = frozenset(classes.get("qualifier", ()))
        self.nth_words = frozenset(classes.get("nth", ()))
        self.unit_followers = frozenset(classes.get("unit_follower", ()))
        self.pattern_only_units = frozenset(classes.get("pattern_only_unit", ()))
        self.weekday_words = frozenset(classes.get("weekday", ())) | frozenset(classes.get("weekday_short", ()))
        self.year_context = frozenset(classes.get("year_context", ()))
        self.year_blockers = frozenset(classes.get("year_blocker", ()))
        self.offset_relations = frozenset(classes.get("offset_relation", ()))
        self.duration_leads = frozenset(classes.get("duration_lead", ()))
        self.counts = frozenset(classes.get("count", ()))
        self.patterns = [dict(entry) for entry in patterns]  # a copy, and a list even when a reader gives a generator
        is_stop = lambda word: self.vocab[word].is_stop  # noqa: E731
        flags = LexemeFlags(self.vocab)
        flags.allocate((entry["pattern"] for entry in self.patterns), most=FLAGS_WANTED)
        self.matcher = AnchoredMatcher(self.vocab, lambda spec: _anchor_of(spec, is_stop), flags=flags, validate=True)
        for entry in self.patterns:
            self.matcher.add(entry.get("id") or entry["label"], [entry["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        has_ner = doc.has_annotation("ENT_IOB")
        matches = self.matcher(doc)
        sub_periods = {
            i
            for key, start, end in matches
            if self.vocab.strings[key] == SUB_PERIOD
            for i in _up_to_of(doc, start, end)
        }
        found = [*self._rule_candidates(doc, has_ner, matches), *self._holidays(doc, has_ner)]
        rule_spans = filter_spans(found + list(self._with_weekday(doc, found)))
        rule_spans = filter_spans(rule_spans + list(self._with_offset(doc, rule_spans)))
        rule_spans = filter_spans(rule_spans + list(self._coordinated(doc, rule_spans)))
        rule_spans = filter_spans(rule_spans + list(self._leading_members(doc, rule_spans)))
        ner_spans = [span for span in self._ner_candidates(doc) if not _joins_dates(span, rule_spans)]
        candidates = [span for span in map(_without_trailing_space, [*rule_spans, *ner_spans]) if span is not None]
        blocked = _blocked_tokens(doc) | sub_periods
        kept = [
            span
            for span in candidates
            if not any(i in blocked for i in range(span.start, span.end)) and not self._weekday_in_a_name(span)
        ]
        doc.spans[SPANS_KEY] = sorted(filter_spans(kept), key=lambda span: span.start)
        return doc

    def _rule_candidates(self, doc: Doc, has_ner: bool, matches: list[tuple[int, int, int]]):
        for match_id, start, end in matches:
            kind = self.vocab.strings[match_id]
            if kind == SUB_PERIOD:
                continue
            if kind in CONTEXT_LAST:
                end -= 1
                while end > start and doc[end - 1].is_space:
                    end -= 1
            if kind == "nth_day_of" and start > 0 and (doc[start - 1].lower_ in self.nth_words or doc[start - 1].like_num):
                continue  # "the fifth last day of May"
            if kind == "relative_unit" and (_after_a_count(doc, start, end, self.month_words) or _not_a_date_with_article(doc, start, end)):
                continue  # "two upcoming weeks", "the coming year" are spans of time
            span = _trim_leading(Span(doc, start, end, label="DATE"), self.qualifiers)
            may_be_a_count = kind in FIGURES_THE_NER_MAY_COUNT and not self._before_a_period_noun(doc, end)
            if span is None or (has_ner and _inside_non_date_entity(span, may_be_a_count)):
                continue
            if kind == "bare_year" and not self._plausible_year(span[0], has_ner):
                continue
            if _first_part_of_compound(span, self.month_words):
                continue
            if kind in NOT_BEFORE_A_NOUN and _before_a_noun(span):
                continue
            if kind == SPLIT_YEAR_PAIR and not self._before_a_period_noun(doc, end):
                continue  # "in 2013-2014": a range of two years
            if kind in WEEKDAY_DAY and end < len(doc) and doc[end].lower_ in self.month_words:
                continue  # "Friday, 27 May 2022": the figure is the day of the date in apposition
            if kind == "slash_day_month" and _looks_like_fraction(span):
                continue
            if kind == "the_unit" and not self._one_calendar_unit(doc, end):
                continue
            if is_date_expression(span.text):
                yield span

    def _before_a_period_noun(self, doc: Doc, end: int) -> bool:
        """A noun naming a period follows ("the 2022 budget", "the 2024-2025 season"): the figures are its year."""
        return end < len(doc) and doc[end].lower_ in self.classes.get("period_noun", ())

    def _name_goes_on(self, doc: Doc, end: int) -> bool:
        """'Easter Seals', 'Christmas Tree Shops': a capitalized word that is no date word goes on the name."""
        following = doc[end] if end < len(doc) else None
        return (
            following is not None
            and following.is_title
            and following.is_alpha
            and following.lower_ not in self.month_words
            and following.lower_ not in self.weekday_words
        )

    def _weekday_in_a_name(self, span: Span) -> bool:
        """'the Sunday Times', 'the Monday Club': a lone weekday between 'the' and a capitalized word opens a name."""
        doc = span.doc
        return (
            len(span) == 1
            and span[0].lower_ in self.weekday_words
            and span.start > 0
            and doc[span.start - 1].lower_ == "the"
            and self._name_goes_on(doc, span.end)
        )

    def _one_calendar_unit(self, doc: Doc, end: int) -> bool:
        """'in the year', 'the week was quiet': not 'the week ended Feb 22', 'the year to March', 'the year's'."""
        following = doc[end] if end < len(doc) else None
        return following is None or not (
            following.lower_ in self.unit_followers or following.like_num or following.text in ("'s", "-")
        )

    def _holidays(self, doc: Doc, has_ner: bool):
        """Holiday names, with a 'next/last/this' before and a year or offset after when they read as one date."""
        for _, start, end in self.holiday_matcher(doc):
            if has_ner and _inside_longer_name(doc, start, end) or self._name_goes_on(doc, end):
                continue
            if start > 0 and doc[start - 1].lower_ in HOLIDAY_LEADS:
                start -= 1
            for stop in range(min(len(doc), end + HOLIDAY_REACH), end - 1, -1):
                if stop > end and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
                    continue
                span = Span(doc, start, stop, label="DATE")
                if is_date_expression(span.text):
                    yield span
                    break

    def _with_weekday(self, doc: Doc, spans: list[Span]):
        """'Sun Nov 12', 'Jul 18 Fri': a weekday written against its day is one date. Set off by a comma, a
        bracket or a dash ('Friday, 27 May 2022', 'Sunday (21 May)') it is a date of its own, in apposition
        (`wirefacts.dates.date_from_span`), as the gold of every modern set reads it."""
        weekdays = self.weekday_words
        for span in spans:
            start, end = span.start, span.end
            before = _skip_back(doc, start, "")
            if before is not None and doc[before].lower_ in weekdays:
                start = before
            after = _skip_forward(doc, end, "")
            if after is not None and doc[after].lower_ in weekdays:
                end = after + 1
            if (start, end) != (span.start, span.end):
                merged = Span(doc, start, end, label="DATE")
                resolved = resolve_date_text(merged.text)
                if resolved is not None and resolved.granularity == "day" and not _weekday_contradicts(span):
                    yield merged

    def _with_offset(self, doc: Doc, spans: list[Span]):
        """'three days after Easter', 'the week before March 3', 'the third Tuesday after Christmas 2014': a
        count of units, a unit or a weekday before 'after/before/from' and a date is one date, moved from that
        date. The grammar decides which leads read so; 'the two weeks before Christmas' is a span of time."""
        relations = self.offset_relations
        for span in spans:
            relation = span.start - 1
            if relation < 1 or doc[relation].lower_ not in relations or _opens_a_range(doc, relation, span):
                continue
            for start in range(max(0, relation - OFFSET_LEAD_REACH), relation):  # the longest lead first
                first = doc[start]
                if first.lower_ in LEADING_WORDS or first.is_punct or first.is_space:
                    continue
                if _a_count_after(doc, start, self.duration_leads, self.counts):
                    break  # "for 12 months from April 1" is a span of time
                merged = Span(doc, start, span.end, label="DATE")
                if is_date_expression(merged.text) and not _a_period_with_article(doc, merged):
                    yield merged
                    break

    def _leading_members(self, doc: Doc, spans: list[Span]):
        """The first member of "the third and fourth quarters of 1987" and "16-18 December"."""
        ordinals = frozenset(self.classes.get("ordinal", ()))
        for span in spans:
            connector = span.start - 1
            if connector < 1 or doc[connector].lower_ not in COORDINATORS:
                continue
            member = doc[connector - 1]
            if span[0].lower_ in ordinals and member.lower_ in ordinals:
                start = member.i - 1 if member.i > 0 and doc[member.i - 1].lower_ == "the" else member.i
                yield doc[start : member.i + 1]
            elif span[0].like_num and member.text.isdigit() and 1 <= int(member.text) <= 31 and span[0].text.isdigit():
                yield doc[member.i : member.i + 1]

    def _coordinated(self, doc: Doc, spans: list[Span]):
        """The second member of "April and June", "March 26 and 30", "April 21 to 24"."""
        months = self.month_words
        for span in spans:
            connector = span.end
            if connector + 1 >= len(doc) or doc[connector].lower_ not in COORDINATORS:
                continue
            last, second = span[-1], doc[connector + 1]
            if last.lower_ in months and second.lower_ in months and second.is_title:
                yield doc[connector + 1 : connector + 2]
            elif (
                len(span) >= 2
                and span[-2].lower_ in months
                and last.like_num
                and second.text.isdigit()
                and 1 <= int(second.text) <= 31
                and not (connector + 2 < len(doc) and _counts_something(doc[connector + 2]))
            ):
                yield doc[connector + 1 : connector + 2]

    def _ner_candidates(self, doc: Doc):
        for entity in doc.ents:
            if entity.label_ != "DATE":
                continue
            span = _trim_leading(entity, self.qualifiers)
            if span is None or (span[-1].text.isdigit() and len(span[-1].text) <= 2 and _before_a_noun(span)):
                continue  # "Friday 27 people"
            if len(span) == 2 and span[0].lower_ == "the" and not self._one_calendar_unit(doc, span.end):
                continue  # "the week ended Feb 22"
            if len(span) == 2 and span[0].lower_ == "the" and span[1].lower_ in self.pattern_only_units:
                continue  # "saved the day", "the price for the day": only the patterns' contexts make it a date
            if is_date_expression(span.text):
                yield Span(doc, span.start, span.end, label="DATE")

    def _plausible_year(self, token, has_ner: bool) -> bool:
        """A four-digit number is a year when the NER says so, or when its neighbours make it one."""
        if has_ner and token.ent_type_ == "DATE":
            return True
        doc = token.doc
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.lower_ in self.year_blockers:
            return False
        previous = doc[token.i - 1] if token.i > 0 else None
        if previous is None or previous.is_punct or previous.lower_ in self.year_context:
            return True
        return following is None or following.is_punct or following.lower_ in ("'s", "and", "or", "to")

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, patterns: list[dict] | None = None,
        classes: dict[str, list[str]] | None = None,
    ) -> None:
        if patterns is not None or classes is not None:
            self._build(patterns if patterns is not None else self.patterns, classes if classes is not None else self.classes)

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)
        srsly.write_json(path / "classes.json", self.classes)

    def from_disk(self, path, exclude=tuple()) -> DateFinder:
        path = Path(path)
        self._build(list(srsly.read_jsonl(path / "patterns.jsonl")), srsly.read_json(path / "classes.json"))
        return self


def _without_trailing_space(span: Span) -> Span | None:
    """The span without trailing whitespace or a following possessive ("the next week's auction")."""
    end = span.end
    while end > span.start and (span.doc[end - 1].is_space or span.doc[end - 1].lower_ in POSSESSIVES):
        end -= 1
    return Span(span.doc, span.start, end, label=span.label) if end > span.start else None


def _weekday_contradicts(span: Span) -> bool:
    """Whether the weekday written next to this date names another day of the story's own week
    ("late Thursday, Dec. 17" in a story of Thursday, Dec. 18): then they are two dates, not one.
    Farther from the story's date, a weekday that does not fit the nearest year picks the year instead."""
    published = span.doc._.published
    if published is None:
        return False
    neighbours = [t for t in (span.doc[span.start - 2 : span.start], span.doc[span.end : span.end + 2]) for t in t]
    written = [WEEKDAY_FORMS[t.lower_.rstrip(".")] for t in neighbours if t.lower_.rstrip(".") in WEEKDAY_FORMS]
    resolved = resolve_date_text(span.text, published)
    if not written or resolved is None or resolved.value is None or resolved.granularity != "day":
        return False
    date = dt.date.fromisoformat(resolved.value)
    return abs((date - published).days) < SAME_WEEK_DAYS and date.weekday() not in written


def _skip_back(doc: Doc, start: int, skippable: str) -> int | None:
    """The index of the token before `start`, past one comma or bracket; None at the start."""
    i = start - 1
    if i >= 0 and doc[i].text in skippable:
        i -= 1
    elif i >= 1 and doc[i].lower_ == "the":  # "Sunday the 1st of October"
        i -= 1
    return i if i >= 0 else None


def _skip_forward(doc: Doc, end: int, skippable: str) -> int | None:
    i = end
    if i < len(doc) and doc[i].text and doc[i].text in skippable:
        i += 1
    return i if i < len(doc) else None


def _a_count_after(doc: Doc, start: int, leads: frozenset[str], counts: frozenset[str]) -> bool:
    """A count of units after a word that makes it a span of time ("for 12 months", "over a year")."""
    first = doc[start]
    return start > 0 and doc[start - 1].lower_ in leads and (first.like_num or first.lower_ in counts)


def _opens_a_range(doc: Doc, relation: int, span: Span) -> bool:
    """'3 pct a year from 1986 to 1990': 'from' opens a range there, and 'a year' is a rate."""
    return doc[relation].lower_ == "from" and span.end < len(doc) and doc[span.end].lower_ in RANGE_WORDS


def _up_to_of(doc: Doc, start: int, end: int) -> range:
    """The tokens of a sub-period's lead through its 'of' ("the last week of" in "the last week of March")."""
    of = next((i for i in range(start, end) if doc[i].lower_ == "of"), end - 1)
    return range(start, of + 1)


def _a_period_with_article(doc: Doc, span: Span) -> bool:
    """'the two weeks before Christmas': with the article before it, the span is a period of time."""
    previous = span.start - 1
    return previous >= 0 and doc[previous].lower_ == "the" and not is_date_expression(doc[previous : span.end].text)


def _not_a_date_with_article(doc: Doc, start: int, end: int) -> bool:
    return start > 0 and doc[start - 1].lower_ == "the" and not is_date_expression(doc[start - 1 : end].text)


def _after_a_count(doc: Doc, start: int, end: int, months: frozenset[str]) -> bool:
    """A count before a relative unit that it counts ("two upcoming weeks", "2 upcoming week"), or a day after
    its month ("July 31 this year": the whole is one date). Before "next/last/this" and a singular unit a
    figure counts something else ("he turns 75 next year")."""
    if start == 0:
        return False
    previous = doc[start - 1]
    if previous.lower_ in ("a", "an"):
        return True
    if not previous.like_num:
        return False
    after_a_month = start >= 2 and doc[start - 2].lower_ in months
    one_unit = doc[start].lower_ in ONE_UNIT_RELATIONS and not doc[end - 1].lower_.endswith("s")
    return after_a_month or previous.lower_ in ("1", "one") or not one_unit


def _before_a_noun(span: Span) -> bool:
    """The figure ending the span counts the word after it ("Friday 27 people", "the 22nd straight day")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].is_alpha and not doc[span.end].is_title


def _looks_like_fraction(span: Span) -> bool:
    """'3/8', '24-5/8', '2/3 of': a fraction in market or survey copy, not a month and day."""
    numerator, denominator = (int(part) for part in span[-1].text.split("/"))
    doc = span.doc
    if numerator < denominator and denominator in FRACTION_DENOMINATORS:
        return True
    previous = doc[span.start - 1] if span.start > 0 else None
    following = doc[span.end] if span.end < len(doc) else None
    return (previous is not None and (previous.text == "-" or previous.like_num)) or (
        following is not None and following.lower_ in ("of", "pct", "percent", "%")
    )


def _counts_something(token) -> bool:
    """'Jan 5 to 10 pct': the number after the connector is a count of the word that follows."""
    return token.is_alpha and token.is_lower and not token.is_stop


def _joins_dates(entity: Span, rule_spans: list[Span]) -> bool:
    """An entity that holds two dates our rules found apart ("Thursday, Jan. 6") yields them apart."""
    inside = [span for span in rule_spans if entity.start <= span.start and span.end <= entity.end]
    return len(inside) >= 2


def _trim_leading(span: Span, qualifiers: frozenset[str] = frozenset()) -> Span | None:
    """The span without leading prepositions and qualifiers ("since 2022", "early this year", "the end of
    the month" give "2022", "this year", "the month"); a "the" goes only with the qualifier after it."""
    doc = span.doc
    start = span.start
    while start < span.end:
        token = doc[start]
        next_is_qualifier = start + 1 < span.end and doc[start + 1].lower_ in qualifiers
        if token.lower_ in LEADING_WORDS or token.is_space or token.lower_ in qualifiers or token.text == "-":
            start += 1
        elif token.lower_ == "the" and next_is_qualifier:
            start += 1
        else:
            break
    return doc[start : span.end] if start < span.end else None


def _first_part_of_compound(span: Span, months: frozenset[str]) -> bool:
    """'the quarter-to-quarter comparison', 'this year-end': the unit word opens a hyphenated compound
    (but "Feb-June" is a range of two months)."""
    doc = span.doc
    last = span[-1]
    return (
        last.is_alpha
        and not last.whitespace_
        and span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and not (last.lower_ in months and doc[span.end + 1].lower_ in months)
    )


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """'Christmas Island', 'Easter Seals': the NER puts the holiday's words inside a longer non-date name.
    (Its label on the holiday alone is no guide: the small model calls "Eid al-Fitr" a PERSON.)"""
    return any(
        entity.label_ in NON_HOLIDAY_LABELS and (entity.start < start or _has_words(doc[end : entity.end]))
        for entity in doc.ents
        if entity.start < end and start < entity.end
    )


def _has_words(span: Span) -> bool:
    """Words beyond the holiday's name ('Island'), not only the year the NER took in with it."""
    return any(token.is_alpha for token in span)


def _inside_non_date_entity(span: Span, may_be_a_count: bool = True) -> bool:
    """Inside a name, an amount or (unless the form is unmistakably a date) a count."""
    labels = NON_DATE_LABELS if may_be_a_count else NON_DATE_LABELS - {"CARDINAL"}
    return any(token.ent_type_ in labels for token in span)


# A figure shaped like a date ("10/31/74", "1987") is about as common as a word set with one stop word
# in it ("may" of the months), less than one with two ("last", "this" of "last/this/next/coming").
FIGURE_ANCHOR_COST = 1.5


def _anchor_of(spec: dict, is_stop) -> Anchor | None:
    """A date pattern opens windows on a date word of its own ("March", "Tuesday", "quarter"), or else on
    a figure shaped like a date."""
    return word_anchor(spec, "word", is_stop) or regex_anchor(spec, "figure", FIGURE_ANCHOR_COST)


def _blocked_tokens(doc: Doc) -> set[int]:
    """Tokens already taken by amounts ("1,990 dlrs" is money, not a year)."""
    if "amounts" not in doc.spans:
        return set()
    return {i for span in doc.spans["amounts"] for i in range(span.start, span.end)}


@Language.factory("wirefacts_dates", assigns=["doc.spans"], requires=["doc.spans", "doc.ents", "token.tag"])
def make_dates(nlp: Language, name: str) -> DateFinder:
    classes = words_by_class(load_tsv(WORDS_FILE, 2))
    for word_class, words in calendar_names().items():
        classes[word_class] = sorted(words)
    homonyms = set(classes.get("month_homonym", ()))
    classes["month_any_case"] = [word for word in classes["month"] if word not in homonyms]
    patterns = load_patterns(PATTERNS_FILE, sets=classes)
    return DateFinder(nlp, name, patterns, classes)
