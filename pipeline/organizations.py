"""Organizations of a story, from the organizations component's span group: its mentions linked into
entities (co-reference by name, short form, acronym, alias and description) and each entity's country from
the evidence of the text (ANNOTATION.md, "Country"). Pure Python over the annotated Doc: the records layer."""

from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from wirefacts.components import story_text
from wirefacts.components.org_mentions import DESCRIPTIVE, PROPER
from wirefacts.components.organizations import SPANS_KEY
from wirefacts.country import as_of, place_names_in, story_country
from wirefacts.lexicon import Lexicon
from wirefacts.org_names import ARTICLES, POSSESSIVES, canonical, entity_key, is_alias, short_form
from wirefacts.schema import Mention, Organization

MAX_DESCRIPTION = 4  # words of a description before a name: "Munich-based research institute"
MAX_APPOSITION = 7  # words of an apposition after a name: "one of Australia's largest wine makers"


class Entity:
    """One body of the story: its mentions in text order, its country, and whether it is a government body or
    a news agency."""

    def __init__(self, span: Span, country: str | None, government: bool, agency: bool):
        self.spans = [span]
        self.country = country
        self.government = government
        self.agency = agency

    @property
    def proper(self) -> list[Span]:
        return [span for span in self.spans if span.label_ == PROPER]

    @property
    def name(self) -> str:
        pool = self.proper or self.spans
        # the longest; of equal length, one written in ordinary case rather than headline capitals, then the first
        best = max(pool, key=lambda span: (len(span.text), not span.text.isupper(), -span.start))
        text = best.text
        return text[:-2] if text.endswith(("'s", "\u2019s")) else text


def countries_in(doc: Doc, start: int, end: int, lex: Lexicon, cities: bool = False) -> set[str]:
    """The countries tokens start..end name, by country, people or province ("South Korea", "Israeli",
    "Quebec") or, with `cities`, also by a capitalized city ("Peking", "Chicago")."""
    codes = set()
    first_words = lex.place_first_words
    i = start
    while i < end:
        first = doc[i].text
        if first not in first_words and first.lower() not in first_words and not first.isspace():
            i += 1
            continue
        for width in (3, 2, 1):
            if i + width > end:
                continue
            phrase = " ".join(doc[i : i + width].text.split())
            code = lex.countries.get(phrase) or lex.provinces.get(phrase) or (
                lex.cities.get(phrase.lower()) if cities and phrase[:1].isupper() else None
            )
            if code:
                codes.add(code)
                i += width - 1
                break
        i += 1
    return codes


def _mention_country(span: Span, lex: Lexicon) -> str | None:
    """A country the mention itself states: "South Korea's industry ministry", "Israel Innovation Authority"."""
    if lex.is_international(span.text):
        return None
    codes = countries_in(span.doc, span.start, span.end, lex, cities=True)
    hyphenated = any(token.text in ("-", "\u2013") and not token.whitespace_ for token in span)
    return codes.pop() if len(codes) == 1 and not hyphenated else None


def _describes_a_body(token) -> bool:
    """A word of a description before a name ("state oil company", "Australian airline"), not "at" or "said"."""
    if token.text == "-":
        return True
    if not (token.is_lower and token.is_alpha):
        return False
    return not token.tag_ or token.tag_ in ("NN", "NNS", "JJ", "VBN", "VBG")


def _place_ending_at(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """The country of the country, people, province or city in the one to three tokens before `end`."""
    for width in (3, 2, 1):
        if end - width >= 0:
            phrase = " ".join(doc[end - width : end].text.split())
            if phrase[:1].isupper():
                code = lex.country_of(phrase) or lex.provinces.get(phrase) or lex.cities.get(phrase.lower())
                if code:
                    return code
    return None


def _description_country(doc: Doc, i: int, lex: Lexicon) -> str | None:
    """The country a description ending just before token i states: "Italian carmaker", "Munich-based
    research institute", "Japan's Toyota"."""
    if i >= 1 and doc[i - 1].text in POSSESSIVES:
        return _place_ending_at(doc, i - 1, lex)
    described = 0
    while i > 0 and described < MAX_DESCRIPTION and _describes_a_body(doc[i - 1]):
        i -= 1
        described += 1
    return _place_ending_at(doc, i, lex) if described else None


def _list_start(span: Span) -> int:
    """Where a list of bodies that `span` closes begins: "Alpha Securities and Beta & Co" -> Alpha."""
    doc = span.doc
    starts = {other.end: other.start for other in doc.spans.get("org_mentions", []) if other.label_ == PROPER}
    i = span.start
    while i >= 2 and doc[i - 1].lower_ in ("and", ",", "&") and (i - 1) in starts and doc[i - 1].text != ",":
        i = starts[i - 1]
    while i >= 2 and doc[i - 1].text == "," and (i - 1) in starts:
        i = starts[i - 1]
    return i


def _apposition_country(span: Span, lex: Lexicon, home: str | None) -> str | None:
    """"Chrysler, the American auto company", "Acme, one of Australia's largest wine makers", "Pan Ocean,
    the country's largest shipping firm" (the story's country)."""
    doc = span.doc
    j = span.end
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in (*ARTICLES, "one"):
        return None
    for k in range(j + 2, min(len(doc), j + 2 + MAX_APPOSITION)):
        token = doc[k]
        if token.lower_ in ("and", "or") or token.is_punct and token.text not in ("-",) or token.is_space:
            return None  # a list of places, or the apposition ended
        if token.lower_ == "country" and k + 1 < len(doc) and doc[k + 1].text in POSSESSIVES:
            return home
        code = _place_ending_at(doc, k + 1, lex) if token.text[:1].isupper() else None
        if code and not (k + 1 < len(doc) and doc[k + 1].text[:1].isupper()):
            return code
    return None


def _context_country(span: Span, lex: Lexicon, home: str | None = None) -> str | None:
    """A country the words around a mention give it: "Japan's Toyota", "Italian carmaker Fiat",
    "Chrysler, the American auto company", "two British brokerage firms, Alpha and Beta"."""
    doc = span.doc
    code = _description_country(doc, span.start, lex)
    if code:
        return code
    first = _list_start(span)
    if first >= 2 and doc[first - 1].text in (",", ":"):
        code = _description_country(doc, first - 1, lex)  # a group description before a list
        if code:
            return code
    return _apposition_country(span, lex, home)


def is_government(span: Span, lex: Lexicon) -> bool:
    """A government body: "Ministry of ...", "Japan's industry ministry", "the U.S. Treasury", "Bundesbank"."""
    words = entity_key(span.text).split()
    if not words:
        return False
    tail = [words[-1], " ".join(words[-2:])]
    return (
        any(lex.org_heads.get(phrase) == "government" for phrase in tail)
        or words[0] in ("ministry", "department", "bureau", "office")
        or ("of" in words and lex.org_heads.get(" ".join(words[: words.index("of")])) == "government")  # "Central Bank of X"
        or is_regional_government(span, lex)
        or " ".join(words) in lex.government_bodies
        or any(phrase in lex.government_bodies for phrase in tail[1:])
        or any(" ".join(words[:width]) in lex.legislatures for width in (1, 2, 3))  # "House Budget Committee"
    )


def is_regional_government(span: Span, lex: Lexicon) -> bool:
    """"Lagos State government", "the Queensland Government": a province's government named as a body."""
    words = span.text.split()
    return len(words) >= 2 and words[-1].lower() == "government" and " ".join(words[:-1]) in lex.provinces


def _same_entity(entity: Entity, span: Span, country: str | None, lex: Lexicon) -> bool:
    if entity.country and country and entity.country != country:
        return False
    text, label = span.text, span.label_
    key = entity_key(text)
    stands_for = canonical(text, lex)
    for other in entity.spans:
        other_text, other_label = other.text, other.label_
        other_key = entity_key(other_text)
        if key == other_key or (stands_for is not None and stands_for == canonical(other_text, lex)):
            return True
        if is_alias(text, other_key, lex) or is_alias(other_text, key, lex):
            return True
        if label == PROPER and other_label == PROPER and short_form(key, other_key, text, other_text, lex):
            return True
        if DESCRIPTIVE in (label, other_label) and label != other_label and _describes(
            span if label == DESCRIPTIVE else other, other if label == DESCRIPTIVE else span
        ):
            return True
    return False


def _describes(descriptive: Span, proper: Span) -> bool:
    """"South Korea's industry ministry" describes "Ministry of Trade, Industry and Energy"."""
    proper_words = set(entity_key(proper.text).split())
    head = descriptive[-1].lower_
    if head not in proper_words:
        return False
    modifiers = [token.lower_ for token in descriptive if token.is_lower and token.is_alpha and token.lower_ != head]
    return bool(modifiers) and all(word in proper_words for word in modifiers)


def home_country(doc: Doc, lex: Lexicon) -> str | None:
    """The country the story is from or about (its dateline's, else the one it names most by name or people:
    a story naming only Queensland is about that state, not about Australia's government)."""
    dateline = doc._.dateline
    text = story_text(doc)
    return story_country(text, dateline["place"] if dateline is not None else None, doc._.published, lex, provinces=False)


def countries_stated(doc: Doc, entities: list[Entity], lex: Lexicon) -> set[str]:
    """The countries the text ties a national post to: those it names by name or people outside the names of
    companies ("Indian" of "Indian Oil Corporation" names no country; "Nigeria" of "Central Bank of Nigeria"
    does), and those of the national bodies it names ("the House" under a WASHINGTON dateline). A national
    post takes its country only from these (ANNOTATION.md, settled cases), never from a city or a province."""
    text = story_text(doc)
    companies = [(span.start_char, span.end_char) for entity in entities if not entity.government
                 for span in entity.spans]
    stated = {entity.country for entity in entities if entity.government and entity.country}
    for found_start, found_end, phrase in place_names_in(text):
        code = lex.countries.get(phrase)
        if code and not any(start <= found_start and found_end <= end for start, end in companies):
            stated.add(as_of(code, doc._.published, lex))
    return stated


def link_organizations(doc: Doc, spans: list[Span], lex: Lexicon, home: str | None = None) -> list[Entity]:
    entities: list[Entity] = []
    for span in sorted(spans, key=lambda s: (s.label_ != PROPER, -len(s.text), s.start)):
        country = _mention_country(span, lex) or (_context_country(span, lex, home) if span.label_ == PROPER else None)
        country = as_of(country, doc._.published, lex)
        target = _apposed_entity(span, entities)
        if target is None or (target.country and country and target.country != country):
            target = _entity_named(entities, span, country) or next(
                (entity for entity in entities if _same_entity(entity, span, country, lex)), None
            )
        if target is not None:
            target.spans.append(span)
            target.country = target.country or country
        else:
            entities.append(Entity(span, country, is_government(span, lex), span.text in lex.agencies))
    for entity in entities:
        entity.spans.sort(key=lambda span: span.start)
        if any(lex.is_international(span.text) for span in entity.proper):
            entity.country = None
        elif entity.country is None and any(is_government(span, lex) for span in entity.proper):
            entity.country = as_of(home, doc._.published, lex)  # a national body in a story from or about one country
    _inherit_from_government_parents(entities)
    _subject_description_country(doc, entities, lex)
    return sorted(entities, key=lambda entity: entity.spans[0].start)


def _positions_of(doc: Doc, texts: tuple[str, ...]) -> list[int]:
    """The positions of the tokens whose text is one of `texts`, without making a Token per token."""
    wanted = [doc.vocab.strings[text] for text in texts]
    return np.flatnonzero(np.isin(doc.to_array(ORTH), wanted)).tolist()


def _subject_description_country(doc: Doc, entities: list[Entity], lex: Lexicon) -> None:
    """"Renault ... France's second largest carmaker enjoyed ...": a description of a company by its country,
    standing alone as a subject, refers to the story's subject company (the first it names)."""
    companies = sorted((e for e in entities if not (e.government or e.agency)), key=lambda e: e.spans[0].start)
    if not companies or companies[0].country is not None:
        return
    subject = companies[0]
    for i in _positions_of(doc, POSSESSIVES):
        if i == 0 or i < subject.spans[0].start:
            continue
        code = _place_ending_at(doc, i, lex)
        if code is None or not lex.country_of(doc[i - 1].text):
            continue
        j = i + 1
        while j < len(doc) and j - i <= MAX_DESCRIPTION and (doc[j].is_lower or doc[j].like_num) and doc[j].is_alpha:
            if lex.org_heads.get(doc[j].lower_) == "company":
                following = doc[j + 1] if j + 1 < len(doc) else None
                if following is None or not (following.text[:1].isupper() or following.text == ","):
                    subject.country = code
                    return
                break
            j += 1


def _inherit_from_government_parents(entities: list[Entity]) -> None:
    """A body named as a national body's own ("the Fed's Open Market Committee") is of that body's country."""
    owner_of_end = {span.end: entity for entity in entities for span in entity.spans}
    for entity in entities:
        if entity.country is not None:
            continue
        for span in entity.spans:
            start = span.start
            if start >= 2 and span.doc[start - 1].text in POSSESSIVES and start - 1 in owner_of_end:
                parent = owner_of_end[start - 1]
                if parent is not entity and parent.government and parent.country:
                    entity.country = parent.country
                    break


def _entity_named(entities: list[Entity], span: Span, country: str | None) -> Entity | None:
    """The entity with a mention of exactly this name ("Thyssen" joins "Thyssen AG", not "Thyssen Stahl AG")."""
    key = entity_key(span.text)
    for entity in entities:
        if entity.country and country and entity.country != country:
            continue
        if any(entity_key(other.text) == key for other in entity.spans):
            return entity
    return None


def _apposed_entity(span: Span, entities: list[Entity]) -> Entity | None:
    """The named body a description stands next to ("the French statistics agency, INSEE"), or the name an
    abbreviation in brackets follows ("the Hungarian Democratic Union (UDMR)")."""
    doc = span.doc
    if span.label_ == DESCRIPTIVE:
        after = span.end + (1 if span.end < len(doc) and doc[span.end].text in (",", "<") else 0)
        return next((e for e in entities if any(s.start == after and s.label_ == PROPER for s in e.spans)), None)
    if span.start >= 1 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")":
        return next((e for e in entities if any(s.end == span.start - 1 and s.label_ == PROPER for s in e.spans)), None)
    return None


def organization_entities(doc: Doc, lex: Lexicon, home: str | None) -> list[Entity]:
    """The story's organizations: the mentions the organizations component kept, linked into entities."""
    return link_organizations(doc, list(doc.spans.get(SPANS_KEY, [])), lex, home)


def organization_record(entity: Entity) -> Organization:
    return Organization(
        name=entity.name,
        country=entity.country,
        mentions=[Mention(start=s.start_char, end=s.end_char, text=s.text) for s in entity.spans],
    )

