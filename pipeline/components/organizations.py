"""Organizations: the organization mentions that survive what the officials component learned, weighed
against the story's evidence, plus the names the NER missed where the story names that body elsewhere. The
component writes them to doc.spans["organizations"] (labels ORG and ORG_DESC); the records layer
(wirefacts.organizations) links them into entities with their countries."""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.attrs import IS_PUNCT, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirefacts.components import story_text
from wirefacts.components.officials import NAMES_KEY, OFFICIALS_KEY, TITLES_KEY
from wirefacts.components.org_mentions import GIVEN_NAMES, PROPER, led_by_a_legal_form, names_a_title, names_an_index, trim
from wirefacts.lexicon import Lexicon, lexicon
from wirefacts.org_names import ARTICLES as _ARTICLES, POSSESSIVES as _POSSESSIVES, canonical as _canonical
from wirefacts.org_names import entity_key, short_form as _short_form
from wirefacts.resources import load_tsv

SPANS_KEY = "organizations"


@Language.factory(
    "wirefacts_organizations",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.ents", "token.tag", "token.is_sent_start"],
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
    people = list(doc.spans.get(NAMES_KEY, []))
    officials_taken = {i for person in people for i in range(person.start, person.end)}
    # (spaCy builds the tuple anew on each call) "Munich Re", "Manitoba Pork": a place and a word is no person
    ents = tuple(ent for ent in doc.ents if not (ent.label_ == "PERSON" and _led_by_a_place(ent, lex)))
    full_name_words = {word for span in [*people, *ents] if len(span) > 1 and span.label_ in ("PERSON", "")
                       for word in span.text.split()}
    described = _described_as_bodies(doc, [*doc.spans.get("org_mentions", []), *ents], lex) \
        | _listed_with_bodies(doc, list(doc.spans.get("org_mentions", [])), ents, full_name_words, lex)
    ner_people = [ent for ent in ents if ent.label_ == "PERSON" and not _mostly_a_body(ent, ents, full_name_words)
                  and not (len(ent) == 1 and ent.text.title() in described)]
    surnames = {span.text.split()[-1] for span in [*people, *ents] if span.label_ in ("PERSON", "")
                and len(span.text.split()) > 1}
    person_tokens = {i for ent in ner_people for i in range(ent.start, ent.end)}
    person_words = {word for person in people for word in person.text.split()} | {
        word for ent in ner_people for word in ent.text.split()
    }
    served = {tuple(span._.official_body) for span in doc.spans.get(OFFICIALS_KEY, []) if span._.official_body is not None}
    in_titles = {i for title in doc.spans.get(TITLES_KEY, []) for i in range(title.start, title.end)}
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
        if in_titles & tokens and (span.start, span.end) not in served and _canonical(span.text, lex) is None:
            # (a party or news agency stays a mention inside a title: "Labour leader", "Tory candidate")
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
    kept += _repeated_names(doc, kept, blocked, lex, served, firm_heads, evidence, described)
    return sorted(kept, key=lambda span: span.start)


def _led_by_a_place(ent: Span, lex: Lexicon) -> bool:
    """A name of several words whose first word is a province or city and no word a given name: "Munich Re",
    "Manitoba Pork" the NER calls a person are a body's name ("Jordan Henderson", "Paris Hilton" stay people)."""
    first = ent[0].text
    if len(ent) < 2 or any(token.text in GIVEN_NAMES for token in ent):
        return False  # "Swiss Thomas Gurtner"
    return bool(lex.provinces.get(first) or lex.cities.get(first.lower()))  # (a country word may be "Swiss")


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


@functools.cache
def _settlement_pattern(words: frozenset[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(sorted(words)) + r")\b")  # lowercase only
MAX_PLACE_DESCRIPTION = 3  # words between "Cukai, a" and "town": "tiny", "fishing", "border"


def _names_described_as_places(doc: Doc, lex: Lexicon) -> set[str]:
    """One-word names the story calls a settlement: "the town of Walikale", "Cherating village", "Kuantan airport",
    "Cukai, a tiny town in ..." (title-cased)."""
    found = set()
    for match in _settlement_pattern(lex.settlement_words).finditer(story_text(doc)):
        word = doc.char_span(match.start(), match.end())
        if word is None:
            continue
        i = word.start
        if i + 2 < len(doc) and doc[i + 1].lower_ == "of" and _one_name(doc, i + 2):
            found.add(doc[i + 2].text.title())  # "the town of Walikale"
        if i > 0 and _one_name(doc, i - 1):
            found.add(doc[i - 1].text.title())  # "Cherating village"
        j = i - 1
        while j > 0 and i - j <= MAX_PLACE_DESCRIPTION and doc[j].is_lower and doc[j].lower_ not in ("a", "an", "the"):
            j -= 1
        if j >= 2 and doc[j].lower_ in ("a", "an", "the") and doc[j - 1].text == "," and _one_name(doc, j - 2):
            found.add(doc[j - 2].text.title())  # "Cukai, a tiny town in Terengganu"
    return found


def _one_name(doc: Doc, i: int) -> bool:
    """Token i is a capitalized word standing alone (no capitalized word of the same sentence right before or
    after it): "Walikale", not "Santa" of "Santa Fe"."""
    token = doc[i]
    if not _capitalized_word(token):
        return False
    joined_before = i > 0 and not token.is_sent_start and _capitalized_word(doc[i - 1])
    joined_after = i + 1 < len(doc) and _capitalized_word(doc[i + 1])
    return not (joined_before or joined_after)


def _capitalized_word(token) -> bool:
    return token.is_alpha and token.text[:1].isupper()


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
        if _apposition_names_a_body(doc, span.end, heads):
            found.add(doc[span.start].text.title())
    for match in _BEFORE_AN_APPOSITION.finditer(story_text(doc)):  # "Simec, the steelmaking arm of ...": no entity
        word = doc.char_span(match.start(), match.end())
        if word is not None and len(word) == 1 and _apposition_names_a_body(doc, word.end, heads) \
                and not (word.start > 0 and doc[word.start - 1].text[:1].isupper() and not word[0].is_sent_start):
            found.add(word.text.title())
    return found


_BEFORE_AN_APPOSITION = re.compile(r"\b[A-Z][A-Za-z]+(?=, (?:a|an|the|its) [a-z])")


APPOSITION_HEADS = frozenset(row[0] for row in load_tsv("gazetteers/org_apposition_heads.tsv", 1))
APPOSITION_DETERMINERS = ("a", "an", "the", "its")
MAX_APPOSITION_MODIFIERS = 3


def _apposition_names_a_body(doc: Doc, end: int, heads: frozenset[str]) -> bool:
    """", a venture that ...", ", its maker": an apposition after position `end` whose head noun is a body's."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in APPOSITION_DETERMINERS:
        return False
    for i in range(end + 2, min(end + 3 + MAX_APPOSITION_MODIFIERS, len(doc))):
        token = doc[i]
        if not (token.is_lower and token.is_alpha):
            return False
        following = doc[i + 1] if i + 1 < len(doc) else None
        compound = following is not None and following.is_lower and following.is_alpha and following.tag_.startswith("NN")
        if (token.lower_ in heads or token.lower_ in APPOSITION_HEADS) and not compound:
            return True  # (not "a group photo", but "a venture capital firm" at "firm")
    return False


LIST_JOINTS = (",", "and", "or")
MIN_BODY_VOTES = 2  # a list's anchor: a name the NER calls a body at least this often in the story
MAX_LIST_ITEMS = 6


def _listed_with_bodies(doc: Doc, mentions: list[Span], ents, full_name_words: set[str], lex: Lexicon) -> set[str]:
    """One-word names in a list with a body the NER names again and again ("sites like Yahoo, Lycos, Infoseek and
    Excite"): items of one list are things of one kind, whatever the NER called them. Not places, given names,
    title words or words of a person's full name ("the EU and Poland", "Acme and Smith", "Cruise, Ford")."""
    body_votes = Counter(ent.text for ent in ents if ent.label_ == "ORG")
    found = set()
    for mention in mentions:
        if mention.label_ != PROPER or body_votes[mention.text] < MIN_BODY_VOTES or mention[-1].tag_ == "NNPS":
            continue  # (a plural names members: "Democrats and fellow Republicans")
        for step, edge in ((1, mention.end), (-1, mention.start - 1)):
            i, items = edge, 0
            while 0 <= i < len(doc) and items < MAX_LIST_ITEMS and doc[i].lower_ in LIST_JOINTS:
                item = i + step if not (doc[i].text == "," and 0 <= i + step < len(doc)
                                        and doc[i + step].lower_ in ("and", "or")) else i + 2 * step
                if not (0 <= item < len(doc)) or not _lone_name_in_a_list(doc, item, lex) \
                        or doc[item].text in full_name_words:
                    break
                found.add(doc[item].text.title())
                i, items = item + step, items + 1
    return found


def _lone_name_in_a_list(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Token i is one capitalized word between list joints: no given name, place, party or title word."""
    token = doc[i]
    if not _capitalized_word(token) or token.is_sent_start or token.text in GIVEN_NAMES \
            or token.tag_ == "NNPS":
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(doc) and not (doc[j].lower_ in LIST_JOINTS or doc[j].is_punct or doc[j].is_space):
            return False  # "Yahoo and Bill Gates", "Lycos Inc"
    text = token.text
    if lex.country_of(text) or lex.cities.get(text.lower()) or lex.provinces.get(text) or text.lower() in lex.regions:
        return False
    if _canonical(text, lex) is not None:
        return False  # "Democrats and fellow Republicans": parties have rules of their own
    return text.lower() not in lex.titles and text.lower() not in lex.title_modifiers


_PLACE_LABELS = ("GPE", "LOC", "FAC")
ONE_WORD_MARGIN = 5  # a lone word is weak evidence: it must be named a body more than this many times as often as a
# person ("Wells" 27 times a body and once a person is the agency; "Mac" five times a body and once a person is not)


class _PersonEvidence:
    """The story's weight of evidence that a name is a person's rather than a body's: the words the NER and the
    officials give people, the surnames of people named in full, the firms the story names with a legal form."""

    def __init__(self, ents, person_words: set[str], surnames: set[str], firm_heads: set[str], lex: Lexicon):
        self.ents, self.person_words, self.surnames, self.firm_heads, self.lex = ents, person_words, surnames, firm_heads, lex
        # "PRICE, Utah" in the dateline, "the town of Walikale", "Cherating village": every such name of the
        # story is the place
        doc = ents[0].doc if ents else None
        self.settlements = _names_described_as_places(doc, lex) if doc is not None else set()
        self.places = _names_written_with_their_country(story_text(doc), lex) | self.settlements \
            if doc is not None else set()

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

    def one_word_is_a_settlement(self, span: Span) -> bool:
        """"Walikale" where the story says "the town of Walikale", "Kuantan" where it says "Kuantan airport", though
        a body is named after it ("Kuantan Municipal Council")."""
        text = span.text
        return text.title() in self.settlements and not (_has_org_form(span, self.lex) or _canonical(text, self.lex) is not None)

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
    "Mining"), also before "of" ("Reserve Bank of Malawi", where the NER calls "Malawi" a person), or a news
    agency or party."""
    words = [token.text for token in span if not token.is_punct]
    if not words:
        return False
    if any(word in ("of", "for") and k > 0 and words[k - 1].lower() in lex.suffix_words and words[k - 1][:1].isupper()
           for k, word in enumerate(words[:-1])):
        return True
    return words[-1].lower() in lex.suffix_words or _canonical(span.text, lex) is not None or led_by_a_legal_form(span)


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
    """Maximal runs of capitalized words ("Santa Fe", "NEWMONT", "Bre-X": a hyphen inside a word joins), without
    a leading "The"; a legal form ends one ("Newmont Mining Corp." + "Santa Fe is ...")."""
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IS_PUNCT, SENT_START, SPACY]).tolist()  # no Token object per token
    runs, start, previous = [], None, ""
    for i, (orth, is_punct, sent_start, _) in enumerate(rows):
        text = strings[orth]
        capitalized = (text[:1].isupper() and not is_punct) or (start is not None and _joins_a_word(rows, i, strings))
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


def _joins_a_word(rows: list, i: int, strings) -> bool:
    """Token i is a hyphen inside a word, before a capital or digit: the "-" of "Bre-X", "Coca-Cola"."""
    if strings[rows[i][0]] not in ("-", "\u2013") or i == 0 or i + 1 >= len(rows) or rows[i - 1][3] or rows[i][3]:
        return False
    following = strings[rows[i + 1][0]]
    return following[:1].isupper() or following[:1].isdigit()


def _repeated_names(
    doc: Doc, kept: list[Span], blocked: set[int], lex: Lexicon, served: set[tuple[int, int]], firm_heads: set[str],
    evidence: _PersonEvidence | None = None, described: set[str] | None = None,
) -> list[Span]:
    """Names the NER missed that repeat a mention of the story, or are its short form or acronym ("Newmont"
    for "Newmont Mining Corp.", "Santa Fe" for "Santa Fe Pacific Gold", "THYSSEN" in the headline)."""
    # only names the story itself marks as a body spread: a legal form or head word, an agency or party,
    # an acronym, a body an official serves ("Ifo president X"), the first word of a company's full name
    # ("Marsh" of "Marsh & McLennan Cos"), or a name of several words ("Newmont Mining
    # Corp.", "UDMR"); a lone word the NER guessed ("Cherating", "Protestant") would spread its error
    described = described or set()
    names = [span for span in kept if span.label_ == PROPER and not _names_a_possessor(span)
             and (len(span) > 1 or _has_org_form(span, lex)
                                                                 or _is_acronym(span.text)
                                                                 or (span.start, span.end) in served
                                                                 or span.text.title() in firm_heads)]
    if not names and not described:
        return []
    found = []
    named = [(name, entity_key(name.text)) for name in names]
    name_keys = {name_key for _, name_key in named}
    for joined in _capitalized_runs(doc, lex):
        for run in _with_hyphen_parts(joined):
            if run.text.isupper() and len(run) > 1:
                found += _headline_names(run, name_keys, blocked)
                continue
            if blocked & set(range(run.start, run.end)) or not _could_be_a_body(run, lex):
                continue
            if len(run) == 1 and evidence is not None and (evidence.one_word_is_a_person(run)
                                                           or evidence.one_word_is_a_settlement(run)):
                continue  # "Olowe" of "Olowe of Ise", where the story names Olowe as a person
            text = run.text.title() if run.text.isupper() and len(run.text) > 4 else run.text
            if len(run) == 1 and run.text.title() in described and run[0].tag_ != "NNPS":  # not "committee Democrats"
                found.append(Span(doc, run.start, run.end, label=PROPER))  # "Qradio, a venture ..." named alone
                blocked.update(range(run.start, run.end))
                continue
            key = entity_key(text)
            for name, name_key in named:
                same = key == name_key or (len(name) > 1 and _short_form(key, name_key, text, name.text, lex)
                                           and len(key) < len(name_key))
                if same:
                    found.append(Span(doc, run.start, run.end, label=PROPER))
                    blocked.update(range(run.start, run.end))
                    break
    return found


def _with_hyphen_parts(run: Span) -> list[Span]:
    """A run joined over hyphens, then its parts: "Bre-X" is one name, "Newmont-Santa Fe" two."""
    doc = run.doc
    cuts = [token.i for token in run[1:-1] if token.text in ("-", "\u2013") and not token.whitespace_
            and not doc[token.i - 1].whitespace_]
    if not cuts:
        return [run]
    bounds = [run.start, *cuts, run.end]
    return [run, *(doc[a + (a != run.start) : b] for a, b in zip(bounds, bounds[1:]))]


def _names_a_possessor(span: Span) -> bool:
    """"Trimble's Unionist Party": the first word is the possessor, not a short form of the body."""
    return len(span) > 2 and span[1].text in _POSSESSIVES


def _headline_names(run: Span, name_keys: set[str], blocked: set[int]) -> list[Span]:
    """Names of the story inside a headline in capitals: "THYSSEN" in "THYSSEN SEES GOOD 1987 PROFIT"."""
    doc, found, i = run.doc, [], run.start
    while i < run.end:
        for width in range(min(4, run.end - i), 0, -1):
            window = doc[i : i + width]
            if not window[0].is_punct and not blocked & set(range(window.start, window.end)) \
                    and entity_key(window.text) in name_keys:
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
    part is only a country or one of its places is the title's country, not a body ("U.S. Treasury" + "Secretary": title
    "Treasury Secretary", country US); one inside a title is dropped."""
    outside = [i for i in range(span.start, span.end) if i not in in_titles]
    if not outside or outside != list(range(outside[0], outside[-1] + 1)):
        return None
    part = span.doc[outside[0] : outside[-1] + 1]
    if lex.country_of(part.text) or lex.provinces.get(part.text) or lex.cities.get(part.text.lower()):
        return None  # "Kerala" of "Kerala Finance Minister": a post named by a place, not a body
    part = trim(Span(span.doc, part.start, part.end, label=span.label_))
    if part is None or all(token.lower_ in lex.title_modifiers or not token.is_alpha for token in part):
        return None  # "Trade and" of "Trade and Industry Secretary": title words, not a body
    return part


MIN_HEADLINE_WORD = 4  # shorter capitals may be an acronym that is also a word ("WHO", "ARM")


def _is_headline_caps(span: Span, doc: Doc, lex: Lexicon) -> bool:
    """Headline capitals the NER took for a name ("TAX CUTS RAISED", "BALDRIGE"), unless an agency or acronym."""
    words = [token.text for token in span if token.is_alpha]
    if not words or not all(word.isupper() for word in words) or span.text in lex.agencies:
        return False
    if len(words) == 1 and len(words[0]) <= 6:
        # OPEC, IMF, NASDAQ, WHO: acronyms; not "GUNMEN" where the story writes "gunmen"
        return len(words[0]) >= MIN_HEADLINE_WORD and span.text not in lex.international \
            and re.search(rf"\b{re.escape(words[0].lower())}\b", story_text(doc)) is not None
    return span.text.title() not in story_text(doc)


def _is_title_fragment(span: Span, lex: Lexicon) -> bool:
    """Portfolio words of a title the NER took for a body: "Home" of "Home Secretary", "Trade and Industry"."""
    doc = span.doc
    words = [token.lower_ for token in span if not token.is_punct]
    if not words or not all(word in lex.title_modifiers or word in ("and", "&") for word in words):
        return False
    following = doc[span.end : span.end + 2]
    title = next((" ".join(token.lower_ for token in following[:width]) for width in (2, 1)
                  if " ".join(token.lower_ for token in following[:width]) in lex.titles), None)
    if title is None:
        return False
    # a party before a post that is no government post is the party: "Labour leader" (not "Labour Minister")
    return span.text not in lex.parties or title in lex.official_words["government_word"] \
        or title in lex.official_words["executive_word"]


def _is_product_name(span: Span) -> bool:
    """"iPad", "iCloud": a lowercase letter before the first capital is a product, not a company."""
    first = span[0].text
    return len(first) > 2 and first[0].islower() and first[1].isupper()
