"""Officials: a named person with a title, read from title context (which wins over the NER label).

Forms: "Treasury Secretary James Baker", "Airbus chief executive Noel Forgeard", "Alon Stopel, the chief
scientist at Israel's innovation ministry", "said X, chairman of Y", "Y's chairman X", honorifics ("Mr Baker",
"Sir Geoffrey Howe") and later short mentions ("Je", "Stopel").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import Lexicon, lexicon

NAME_PARTICLES = {"de", "van", "von", "der", "den", "bin", "al", "arap", "da", "di", "du", "le", "la", "ter", "dos", "del"}
NAME_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}
APPOSITIVE_DETERMINERS = {"the", "a", "an", "its", "their"}
ORG_PREPOSITIONS = {"at", "of", "for", "with", "in"}
NOT_NAMES = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "His", "Her", "This", "That", "In", "On", "At", "But",
    "And", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "June", "July", "August", "September", "October", "November", "December", "Reuters",
}
MAX_TITLE_TAIL = 7


@dataclass
class OfficialDraft:
    """An official as the rules found it; the organization is resolved once organizations are linked."""

    name_span: Span
    title: str | None
    org_span: Span | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.name_span.text


# --- names ---------------------------------------------------------------------------------------------------


def _is_name_word(token: Token, lex: Lexicon) -> bool:
    text = token.text
    if not text[:1].isupper() or text in NOT_NAMES or token.like_num:
        return False
    if text.isupper() and len(text) > 3 and not text.endswith("."):
        return False  # headline capitals, not a name
    if lex.country_of(text) or text.lower() in lex.titles or text in lex.honorifics:
        return False
    return any(ch.isalpha() for ch in text)


def _name_after(doc: Doc, i: int, lex: Lexicon) -> Span | None:
    """The name starting at token i (an honorific is skipped): "Je Kyung-hee", "James A. Baker", "Daniel arap Moi"."""
    while i < len(doc) and doc[i].text in lex.honorifics:
        i += 1
    start = end = i
    while end < len(doc):
        token = doc[end]
        if _is_name_word(token, lex) or (token.text in NAME_SUFFIXES and end > start):
            end += 1
        elif token.text in ("-", "\u2013") and end > start and not doc[end - 1].whitespace_ and not token.whitespace_ \
                and end + 1 < len(doc) and doc[end + 1].is_alpha:
            end += 2  # "Kyung-hee"
        elif token.lower_ in NAME_PARTICLES and end > start and end + 1 < len(doc) and _is_name_word(doc[end + 1], lex):
            end += 1
        else:
            break
        if end - start > 5:
            return None
    if end == start:
        return None
    span = doc[start:end]
    if len(span) == 1 and not span[0].ent_type_ == "PERSON" and span[0].text.isupper():
        return None
    return span


def _name_before(doc: Doc, end: int, lex: Lexicon) -> Span | None:
    """The name ending just before token `end` (the appositive form "Alon Stopel, the chief scientist")."""
    start = end
    while start > 0 and start > end - 5:
        token = doc[start - 1]
        if _is_name_word(token, lex) or token.text in NAME_SUFFIXES:
            start -= 1
        elif token.text in ("-", "\u2013") and start >= 2 and not token.whitespace_ and not doc[start - 2].whitespace_:
            start -= 1
        elif token.lower_ in NAME_PARTICLES and start >= 2 and _is_name_word(doc[start - 2], lex):
            start -= 1
        else:
            break
    while start < end and not _is_name_word(doc[start], lex):
        start += 1
    if start == end:
        return None
    span = doc[start:end]
    ent_types = {token.ent_type_ for token in span}
    if len(span) == 1 and "PERSON" not in ent_types:
        return None  # a lone capitalized word before a comma is rarely a name
    return span


# --- titles --------------------------------------------------------------------------------------------------


@dataclass
class TitlePhrase:
    start: int  # first token of the title itself
    end: int  # one past its last token
    org_span: Span | None
    country: str | None


def _org_at(doc: Doc, i: int, org_starts: dict[int, Span]) -> Span | None:
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    return org_starts.get(i)


def _org_ending_at(doc: Doc, end: int, org_ends: dict[int, Span]) -> Span | None:
    return org_ends.get(end)


def _title_phrase(doc: Doc, head_start: int, head_end: int, lex: Lexicon,
                  org_starts: dict[int, Span], org_ends: dict[int, Span]) -> TitlePhrase:
    start = head_start
    country = None
    org_span = None
    # left: modifiers inside the title ("former", "deputy", "Finance"), then an org or a country
    while start > 0:
        token = doc[start - 1]
        if token.lower_ in lex.title_modifiers or token.lower_ in lex.titles:
            start -= 1
            continue
        break
    org_span = _org_ending_at(doc, start, org_ends)
    if org_span is None and start >= 2 and doc[start - 1].text in ("'s", "\u2019s"):
        org_span = _org_ending_at(doc, start - 1, org_ends) or org_ends.get(start)
        if org_span is None:
            country = _country_ending_at(doc, start - 1, lex)
    elif org_span is None:
        country = _country_ending_at(doc, start, lex)
    # right: "for Technology Policy" stays in the title; "at/of <org>" is the organization
    end = head_end
    tail = end
    while tail < len(doc) and tail - head_end < MAX_TITLE_TAIL:
        token = doc[tail]
        if token.lower_ in ORG_PREPOSITIONS:
            found = _org_at(doc, tail + 1, org_starts)
            if found is not None:
                org_span = org_span or found
                break
            if token.lower_ in ("of", "for") and tail + 1 < len(doc) and (doc[tail + 1].is_alpha and not doc[tail + 1].text[:1].isupper() or doc[tail + 1].is_title):
                country_here = lex.country_of(doc[tail + 1].text)
                if country_here:
                    country = country or country_here
                    break
                tail += 1
                continue
            break
        if token.is_alpha and (token.is_title or token.lower_ in ("and", "&")) and tail > head_end and doc[tail - 1].lower_ in {"of", "for", "and", "&"} | {t.lower_ for t in doc[head_end:tail]}:
            if token.is_title and _starts_name(doc, tail, lex, org_starts):
                break
            tail += 1
            end = tail
            continue
        if token.is_lower and token.is_alpha and tail > head_end and doc[tail - 1].lower_ in ("of", "for", "and") and token.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
            tail += 1
            end = tail
            continue
        break
    return TitlePhrase(start=start, end=end, org_span=org_span, country=country)


def _starts_name(doc: Doc, i: int, lex: Lexicon, org_starts: dict[int, Span]) -> bool:
    return doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B" and i not in org_starts


def _country_ending_at(doc: Doc, end: int, lex: Lexicon) -> str | None:
    for width in (3, 2, 1):
        if end - width >= 0:
            code = lex.country_of(doc[end - width : end].text)
            if code:
                return code
    return None


def _title_text(doc: Doc, phrase: TitlePhrase) -> str:
    return doc[phrase.start : phrase.end].text


# --- finding officials ---------------------------------------------------------------------------------------


def find_officials(doc: Doc, heads: list[tuple[int, int]], lex: Lexicon) -> list[OfficialDraft]:
    org_spans = list(doc.spans.get("org_mentions", []))
    org_starts = {span.start: span for span in org_spans}
    org_ends = {span.end: span for span in org_spans}
    drafts: list[OfficialDraft] = []
    claimed: set[int] = set()
    for head_start, head_end in heads:
        if head_start in claimed:
            continue
        phrase = _title_phrase(doc, head_start, head_end, lex, org_starts, org_ends)
        name = _name_for_title(doc, phrase, lex, org_starts)
        if name is None:
            continue
        claimed.update(range(phrase.start, phrase.end))
        drafts.append(
            OfficialDraft(name_span=name, title=_title_text(doc, phrase), org_span=phrase.org_span, country=phrase.country)
        )
    return drafts


def _name_for_title(doc: Doc, phrase: TitlePhrase, lex: Lexicon, org_starts: dict[int, Span]) -> Span | None:
    # "Treasury Secretary James Baker", "chairman Mr Baker"
    after = phrase.end
    if phrase.org_span is not None and phrase.org_span.start >= phrase.end:
        after = phrase.end  # "chairman of Texaco Inc John Smith" is rare: the name must follow the title itself
    name = _name_after(doc, after, lex) if after < len(doc) else None
    if name is not None:
        return name
    # "Alon Stopel, the chief scientist at ...", "said X, chairman of Y"
    i = phrase.start
    if i > 0 and doc[i - 1].lower_ in APPOSITIVE_DETERMINERS:
        i -= 1
    if phrase.org_span is not None and phrase.org_span.end <= phrase.start:
        i = min(i, phrase.org_span.start)
        if i > 0 and doc[i - 1].lower_ in APPOSITIVE_DETERMINERS:
            i -= 1
    if i > 1 and doc[i - 1].text == ",":
        return _name_before(doc, i - 1, lex)
    return None


def _title_heads(doc: Doc, matcher: PhraseMatcher) -> list[tuple[int, int]]:
    """Title head words, longest match at each position ("director general" over "director")."""
    matches = sorted(((start, end) for _, start, end in matcher(doc)), key=lambda m: (m[0], -(m[1] - m[0])))
    heads: list[tuple[int, int]] = []
    last_end = -1
    for start, end in matches:
        if start >= last_end:
            heads.append((start, end))
            last_end = end
    # a run of heads ("Director General") is one head; keep the last as anchor for the name
    merged: list[tuple[int, int]] = []
    for start, end in heads:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def merge_drafts(drafts: list[OfficialDraft]) -> list[OfficialDraft]:
    """One draft per person: "James Baker" and "Baker" are the same official; the first title wins."""
    merged: list[OfficialDraft] = []
    for draft in sorted(drafts, key=lambda d: -len(d.name_span)):
        words = set(draft.name.split())
        for kept in merged:
            if words <= set(kept.name.split()):
                kept.mentions.append(draft.name_span)
                if draft.name_span.start < kept.name_span.start:
                    kept.title = draft.title or kept.title
                    kept.org_span = draft.org_span or kept.org_span
                kept.country = kept.country or draft.country
                kept.org_span = kept.org_span or draft.org_span
                break
        else:
            draft.mentions.append(draft.name_span)
            merged.append(draft)
    return sorted(merged, key=lambda d: min(span.start for span in d.mentions))


def link_mentions(doc: Doc, drafts: list[OfficialDraft], lex: Lexicon) -> None:
    """Every later mention by name: the full name again, the surname, a surname-first name's first word."""
    full = {draft.name: draft for draft in drafts}
    short: dict[str, list[OfficialDraft]] = {}
    for draft in drafts:
        for word in draft.name.split():
            if len(word) > 1 and word not in NAME_SUFFIXES and word.lower() not in NAME_PARTICLES and not word.endswith("."):
                short.setdefault(word, []).append(draft)
    org_tokens = {i for span in doc.spans.get("org_mentions", []) for i in range(span.start, span.end)}
    taken = {i for draft in drafts for span in draft.mentions for i in range(span.start, span.end)}
    i = 0
    while i < len(doc):
        if i in taken or not doc[i].text[:1].isupper():
            i += 1
            continue
        name = _name_after(doc, i, lex)
        if name is None:
            i += 1
            continue
        text = name.text
        target = full.get(text)
        if target is None and len(name) == 1 and text in short and len(short[text]) == 1 and name.start not in org_tokens:
            target = short[text][0]
        if target is not None and not taken.intersection(range(name.start, name.end)):
            target.mentions.append(name)
            taken.update(range(name.start, name.end))
        i = max(i + 1, name.end)
    for draft in drafts:
        draft.mentions.sort(key=lambda span: span.start)


@Language.factory("wirefacts_officials")
def make_officials(nlp: Language, name: str):
    lex = lexicon()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("TITLE", [nlp.make_doc(title) for title in sorted(lex.titles)])

    def component(doc: Doc) -> Doc:
        drafts = merge_drafts(find_officials(doc, _title_heads(doc, matcher), lex))
        link_mentions(doc, drafts, lex)
        doc._.official_drafts = drafts
        doc.spans["official_names"] = [span for draft in drafts for span in draft.mentions]
        return doc

    return component
