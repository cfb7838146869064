"""Officials of a story, from the officials component's annotations (`drafts_on`): the organization each one
serves (named in the title, else the body the sentence, the portfolio or the story's subject gives) and
the country (stated in the title, else the organization's, else for a national post the country the text
ties the story to). Pure Python over the annotated Doc: the records layer."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from wirefacts.components.officials import OfficialDraft
from wirefacts.components.org_mentions import COMMITTEE_HEADS
from wirefacts.lexicon import Lexicon, lexicon
from wirefacts.org_names import entity_key
from wirefacts.organizations import Entity, countries_in, countries_stated, is_regional_government
from wirefacts.schema import Mention, Official

_WORDS = lexicon().official_words  # models/gazetteers/official_words.tsv
# Titles of heads of state and government: they serve their country, never "the organization in the sentence".
HEAD_OF_STATE = _WORDS["head_of_state"]
GOVERNMENT_WORDS = _WORDS["government_word"]
# Words that make a title a company post even next to "president" or "secretary".
COMPANY_WORDS = _WORDS["company_word"]
SHADOW = _WORDS["shadow"]
EXECUTIVE_WORDS = _WORDS["executive_word"]


def is_government(draft: OfficialDraft) -> bool:
    title = (draft.title or "").lower()
    if any(word in title for word in COMPANY_WORDS) or is_shadow(draft) or draft.of_a_company:
        return False
    return any(word in title for word in GOVERNMENT_WORDS) or is_head_of_state(draft)


def is_shadow(draft: OfficialDraft) -> bool:
    """An opposition post ("Shadow Education Secretary"): it serves no ministry and no government."""
    return any(word in SHADOW for word in (draft.title or "").lower().split())


def is_head_of_state(draft: OfficialDraft) -> bool:
    return draft.title_head.lower() in HEAD_OF_STATE and draft.org_span is None and not draft.of_a_company


def official_records(
    doc: Doc, drafts: list[OfficialDraft], entities: list[Entity], lex: Lexicon, home: str | None
) -> list[Official]:
    """Officials take the fullest name of their organization's entity, and a country from the text."""
    entity_of = {(span.start, span.end): entity for entity in entities for span in entity.spans}
    chosen = [entity_of.get((d.org_span.start, d.org_span.end)) if d.org_span is not None else None for d in drafts]
    attached = {id(entity) for entity in chosen if entity is not None}
    for index, draft in enumerate(drafts):
        if chosen[index] is None and draft.body_anaphor:
            chosen[index] = _body_of_anaphor(draft.body_anaphor, entities, lex)
        if chosen[index] is None and not is_head_of_state(draft) and not is_shadow(draft) \
                and not (draft.country and not is_government(draft)):
            # a post whose title names a country and no body ("Indonesian Vice President") serves that country
            chosen[index] = _nearby_organization(doc, draft, entities, attached, lex)
    stated = countries_stated(doc, entities, lex)

    def national(code: str | None) -> str | None:
        return code if code in stated else None

    return [
        Official(
            name=draft.name,
            title=draft.title,
            organization=entity.name if entity is not None else None,
            country=_official_country(draft, entity, national(_sentence_country(draft.name_span, lex)) or national(home), lex),
            mentions=[Mention(start=s.start_char, end=s.end_char, text=s.text) for s in draft.mentions],
        )
        for draft, entity in zip(drafts, chosen)
    ]


def _body_of_anaphor(anaphor: str, entities: list[Entity], lex: Lexicon) -> Entity | None:
    """"The central bank's Governor X" in a story that names one bank ("Reserve Bank of Malawi"): the one body
    whose name holds the anaphor's head noun (of several, the one government body when the anaphor names one)."""
    head = anaphor.split()[-1]
    named = [entity for entity in entities if any(head in entity_key(span.text).split() for span in entity.proper)]
    if len(named) > 1 and lex.org_heads.get(anaphor) == "government":
        named = [entity for entity in named if entity.government]
    return named[0] if len(named) == 1 else None


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


def _official_country(draft: OfficialDraft, entity: Entity | None, home: str | None, lex: Lexicon) -> str | None:
    """Stated in the title ("Saudi Oil Minister"), else the organization's, else for a government post with no
    other body named, the country of the dateline (a national official in a story datelined there)."""
    if draft.country:
        return draft.country
    if entity is not None and (entity.country or not is_government(draft)):
        return entity.country
    return home if is_government(draft) else None


def _nearby_organization(doc: Doc, draft: OfficialDraft, entities: list[Entity], attached: set[int], lex: Lexicon) -> Entity | None:
    """A title that names no body: a government post serves the one free government body of its sentence
    ("Director General ... Je Kyung-hee ..., according to the Ministry of ..."); a company post serves the
    nearest company named before it ("Castle and Cooke Inc said ... David Murdock, chairman, said")."""
    name = draft.name_span
    sentence = name.sent if doc.has_annotation("SENT_START") else doc[:]
    if is_government(draft):
        compatible = [
            entity
            for entity in entities
            if entity.government and not entity.agency and not _is_committee(entity)
            and not (_is_executive(draft) and _is_legislature(entity, lex))
            and (draft.country is None or entity.country in (None, draft.country))
        ]  # a minister who speaks to a legislature or its committee does not serve it
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


def _sole_regional_government(entities: list[Entity], lex: Lexicon) -> Entity | None:
    """A state commissioner or governor in a story whose only government body is its state's government
    ("the Lagos State government ... Commissioner for Finance, X, said") serves that government."""
    if len(entities) != 1:
        return None
    entity = entities[0]
    return entity if any(is_regional_government(span, lex) for span in entity.proper) else None


def _is_party(entity: Entity, lex: Lexicon) -> bool:
    """A party serves its MPs through their title ("Conservative MP X"), never a company post nearby."""
    return any(span.text in lex.parties or lex.parties.get(span.text.title()) for span in entity.spans)


def _subject_company(entities: list[Entity], before: int) -> Entity | None:
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


def _is_executive(draft: OfficialDraft) -> bool:
    title = (draft.title or "").lower()
    return any(word in title for word in EXECUTIVE_WORDS)


def _is_legislature(entity: Entity, lex: Lexicon) -> bool:
    """"Parliament", "the Ghanaian Parliament", "National Assembly": a legislature by its name."""
    return any(key == name or key.endswith(" " + name) for span in entity.proper
               for key in (entity_key(span.text),) for name in lex.legislatures)


def _is_committee(entity: Entity) -> bool:
    return entity.name.split()[-1].lower() in COMMITTEE_HEADS


def _heads_a_portfolio(draft: OfficialDraft, lex: Lexicon) -> bool:
    """"Finance Minister", "Finance director general": a portfolio word before the head names the ministry the
    post heads ("Director General for Technology Policy" names a remit inside a ministry, not one)."""
    return bool(_portfolio(_words_before_head(draft), lex))


def _words_before_head(draft: OfficialDraft) -> str:
    words = (draft.title or "").lower().split()
    head = draft.title_head.lower().split()[0]
    return " ".join(words[: words.index(head)]) if head in words else ""


def _portfolio(title: str, lex: Lexicon) -> set[str]:
    return {word for word in title.lower().split() if lex.title_modifiers.get(word) == "portfolio"}


def _ministry_of_portfolio(title: str, entities: list[Entity], lex: Lexicon) -> Entity | None:
    """"Agriculture Minister" serves the story's "Agriculture Ministry"; "Treasury Secretary" its "Treasury"."""
    portfolio = _portfolio(title, lex)
    if not portfolio:
        return None
    matches = [entity for entity in entities if portfolio & set(entity_key(entity.name).split())]
    return matches[0] if len(matches) == 1 else None
