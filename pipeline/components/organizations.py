"""Organizations: the organization mentions that survive what the officials component learned, weighed
against the story's evidence, plus the names the NER missed where the story names that body elsewhere. The
component writes them to doc.spans["organizations"] (labels ORG and ORG_DESC); the records layer
(wirefacts.organizations) links them into entities with their countries."""

from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirefacts.components import story_text
from wirefacts.components.org_mentions import PROPER, names_a_title, names_an_index, trim
from wirefacts.lexicon import Lexicon, lexicon
from wirefacts.org_names import ARTICLES as _ARTICLES, POSSESSIVES as _POSSESSIVES, canonical as _canonical
from wirefacts.org_names import entity_key, short_form as _short_form

SPANS_KEY = "organizations"


@Language.factory(
    "wirefacts_organizations",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.ents"],
)
def make_organizations(nlp: Language, name: str):
    lex = lexicon()

    def component(doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = organization_spans(doc, lex)
        return doc

    return component


def organization_spans(doc: Doc, lex: Lexicon) -> list[Span]:
    """The organization mentions that survive what the officials component learned, weighed against the
    story's evidence: not a person's name, not a word of a title ("Finance" in "Finance Minister") unless it
    is the official's body; plus the names the NER missed where the story names that body elsewhere
    ("Newmont" after "Newmont Mining Corp.", "(UDMR)" after a party's full name)."""
    people = list(doc.spans.get("official_names", []))
    officials_taken = {i for person in people for i in range(person.start, person.end)}
    full_name_words = {word for span in [*people, *doc.ents] if len(span) > 1 and span.label_ in ("PERSON", "")
                       for word in span.text.split()}
    ents = doc.ents  # (spaCy builds the tuple anew on each call)
    ner_people = [ent for ent in ents if ent.label_ == "PERSON" and not _mostly_a_body(ent, ents, full_name_words)]
    person_tokens = {i for ent in ner_people for i in range(ent.start, ent.end)}
    person_words = {word for person in people for word in person.text.split()} | {
        word for ent in ner_people for word in ent.text.split()
    }
    served = {(d.org_span.start, d.org_span.end) for d in doc._.official_drafts or [] if d.org_span is not None}
    in_titles = {i for title in doc.spans.get("official_titles", []) for i in range(title.start, title.end)}
    mentions = list(doc.spans.get("org_mentions", []))
    firm_heads = {span[0].text.title() for span in mentions if len(span) > 1 and _has_org_form(span, lex)}
    bodies = {entity_key(span.text) for span in mentions if not names_an_index(span, lex)}
    in_amounts = {i for amount in doc.spans.get("amounts", []) for i in range(amount.start, amount.end)}
    kept = []
    for span in mentions:
        tokens = set(range(span.start, span.end))
        if names_an_index(span, lex) and entity_key(span.text) not in bodies:
            continue  # "the Dow Jones industrial average"; "the Ifo index" stays where Ifo itself is named
        if officials_taken & tokens and (span.start, span.end) not in served:
            continue
        if person_tokens & tokens and (span.start, span.end) not in served and not _has_org_form(span, lex):
            continue  # the NER's person, unless the name carries a legal form or a body's head word
        if in_titles & tokens and (span.start, span.end) not in served:
            span = _outside_title(span, in_titles, lex)
            if span is None:
                continue
        if len(span) == 1 and (span.text in person_words or span.text.title() in person_words) \
                and span.text.title() not in firm_heads and _canonical(span.text, lex) is None:
            continue  # "Stoltenberg", or "BALDRIGE" in a headline; "Ford" stays where "Ford Motor Co" is named,
            # and a party or news agency ("Labour") stays whatever the NER called it elsewhere
        if len(span) > 1 and span[-1].text in person_words and not _has_org_form(span, lex) \
                and (span.start, span.end) not in served and span.label_ == PROPER:
            continue  # "Julia Chepalova" where "Chepalova" is a person elsewhere in the story
        if any(_FIGURE.match(token.text) or token.lower_ in _FIGURE_WORDS for token in span):
            continue  # "China 2.1 billion": the NER ran into a figure ("Adam Air Flight 574" stays)
        if _is_headline_caps(span, doc, lex) or _is_product_name(span) or _is_title_fragment(span, lex):
            continue
        if _is_common_word(span, lex) or _names_a_sector(span, lex) or in_amounts & tokens:
            continue  # "allocations to Health"; "EGP" of "EGP 265"
        kept.append(span)
    kept += _nested_parents(kept, lex)
    kept += _bracketed_acronyms(doc, kept)
    blocked = officials_taken | in_titles | {i for span in kept for i in range(span.start, span.end)}
    kept += _repeated_names(doc, kept, blocked, lex, served, firm_heads)
    return sorted(kept, key=lambda span: span.start)


def _mostly_a_body(ent: Span, ents: tuple[Span, ...], full_name_words: set[str]) -> bool:
    """A one-word name the NER calls a body more often than a person in this story ("Eskom" four times a body,
    once a person) and never writes as part of a person's full name: the story's weight of evidence, not one
    label, decides ("Ford" stays a person where "Henry Ford" is named)."""
    if len(ent) != 1:
        return False
    same = [other for other in ents if other.text == ent.text]
    if any(_written_as_a_place_or_thing(other) for other in same):
        return False  # "the mine at Kimberley", "Kimberley, B.C.", "back to the Mac"
    votes = Counter(other.label_ for other in same)
    return votes["ORG"] > votes["PERSON"] and ent.text not in full_name_words


def _written_as_a_place_or_thing(span: Span) -> bool:
    """"at Kimberley", "Kimberley, B.C.": a place; "the Mac" not before a noun it modifies: a thing."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end : span.end + 2]
    abbreviated_region = len(after) == 2 and after[0].text == "," and after[1].text[:1].isupper() and after[1].text.endswith(".")
    a_thing = before == "the" and not (len(after) and after[0].is_lower and after[0].is_alpha)
    return before in ("at", "in", "near") or abbreviated_region or a_thing


def _is_common_word(span: Span, lex: Lexicon) -> bool:
    """One word the tagger reads as an ordinary noun, adjective or adverb ("Soldiers", "Nordic knits",
    "Sharply"): the NER's guess, not a name. Acronyms, agencies and parties stay."""
    if len(span) != 1 or span.label_ != PROPER:
        return False
    token = span[0]
    if not token.tag_ or token.tag_ in ("NNP", "NNPS") or (token.text.isupper() and len(token.text) > 1):
        return False
    if token.tag_ == "NN" and not token.is_sent_start:
        return False  # "Ifo said": a rare name the tagger calls a noun
    if _has_org_form(span, lex):
        return False
    doc = span.doc
    as_body = sum(1 for ent in doc.ents if ent.label_ == "ORG" and ent.text == token.text)
    as_word = any(other.lower_ == token.lower_ and other.is_lower for other in doc)
    return as_body < 2 or as_word  # "Apple" named as a body again and again is a name


def _names_a_sector(span: Span, lex: Lexicon) -> bool:
    """One portfolio word on its own ("allocations to Health, Education and Security") names a sector of
    government, not a body; "Customs", "Treasury", "Police" name bodies, and "Labour" is a party."""
    if len(span) != 1:
        return False
    word = span[0].text
    return (
        lex.title_modifiers.get(word.lower()) == "portfolio"
        and lex.org_heads.get(word.lower()) is None
        and word not in lex.parties
        and word not in lex.agencies
    )


def _has_org_form(span: Span, lex: Lexicon) -> bool:
    """Evidence that a name is a body, whatever the NER said: a legal form or head word ("Inc", "Bank",
    "Mining"), or a news agency or party."""
    words = [token.text for token in span if not token.is_punct]
    return bool(words) and (words[-1].lower() in lex.suffix_words or _canonical(span.text, lex) is not None)


def _nested_parents(kept: list[Span], lex: Lexicon) -> list[Span]:
    """"Parliament's joint finance committee": the named possessor inside a sub-body's name is a mention of the
    parent too (ANNOTATION.md: "Bank of Japan" in "Bank of Japan's foreign exchange department")."""
    found = []
    for span in kept:
        for i in range(span.start + 1, span.end - 1):  # (a slice of a one-word Span would rebuild the Doc's text)
            token = span.doc[i]
            if token.text in _POSSESSIVES and span.doc[token.i + 1].is_lower:  # not "People's Bank"
                parent = span.doc[span.start : token.i]
                if all(word.is_title or not word.is_alpha for word in parent) and _could_be_a_body(parent, lex):
                    found.append(Span(span.doc, parent.start, parent.end, label=PROPER))
                break
    return found


def _bracketed_acronyms(doc: Doc, kept: list[Span]) -> list[Span]:
    """"the Hungarian Democratic Union (UDMR)": an abbreviation in brackets after a name is a mention."""
    found = []
    for span in kept:
        i = span.end
        if span.text.isupper():
            continue  # "EXXON (XON)": a ticker after a headline name
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and _is_acronym(doc[i + 1].text):
            found.append(Span(doc, i + 1, i + 2, label=PROPER))
    starts = {span.start for span in kept}
    return [span for span in found if span.start not in starts]


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 2 <= len(letters) <= 8 and sum(ch.isupper() for ch in letters) >= 2 and text[0].isupper()


def _capitalized_runs(doc: Doc, lex: Lexicon) -> list[Span]:
    """Maximal runs of capitalized words ("Santa Fe", "NEWMONT"), without a leading "The"; a legal form ends
    one ("Newmont Mining Corp." + "Santa Fe is ...")."""
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IS_PUNCT, SENT_START]).tolist()  # no Token object per token
    runs, start, previous = [], None, ""
    for i, (orth, is_punct, sent_start) in enumerate(rows):
        text = strings[orth]
        capitalized = text[:1].isupper() and not is_punct
        ends_before = start is not None and (sent_start == 1 or lex.org_suffixes.get(previous) == "legal")
        if start is not None and (not capitalized or ends_before):
            runs.append((start, i))
            start = None
        if capitalized and start is None:
            start = i
        previous = text
    if start is not None:
        runs.append((start, len(doc)))
    spans = []
    for start, end in runs:
        while start < end and doc[start].lower_ in _ARTICLES:
            start += 1
        if start < end:
            spans.append(doc[start:end])
    return spans


def _repeated_names(
    doc: Doc, kept: list[Span], blocked: set[int], lex: Lexicon, served: set[tuple[int, int]], firm_heads: set[str]
) -> list[Span]:
    """Names the NER missed that repeat a mention of the story, or are its short form or acronym ("Newmont"
    for "Newmont Mining Corp.", "Santa Fe" for "Santa Fe Pacific Gold", "THYSSEN" in the headline)."""
    # only names the story itself marks as a body spread: a legal form or head word, an agency or party,
    # an acronym, a body an official serves ("Ifo president X"), the first word of a company's full name
    # ("Marsh" of "Marsh & McLennan Cos"), or a name of several words ("Newmont Mining
    # Corp.", "UDMR"); a lone word the NER guessed ("Cherating", "Protestant") would spread its error
    names = [span for span in kept if span.label_ == PROPER and (len(span) > 1 or _has_org_form(span, lex)
                                                                 or _is_acronym(span.text)
                                                                 or (span.start, span.end) in served
                                                                 or span.text.title() in firm_heads)]
    if not names:
        return []
    found = []
    named = [(name, entity_key(name.text)) for name in names]
    name_keys = {name_key for _, name_key in named}
    for run in _capitalized_runs(doc, lex):
        if run.text.isupper() and len(run) > 1:
            found += _headline_names(run, name_keys, blocked)
            continue
        if blocked & set(range(run.start, run.end)) or not _could_be_a_body(run, lex):
            continue
        text = run.text.title() if run.text.isupper() and len(run.text) > 4 else run.text
        key = entity_key(text)
        for name, name_key in named:
            same = key == name_key or (len(name) > 1 and _short_form(key, name_key, text, name.text, lex)
                                       and len(key) < len(name_key))
            if same:
                found.append(Span(doc, run.start, run.end, label=PROPER))
                blocked.update(range(run.start, run.end))
                break
    return found


def _headline_names(run: Span, name_keys: set[str], blocked: set[int]) -> list[Span]:
    """Names of the story inside a headline in capitals: "THYSSEN" in "THYSSEN SEES GOOD 1987 PROFIT"."""
    doc, found, i = run.doc, [], run.start
    while i < run.end:
        for width in range(min(4, run.end - i), 0, -1):
            window = doc[i : i + width]
            if not blocked & set(range(window.start, window.end)) and entity_key(window.text) in name_keys:
                found.append(Span(doc, window.start, window.end, label=PROPER))
                blocked.update(range(window.start, window.end))
                i += width - 1
                break
        i += 1
    return found


def _could_be_a_body(run: Span, lex: Lexicon) -> bool:
    if sum(ch.isalpha() for ch in run.text) < 2:
        return False
    if len(run) == 1 and run[0].tag_ and run[0].tag_ not in ("NNP", "NNPS") and not run.text.isupper():
        return False
    if any(token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL") for token in run):
        return False
    text = " ".join(run.text.split())
    if lex.country_of(text) or lex.cities.get(text.lower()) or lex.provinces.get(text) or text.lower() in lex.regions:
        return False
    if names_a_title(run, lex):
        return False
    return not _inside_longer_person(run)


def _inside_longer_person(run: Span) -> bool:
    """Part of a person's name that goes on before or after the run."""
    doc, first = run.doc, run[0]
    if first.ent_type_ == "PERSON" and first.ent_iob_ == "I":
        return True
    following = doc[run.end] if run.end < len(doc) else None
    return following is not None and following.ent_type_ == "PERSON" and following.ent_iob_ == "I"


_FIGURE = re.compile(r"^\d+[.,]\d+$")
_FIGURE_WORDS = {"billion", "million", "mln", "bln", "pct", "percent", "dlrs"}


def _outside_title(span: Span, in_titles: set[int], lex: Lexicon) -> Span | None:
    """What of a mention lies outside a title: "CDU" of "CDU Finance" + "Minister". A mention whose outside
    part is only a country is the title's country, not a body ("U.S. Treasury" + "Secretary": title
    "Treasury Secretary", country US); one inside a title is dropped."""
    outside = [i for i in range(span.start, span.end) if i not in in_titles]
    if not outside or outside != list(range(outside[0], outside[-1] + 1)):
        return None
    part = span.doc[outside[0] : outside[-1] + 1]
    if lex.country_of(part.text):
        return None
    part = trim(Span(span.doc, part.start, part.end, label=span.label_))
    if part is None or all(token.lower_ in lex.title_modifiers or not token.is_alpha for token in part):
        return None  # "Trade and" of "Trade and Industry Secretary": title words, not a body
    return part


def _is_headline_caps(span: Span, doc: Doc, lex: Lexicon) -> bool:
    """Headline capitals the NER took for a name ("TAX CUTS RAISED", "BALDRIGE"), unless an agency or acronym."""
    words = [token.text for token in span if token.is_alpha]
    if not words or not all(word.isupper() for word in words) or span.text in lex.agencies:
        return False
    if len(words) == 1 and len(words[0]) <= 6:
        return False  # OPEC, IMF, NASDAQ: acronyms
    return span.text.title() not in story_text(doc)


def _is_title_fragment(span: Span, lex: Lexicon) -> bool:
    """Portfolio words of a title the NER took for a body: "Home" of "Home Secretary", "Trade and Industry"."""
    doc = span.doc
    words = [token.lower_ for token in span if not token.is_punct]
    if not words or not all(word in lex.title_modifiers or word in ("and", "&") for word in words):
        return False
    following = doc[span.end : span.end + 2]
    return any(" ".join(token.lower_ for token in following[:width]) in lex.titles for width in (1, 2))


def _is_product_name(span: Span) -> bool:
    """"iPad", "iCloud": a lowercase letter before the first capital is a product, not a company."""
    first = span[0].text
    return len(first) > 2 and first[0].islower() and first[1].isupper()
