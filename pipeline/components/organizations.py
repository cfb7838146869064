"""Organizations: the mentions that survive what the officials component learned, linked into entities
(co-reference by name, short form, acronym and description), with their countries; then each official's
organization and country."""

from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirefacts.components import story_text
from wirefacts.components.org_mentions import COMMITTEE_HEADS, DESCRIPTIVE, PROPER, names_a_title, names_an_index, trim
from wirefacts.country import as_of, place_names_in, story_country
from wirefacts.lexicon import Lexicon, lexicon
from wirefacts.resources import load_tsv
from wirefacts.schema import Mention, Official, Organization


# --- linking mentions into entities --------------------------------------------------------------------------

_CORPORATE = re.compile(r"[\s,]+(?:inc|corp|co|ltd|plc|ag|sa|nv|bv|spa|gmbh|llc|lp|cos|group|holdings?)\.?$", re.I)


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


class _Entity:
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
        best = max(pool, key=lambda span: (len(span.text), -span.start))
        text = best.text
        return text[:-2] if text.endswith(("'s", "\u2019s")) else text


def countries_in(doc: Doc, start: int, end: int, lex: Lexicon, cities: bool = False) -> set[str]:
    """The countries tokens start..end name, by country, people or province ("South Korea", "Israeli",
    "Quebec") or, with `cities`, also by a capitalized city ("Peking", "Chicago")."""
    codes = set()
    i = start
    while i < end:
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


_POSSESSIVES = ("'s", "\u2019s")
_ARTICLES = ("the", "a", "an")
MAX_DESCRIPTION = 4  # words of a description before a name: "Munich-based research institute"
MAX_APPOSITION = 7  # words of an apposition after a name: "one of Australia's largest wine makers"


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
    if i >= 1 and doc[i - 1].text in _POSSESSIVES:
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
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in (*_ARTICLES, "one"):
        return None
    for k in range(j + 2, min(len(doc), j + 2 + MAX_APPOSITION)):
        token = doc[k]
        if token.lower_ in ("and", "or") or token.is_punct and token.text not in ("-",) or token.is_space:
            return None  # a list of places, or the apposition ended
        if token.lower_ == "country" and k + 1 < len(doc) and doc[k + 1].text in _POSSESSIVES:
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


def _is_government(span: Span, lex: Lexicon) -> bool:
    """A government body: "Ministry of ...", "Japan's industry ministry", "the U.S. Treasury", "Bundesbank"."""
    words = entity_key(span.text).split()
    if not words:
        return False
    tail = [words[-1], " ".join(words[-2:])]
    return (
        any(lex.org_heads.get(phrase) == "government" for phrase in tail)
        or words[0] in ("ministry", "department", "bureau", "office")
        or ("of" in words and lex.org_heads.get(" ".join(words[: words.index("of")])) == "government")  # "Central Bank of X"
        or _is_regional_government(span, lex)
        or " ".join(words) in lex.government_bodies
        or any(phrase in lex.government_bodies for phrase in tail[1:])
        or any(" ".join(words[:width]) in lex.legislatures for width in (1, 2, 3))  # "House Budget Committee"
    )


def _is_regional_government(span: Span, lex: Lexicon) -> bool:
    """"Lagos State government", "the Queensland Government": a province's government named as a body."""
    words = span.text.split()
    return len(words) >= 2 and words[-1].lower() == "government" and " ".join(words[:-1]) in lex.provinces


def _same_entity(entity: _Entity, span: Span, country: str | None, lex: Lexicon) -> bool:
    if entity.country and country and entity.country != country:
        return False
    key = entity_key(span.text)
    canonical = _canonical(span.text, lex)
    for other in entity.spans:
        other_key = entity_key(other.text)
        if key == other_key or (canonical is not None and canonical == _canonical(other.text, lex)):
            return True
        if _is_alias(span.text, other_key, lex) or _is_alias(other.text, key, lex):
            return True
        if span.label_ == PROPER and other.label_ == PROPER and _short_form(key, other_key, span.text, other.text, lex):
            return True
        if DESCRIPTIVE in (span.label_, other.label_) and span.label_ != other.label_ and _describes(
            span if span.label_ == DESCRIPTIVE else other, other if span.label_ == DESCRIPTIVE else span
        ):
            return True
    return False


def _canonical(text: str, lex: Lexicon) -> str | None:
    """The news agency or party a name stands for: "Reuter", "REUTER" and "Reuters" are one body; so are
    "SPD" and "Social Democrats"."""
    return lex.agencies.get(text) or lex.agencies.get(text.title()) or lex.parties.get(text)


def _is_alias(text: str, full_key: str, lex: Lexicon) -> bool:
    """"Fed" for the story's "Federal Reserve", "USDA" for its "Agriculture Department" (models/.../org_aliases.tsv)."""
    words = set(full_key.split())
    return any(required <= words for required in lex.aliases.get(text, ()))


def _letters_acronym(text: str) -> str:
    """The acronym that keeps the case of every word's first letter: "BoE" for "Bank of England"."""
    return "".join(word[0] for word in re.split(r"[\s-]+", text) if word and word[0].isalpha())


def _short_form(key: str, other_key: str, text: str, other_text: str, lex: Lexicon) -> bool:
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
        if letters in (acronym(long_text), acronym(" ".join(words)), _letters_acronym(long_text).upper()):
            return True  # "BOJ" for "Bank of Jamaica" too
    if len(short_text) >= 3 and short_text[0].isupper() and short_text == _letters_acronym(long_text):
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
    return story_country(text, dateline.place if dateline is not None else None, doc._.published, lex, provinces=False)


def countries_stated(doc: Doc, entities: list[_Entity], lex: Lexicon) -> set[str]:
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


def cluster(doc: Doc, spans: list[Span], lex: Lexicon, home: str | None = None) -> list[_Entity]:
    entities: list[_Entity] = []
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
            entities.append(_Entity(span, country, _is_government(span, lex), span.text in lex.agencies))
    for entity in entities:
        entity.spans.sort(key=lambda span: span.start)
        if any(lex.is_international(span.text) for span in entity.proper):
            entity.country = None
        elif entity.country is None and any(_is_government(span, lex) for span in entity.proper):
            entity.country = as_of(home, doc._.published, lex)  # a national body in a story from or about one country
    _inherit_from_government_parents(entities)
    _subject_description_country(doc, entities, lex)
    return sorted(entities, key=lambda entity: entity.spans[0].start)


def _subject_description_country(doc: Doc, entities: list[_Entity], lex: Lexicon) -> None:
    """"Renault ... France's second largest carmaker enjoyed ...": a description of a company by its country,
    standing alone as a subject, refers to the story's subject company (the first it names)."""
    companies = sorted((e for e in entities if not (e.government or e.agency)), key=lambda e: e.spans[0].start)
    if not companies or companies[0].country is not None:
        return
    subject = companies[0]
    for i, token in enumerate(doc):
        if token.text not in _POSSESSIVES or i == 0 or i < subject.spans[0].start:
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


def _inherit_from_government_parents(entities: list[_Entity]) -> None:
    """A body named as a national body's own ("the Fed's Open Market Committee") is of that body's country."""
    owner_of_end = {span.end: entity for entity in entities for span in entity.spans}
    for entity in entities:
        if entity.country is not None:
            continue
        for span in entity.spans:
            start = span.start
            if start >= 2 and span.doc[start - 1].text in _POSSESSIVES and start - 1 in owner_of_end:
                parent = owner_of_end[start - 1]
                if parent is not entity and parent.government and parent.country:
                    entity.country = parent.country
                    break


def _entity_named(entities: list[_Entity], span: Span, country: str | None) -> _Entity | None:
    """The entity with a mention of exactly this name ("Thyssen" joins "Thyssen AG", not "Thyssen Stahl AG")."""
    key = entity_key(span.text)
    for entity in entities:
        if entity.country and country and entity.country != country:
            continue
        if any(entity_key(other.text) == key for other in entity.spans):
            return entity
    return None


def _apposed_entity(span: Span, entities: list[_Entity]) -> _Entity | None:
    """The named body a description stands next to ("the French statistics agency, INSEE"), or the name an
    abbreviation in brackets follows ("the Hungarian Democratic Union (UDMR)")."""
    doc = span.doc
    if span.label_ == DESCRIPTIVE:
        after = span.end + (1 if span.end < len(doc) and doc[span.end].text in (",", "<") else 0)
        return next((e for e in entities if any(s.start == after and s.label_ == PROPER for s in e.spans)), None)
    if span.start >= 1 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")":
        return next((e for e in entities if any(s.end == span.start - 1 and s.label_ == PROPER for s in e.spans)), None)
    return None


def to_record(entity: _Entity) -> Organization:
    return Organization(
        name=entity.name,
        country=entity.country,
        mentions=[Mention(start=s.start_char, end=s.end_char, text=s.text) for s in entity.spans],
    )


@Language.factory(
    "wirefacts_organizations",
    assigns=["doc._.organizations", "doc._.officials"],
    requires=["doc.spans", "doc._.official_drafts", "doc.ents"],
)
def make_organizations(nlp: Language, name: str):
    lex = lexicon()

    def component(doc: Doc) -> Doc:
        home = home_country(doc, lex)
        entities = cluster(doc, organization_spans(doc, lex), lex, home)
        doc._.organizations = [to_record(entity) for entity in entities]
        _resolve_official_organizations(doc, entities, lex, home)
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
    described = _described_as_bodies(doc, [*doc.spans.get("org_mentions", []), *ents], lex)
    ner_people = [ent for ent in ents if ent.label_ == "PERSON" and not _mostly_a_body(ent, ents, full_name_words)
                  and not (len(ent) == 1 and ent.text.title() in described)]
    surnames = {span.text.split()[-1] for span in [*people, *ents] if span.label_ in ("PERSON", "")
                and len(span.text.split()) > 1}
    person_tokens = {i for ent in ner_people for i in range(ent.start, ent.end)}
    person_words = {word for person in people for word in person.text.split()} | {
        word for ent in ner_people for word in ent.text.split()
    }
    served = {(d.org_span.start, d.org_span.end) for d in doc._.official_drafts or [] if d.org_span is not None}
    in_titles = {i for title in doc.spans.get("official_titles", []) for i in range(title.start, title.end)}
    mentions = _split_lists_of_people(list(doc.spans.get("org_mentions", [])), person_words, surnames)
    firm_heads = _firm_heads(mentions, [*people, *ner_people], lex) | described
    introduced = _people_named_as_bodies(mentions, ents, firm_heads, lex)
    person_words |= {word for span in introduced for word in span.text.split()}
    surnames |= {span[-1].text for span in introduced}  # "Ismoil" after "Eyad Ismoil" the NER called a body
    introduced_at = {(span.start, span.end) for span in introduced}
    evidence = _PersonEvidence(ents, person_words, surnames, firm_heads, lex)
    bodies = {entity_key(span.text) for span in mentions if not names_an_index(span, lex)}
    in_amounts = {i for amount in doc.spans.get("amounts", []) for i in range(amount.start, amount.end)}
    kept, dropped_people = [], set()
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
        if len(span) == 1 and evidence.one_word_is_a_place(span):
            continue  # "Mantua" the NER calls a place as often as a body, and no name of the story makes it a firm
        if len(span) == 1 and evidence.one_word_is_a_person(span):
            dropped_people.update(tokens)
            continue  # "Stoltenberg", or "BALDRIGE" in a headline; "Ford" stays where "Ford Motor Co" is named,
            # and a party or news agency ("Labour") stays whatever the NER called it elsewhere
        if len(span) > 1 and (span.start, span.end) not in served and span.label_ == PROPER \
                and (evidence.name_is_a_person(span) or (span.start, span.end) in introduced_at):
            dropped_people.update(tokens)
            continue  # "Julia Chepalova" where "Chepalova" is a person elsewhere in the story
        if _FIGURE.search(span.text) or any(token.lower_ in _FIGURE_WORDS for token in span):
            continue  # "China 2.1 billion": the NER ran into a figure ("Adam Air Flight 574" stays)
        if _is_headline_caps(span, doc, lex) or _is_product_name(span) or _is_title_fragment(span, lex):
            continue
        if _is_common_word(span, lex) or _names_a_sector(span, lex) or in_amounts & tokens:
            continue  # "allocations to Health"; "EGP" of "EGP 265"
        kept.append(span)
    kept += _nested_parents(kept, lex)
    kept += _bracketed_acronyms(doc, kept)
    # a person the story names (by the NER or by what a mention turned out to be) is no short form of a body
    blocked = officials_taken | in_titles | dropped_people | {i for span in kept for i in range(span.start, span.end)}
    kept += _repeated_names(doc, kept, blocked, lex, served, firm_heads, evidence)
    return sorted(kept, key=lambda span: span.start)


PEOPLE_OVER_FIRMS = 2  # distinct people per firm name that make a shared word a family's, not the firm's


def _firm_heads(mentions: list[Span], people: list[Span], lex: Lexicon) -> set[str]:
    """First words of the story's names with a legal form or head word ("Ford" of "Ford Motor Co", "Cerberus" of
    "Cerberus Capital Management"): such a word named alone is the firm's short form even where a person shares
    it, unless the story names more people by it than firms ("Rosenbaum" of four Rosenbaums and one "Rosenbaum
    House Foundation"). A possessor is no head ("Trimble's Unionist Party")."""
    firm_names: dict[str, set[str]] = {}
    for span in mentions:
        if len(span) < 2:
            continue
        doc = span.doc
        if doc[span.start + 1].text in _POSSESSIVES:
            continue
        if any(doc[i].lower_ in lex.suffix_words for i in range(span.start + 1, span.end)):
            firm_names.setdefault(doc[span.start].text.title(), set()).add(" ".join(span.text.split()))
    if not firm_names:
        return set()
    full_names = {" ".join(person.text.split()) for person in people if len(person.text.split()) > 1}
    as_people = Counter(word.title() for name in full_names for word in name.split()[1:])
    return {head for head, names in firm_names.items() if as_people[head] <= PEOPLE_OVER_FIRMS * len(names)}


GIVEN_NAMES = frozenset(row[0] for row in load_tsv("gazetteers/given_names.tsv", 1))
MAX_PERSON_NAME = 4  # tokens of a name shaped as a person's: "Jean - Paul Gaultier", "Leland J. Ware"


def _people_named_as_bodies(mentions: list[Span], ents, firm_heads: set[str], lex: Lexicon) -> list[Span]:
    """Mentions shaped as a person's name ("Leland Ware", "Eyad Ismoil": a given name, then capitalized words, no
    legal form or head word) that the NER calls a body at most once, and whose first word leads no firm's name
    ("Dean Witter" where "Dean Witter Reynolds Inc" is named)."""
    found = []
    for span in mentions:
        if span.label_ != PROPER or not 2 <= len(span) <= MAX_PERSON_NAME or span[0].text not in GIVEN_NAMES:
            continue
        if span[0].text.title() in firm_heads or not span[-1].is_title:
            continue
        if any(not (token.is_title or token.text == "-" or _is_initial(token.text)) for token in span):
            continue
        words = [token.lower_ for token in span]
        if any(word in lex.suffix_words or word in lex.org_heads for word in words) or lex.country_of(span[-1].text):
            continue
        if _canonical(" ".join(span.text.split()), lex) is not None:
            continue  # "Christian Democrats": a party
        if sum(1 for ent in ents if ent.label_ == "ORG" and ent.text == span.text) <= 1:
            found.append(span)
    return found


def _followed_by_its_country(span: Span, lex: Lexicon) -> bool:
    """"MANTUA, Italy 1996-12-06", "Kindu, Zaire": a name then its country or province after a comma is a place
    (not "Minas, Nigeria's Bonny Light", a list)."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    after = doc[end + 2] if end + 2 < len(doc) else None
    if after is not None and after.text in _POSSESSIVES:
        return False
    return bool(lex.country_of(doc[end + 1].text) or lex.provinces.get(doc[end + 1].text))


_NAME_THEN_REGION = re.compile(r"\b([A-Z][A-Za-z]+) ?, ([A-Z][A-Za-z.]*(?: [A-Z][a-z]+)?)(?!['\u2019]s)")


def _names_written_with_their_country(text: str, lex: Lexicon) -> set[str]:
    """One-word names the story writes as "PRICE, Utah" or "Kindu, Zaire" somewhere (title-cased)."""
    return {match.group(1).title() for match in _NAME_THEN_REGION.finditer(text)
            if lex.country_of(match.group(2)) or lex.provinces.get(match.group(2))}


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


_HEAD_WORDS: dict[int, frozenset[str]] = {}


def _body_head_words(lex: Lexicon) -> frozenset[str]:
    """Last words of the head nouns of a body ("airline", "carmaker", "group", "bank")."""
    if id(lex) not in _HEAD_WORDS:
        _HEAD_WORDS[id(lex)] = frozenset(head.split()[-1] for head in lex.org_heads)
    return _HEAD_WORDS[id(lex)]


def _described_as_bodies(doc: Doc, spans: list[Span], lex: Lexicon) -> set[str]:
    """One-word names (of the mentions and the NER's entities) the story puts right after a body's head noun
    somewhere ("Irish low cost airline, Ryanair", "medical equipment group Radiometer"): what the NER calls them
    elsewhere, they are bodies."""
    heads = _body_head_words(lex)
    found = set()
    for span in spans:
        if span.end - span.start != 1 or span.start == 0:
            continue
        before = doc[span.start - 1]
        if before.text == "," and span.start >= 2:
            before = doc[span.start - 2]
        if before.is_lower and before.lower_ in heads:
            text = doc[span.start].text
            if text[:1].isupper():
                found.add(text.title())
    return found


_PLACE_LABELS = ("GPE", "LOC", "FAC")
ONE_WORD_MARGIN = 5  # a lone word is weak evidence: it must be named a body more than this many times as often as a
# person ("Wells" 27 times a body and once a person is the agency; "Mac" five times a body and once a person is not)


class _PersonEvidence:
    """The story's weight of evidence that a name is a person's rather than a body's: the words the NER and the
    officials give people, the surnames of people named in full, the firms the story names with a legal form."""

    def __init__(self, ents, person_words: set[str], surnames: set[str], firm_heads: set[str], lex: Lexicon):
        self.ents, self.person_words, self.surnames, self.firm_heads, self.lex = ents, person_words, surnames, firm_heads, lex
        # "PRICE, Utah" in the dateline makes every "Price" of the story the town
        self.places = _names_written_with_their_country(ents[0].doc.text, lex) if ents else set()

    def one_word_is_a_person(self, span: Span) -> bool:
        """"Stoltenberg" where a person is so named; not "Ford" where "Ford Motor Co" is named, nor "Ford" named
        a body nine times and a person ("Ford Falcon") once, nor a party or agency ("Labour")."""
        text = span.text
        if text not in self.person_words and text.title() not in self.person_words:
            return False
        if text.title() in self.firm_heads or _canonical(text, self.lex) is not None:
            return False
        if text in self.surnames or text.title() in self.surnames:
            return True  # "BALDRIGE" in a headline, where Malcolm Baldrige is named
        return self._as_body(span) <= ONE_WORD_MARGIN * self._as_person(text)

    def one_word_is_a_place(self, span: Span) -> bool:
        """"Mantua" the NER calls a place as often as a body, or writes once as "MANTUA, Italy": unless a name of
        the story makes the word a firm's."""
        text = span.text
        if text.title() in self.firm_heads or _has_org_form(span, self.lex) or _canonical(text, self.lex) is not None \
                or text.lower() in self.lex.government_bodies:
            return False  # "the Oireachtas" the NER calls a place is a legislature
        if text.title() in self.places or _followed_by_its_country(span, self.lex):
            return True
        as_place = sum(1 for ent in self.ents if ent.label_ in _PLACE_LABELS and ent.text == text)
        return as_place > 0 and as_place >= sum(1 for ent in self.ents if ent.label_ == "ORG" and ent.text == text)

    def name_is_a_person(self, span: Span) -> bool:
        """"Conor McCourt" where Frank McCourt is named and "Conor" names no body; "Julia Chepalova" where
        "Chepalova" is a person; not "McDonnell Douglas" named a body four times, "Douglas" a person twice, nor
        "Lockheed Martin" where "Lockheed" is named a body on its own."""
        last = span[-1].text
        if last not in self.person_words or _has_org_form(span, self.lex):
            return False
        if last in self.surnames and not self._first_word_names_a_body(span):
            return True
        return self._as_body(span) <= self._as_person(last)

    def _as_body(self, span: Span) -> int:
        """How often the NER names this body, a one-word name also as the first word of a longer one."""
        text = span.text
        return sum(1 for ent in self.ents
                   if ent.label_ == "ORG" and (ent.text == text or len(span) == 1 and ent[0].text == text))

    def _as_person(self, word: str) -> int:
        return sum(1 for ent in self.ents if ent.label_ == "PERSON" and (word in ent.text.split() or word.title() in ent.text.split()))

    def _first_word_names_a_body(self, span: Span) -> bool:
        first = span[0].text
        return any(ent.label_ == "ORG" and ent[0].text == first and ent.text != span.text for ent in self.ents)


def _split_lists_of_people(mentions: list[Span], person_words: set[str], surnames: set[str]) -> list[Span]:
    """"Olowe and Areogun", "Ann Berg and Erling Jevne": a mention the NER ran over "and" whose two sides end in
    words the story gives people (or one side in the surname of a person named in full, or both open with a given
    name) is a list of people, each
    side its own candidate; "Kramerbooks and Afterwords" stays one name where only one side was called a person."""
    out = []
    for span in mentions:
        joint = next((token.i for token in span if token.lower_ == "and"), None)
        if span.label_ != PROPER or joint is None or joint in (span.start, span.end - 1):
            out.append(span)
            continue
        doc = span.doc
        sides = [Span(doc, span.start, joint, label=PROPER), Span(doc, joint + 1, span.end, label=PROPER)]
        if all(side[0].text[:1].isupper() and not _ends_in_a_body_word(side) for side in sides) \
                and (all(side[-1].text in person_words for side in sides)
                     or any(side[-1].text in surnames for side in sides)
                     or all(len(side) > 1 and side[0].text in GIVEN_NAMES for side in sides)):
            out += sides
        else:
            out.append(span)
    return out


def _ends_in_a_body_word(span: Span) -> bool:
    return span[-1].lower_ in lexicon().suffix_words or span[-1].lower_ in lexicon().org_heads


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
    as_body = sum(1 for ent in doc.ents if ent.label_ == "ORG" and ent[0].text == token.text)  # "Apple Computer" too
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
    doc: Doc, kept: list[Span], blocked: set[int], lex: Lexicon, served: set[tuple[int, int]], firm_heads: set[str],
    evidence: _PersonEvidence | None = None,
) -> list[Span]:
    """Names the NER missed that repeat a mention of the story, or are its short form or acronym ("Newmont"
    for "Newmont Mining Corp.", "Santa Fe" for "Santa Fe Pacific Gold", "THYSSEN" in the headline)."""
    # only names the story itself marks as a body spread: a legal form or head word, an agency or party,
    # an acronym, a body an official serves ("Ifo president X"), the first word of a company's full name
    # ("Marsh" of "Marsh & McLennan Cos"), or a name of several words ("Newmont Mining
    # Corp.", "UDMR"); a lone word the NER guessed ("Cherating", "Protestant") would spread its error
    names = [span for span in kept if span.label_ == PROPER and not _names_a_possessor(span)
             and (len(span) > 1 or _has_org_form(span, lex)
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
        if len(run) == 1 and evidence is not None and evidence.one_word_is_a_person(run):
            continue  # "Olowe" of "Olowe of Ise", where the story names Olowe as a person
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


def _names_a_possessor(span: Span) -> bool:
    """"Trimble's Unionist Party": the first word is the possessor, not a short form of the body."""
    return len(span) > 2 and span[1].text in _POSSESSIVES


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


_FIGURE = re.compile(r"(?:^|\s)\d+(?:[.,/-]\d+)+(?:\s|$)")  # "2.1", "1,250", "2-4" of a market table, not "A320-200"
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


def _resolve_official_organizations(doc: Doc, entities: list[_Entity], lex: Lexicon, home: str | None) -> None:
    """Officials take the fullest name of their organization's entity, and a country from the text."""
    entity_of = {(span.start, span.end): entity for entity in entities for span in entity.spans}
    drafts = doc._.official_drafts or []
    chosen = [entity_of.get((d.org_span.start, d.org_span.end)) if d.org_span is not None else None for d in drafts]
    attached = {id(entity) for entity in chosen if entity is not None}
    for index, draft in enumerate(drafts):
        if chosen[index] is None and not draft.is_head_of_state and not draft.is_shadow \
                and not (draft.country and not draft.is_government):
            # a post whose title names a country and no body ("Indonesian Vice President") serves that country
            chosen[index] = _nearby_organization(doc, draft, entities, attached, lex)
    stated = countries_stated(doc, entities, lex)

    def national(code: str | None) -> str | None:
        return code if code in stated else None

    doc._.officials = [
        Official(
            name=draft.name,
            title=draft.title,
            organization=entity.name if entity is not None else None,
            country=_official_country(draft, entity, national(_sentence_country(draft.name_span, lex)) or national(home), lex),
            mentions=[Mention(start=s.start_char, end=s.end_char, text=s.text) for s in draft.mentions],
        )
        for draft, entity in zip(drafts, chosen)
    ]


def _sentence_country(name: Span, lex: Lexicon) -> str | None:
    """The one country the official's sentence names, by country, people or city ("In Hong Kong, Baldrige
    met Governor David Wilson")."""
    doc = name.doc
    sentence = name.sent if doc.has_annotation("SENT_START") else doc[:]
    bodies = {i for span in doc.spans.get("org_mentions", []) for i in range(span.start, span.end)}
    # the nationality of another official's title is theirs ("... and Japanese finance minister X")
    titled = {i for title in doc.spans.get("official_titles", []) for i in range(max(0, title.start - 3), title.end)}
    codes = set()
    for start, end in _stretches_outside(sentence.start, sentence.end, bodies | titled):
        codes |= countries_in(doc, start, end, lex, cities=True)  # "American" of "American Chamber" is no place
    return codes.pop() if len(codes) == 1 else None


def _stretches_outside(start: int, end: int, taken: set[int]) -> list[tuple[int, int]]:
    stretches, begin = [], None
    for i in range(start, end + 1):
        free = i < end and i not in taken
        if free and begin is None:
            begin = i
        elif not free and begin is not None:
            stretches.append((begin, i))
            begin = None
    return stretches


def _official_country(draft, entity: _Entity | None, home: str | None, lex: Lexicon) -> str | None:
    """Stated in the title ("Saudi Oil Minister"), else the organization's, else for a government post with no
    other body named, the country of the dateline (a national official in a story datelined there)."""
    if draft.country:
        return draft.country
    if entity is not None and (entity.country or not draft.is_government):
        return entity.country
    return home if draft.is_government else None


def _nearby_organization(doc: Doc, draft, entities: list[_Entity], attached: set[int], lex: Lexicon) -> _Entity | None:
    """A title that names no body: a government post serves the one free government body of its sentence
    ("Director General ... Je Kyung-hee ..., according to the Ministry of ..."); a company post serves the
    nearest company named before it ("Castle and Cooke Inc said ... David Murdock, chairman, said")."""
    name = draft.name_span
    sentence = name.sent if doc.has_annotation("SENT_START") else doc[:]
    if draft.is_government:
        compatible = [
            entity
            for entity in entities
            if entity.government and not entity.agency and not _is_committee(entity)
            and (draft.country is None or entity.country in (None, draft.country))
        ]  # a minister who speaks to a legislature's committee does not serve it
        # the ministry of the portfolio before the head ("Agriculture Minister"); a remit after it ("Cabinet
        # Secretary for National Treasury and Planning") names what the post covers, not its body
        by_portfolio = _ministry_of_portfolio(_words_before_head(draft), compatible, lex)
        regional = _sole_regional_government(compatible, lex)
        if by_portfolio is not None or _heads_a_portfolio(draft, lex):
            return by_portfolio or regional  # "Finance Minister X said Treasury's plan ...": another's body is not his
        found = {
            id(entity): entity
            for entity in compatible
            if id(entity) not in attached
            for span in entity.spans
            if sentence.start <= span.start and span.end <= sentence.end
        }
        if len(found) == 1:
            return next(iter(found.values()))
        return regional if not found else None
    in_sentence = [
        (span.start, entity)
        for entity in entities
        if not entity.agency and not _is_party(entity, lex)
        and not any(lex.is_international(other.text) for other in entity.proper)
        for span in entity.spans
        if sentence.start <= span.start and span.end <= name.start
    ]
    if in_sentence:
        return max(in_sentence, key=lambda pair: pair[0])[1]  # "The Bundesbank sees ..., vice-president X told"
    return _subject_company(entities, name.start)


def _sole_regional_government(entities: list[_Entity], lex: Lexicon) -> _Entity | None:
    """A state commissioner or governor in a story whose only government body is its state's government
    ("the Lagos State government ... Commissioner for Finance, X, said") serves that government."""
    if len(entities) != 1:
        return None
    entity = entities[0]
    return entity if any(_is_regional_government(span, lex) for span in entity.proper) else None


def _is_party(entity: _Entity, lex: Lexicon) -> bool:
    """A party serves its MPs through their title ("Conservative MP X"), never a company post nearby."""
    return any(span.text in lex.parties or lex.parties.get(span.text.title()) for span in entity.spans)


def _subject_company(entities: list[_Entity], before: int) -> _Entity | None:
    """The company the story is about: the first one it names (wire copy names its subject in the headline
    or lead), for a title with no body of its own. Measured better than the most-named company."""
    named = [
        entity
        for entity in entities
        if not (entity.government or entity.agency) and any(span.end <= before for span in entity.spans)
    ]
    if not named:
        return None
    return min(named, key=lambda entity: entity.spans[0].start)


def _is_committee(entity: _Entity) -> bool:
    return entity.name.split()[-1].lower() in COMMITTEE_HEADS


def _heads_a_portfolio(draft, lex: Lexicon) -> bool:
    """"Finance Minister", "Finance director general": a portfolio word before the head names the ministry the
    post heads ("Director General for Technology Policy" names a remit inside a ministry, not one)."""
    return bool(_portfolio(_words_before_head(draft), lex))


def _words_before_head(draft) -> str:
    words = (draft.title or "").lower().split()
    head = draft.title_head.lower().split()[0]
    return " ".join(words[: words.index(head)]) if head in words else ""


def _portfolio(title: str, lex: Lexicon) -> set[str]:
    return {word for word in title.lower().split() if lex.title_modifiers.get(word) == "portfolio"}


def _ministry_of_portfolio(title: str, entities: list[_Entity], lex: Lexicon) -> _Entity | None:
    """"Agriculture Minister" serves the story's "Agriculture Ministry"; "Treasury Secretary" its "Treasury"."""
    portfolio = _portfolio(title, lex)
    if not portfolio:
        return None
    matches = [entity for entity in entities if portfolio & set(entity_key(entity.name).split())]
    return matches[0] if len(matches) == 1 else None
