"""Officials: a named person with a title, read from title context (which wins over the NER label).

Forms: "Treasury Secretary James Baker", "Airbus chief executive Noel Forgeard", "Alon Stopel, the chief
scientist at Israel's innovation ministry", "said X, chairman of Y", "Y's chairman X", "spokesman, Denis
Baudouin", "X has been named president of Y", honorifics ("Mr Baker", "Sheikh Ali") and later short
mentions ("Je", "Stopel").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import srsly

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from wirefacts.lexicon import Lexicon, lexicon

_WORDS = lexicon().official_words  # models/gazetteers/official_words.tsv
NAME_PARTICLES = _WORDS["particle"]
NAME_SUFFIXES = _WORDS["name_suffix"]
APPOSITIVE_DETERMINERS = _WORDS["determiner"]
ORG_PREPOSITIONS = _WORDS["org_preposition"]
APPOINTMENT_WORDS = _WORDS["appointment"] | _WORDS["copula"]
APPOINTMENT_LAST = _WORDS["appointment_last"]
COPULAS = _WORDS["copula"]
HYPHENS = {"-", "\u2013"}
NOT_NAMES = _WORDS["not_name"] | _WORDS["party_member"]
GOVERNMENT_WORDS = _WORDS["government_word"]
REPLACE_VERBS = _WORDS["replace_verb"]
CLAUSE_BREAKS = _WORDS["clause_break"]
FUNCTION_TAGS = {"IN", "DT", "RB", "CC", "PRP", "PRP$", "WDT", "WRB", "WP", "MD", "TO"}
SUBJECT_PRONOUNS = {"he", "she", "they", "i", "we"}
CLAUSE_PUNCTUATION = {";", ":", "(", ")", '"', "\u201c", "\u201d", "\u2014", "\u2013"}
PARTY_MEMBERS = _WORDS["party_member"]  # "Democrat Lawton Chiles": the party word is not part of the name
MAX_TITLE_TAIL = 8
MAX_REMIT_NOUNS = 2  # "school inspection chief"
MAX_BODY_DESCRIPTION = 6  # "at Milan investment bank <ABK Spa>": words before the body after "at"
MAX_NAME_TOKENS = 10  # tokens: "Ali al-Khalifa al-Sabah" is seven
MAX_PREDICATE = 12  # tokens between a subject and "as"/"to become" + its post: "X moves from the Ministry of Y to become"

# The span groups the component writes (read by the organizations component and the records layer)
OFFICIALS_KEY = "officials"  # one span per official: the name its title governs, with the fields below
NAMES_KEY = "official_names"  # every mention by name; span.id_ is the official's name
TITLES_KEY = "official_titles"  # every title phrase found


@dataclass
class OfficialDraft:
    """An official as the rules found it: the records layer resolves the organization and the country."""

    name_span: Span
    title: str | None
    title_head: str
    org_span: Span | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)
    of_a_company: bool = False  # "president of the hugely indebted company": a company post, its body named elsewhere
    body_anaphor: str | None = None  # "the central bank's Governor X": the anaphor standing for the body, lowercase

    @property
    def name(self) -> str:
        return " ".join(self.name_span.text.split())


# --- names ---------------------------------------------------------------------------------------------------


def _is_name_word(token: Token, lex: Lexicon) -> bool:
    text = token.text
    if not text[:1].isupper() or token.like_num or token.is_space:
        return False
    if text.isupper() and len(text) > 3 and not text.endswith("."):
        return False  # headline capitals, not a name
    if text in lex.org_suffixes or lex.country_of(text) or text.lower() in lex.titles or text in lex.honorifics:
        return False
    return any(ch.isalpha() for ch in text)


def _joins_name(doc: Doc, i: int, lex: Lexicon) -> int:
    """How many tokens from i continue a name already started: a hyphen part ("-hee"), a particle ("arap Moi")."""
    token = doc[i]
    if token.is_space and "\n" not in token.text and i + 1 < len(doc) and _is_name_word(doc[i + 1], lex):
        return 1  # "Denis  Bra Kanon" once a CRLF has become spaces
    if token.text in HYPHENS and not doc[i - 1].whitespace_ and not token.whitespace_ and i + 1 < len(doc) \
            and doc[i + 1].is_alpha:
        return 2  # "Kyung-hee", "al-Sabah"
    if token.lower_ in NAME_PARTICLES and i + 1 < len(doc):
        following = doc[i + 1]
        if _is_name_word(following, lex) or (following.text in HYPHENS and not token.whitespace_):
            return 1
    if token.text in NAME_SUFFIXES or (token.text == "Jr" and doc[i - 1].text == ","):
        return 1
    return 0


def _bracketed_honorific(doc: Doc, i: int, lex: Lexicon) -> bool:
    """"(Rtd)" after a rank: one honorific word in brackets; or the stop the tokenizer split off "Maj."."""
    if doc[i].text == "." and i > 0 and doc[i - 1].text in lex.honorifics and not doc[i - 1].whitespace_:
        return True
    return doc[i].text == "(" and i + 2 < len(doc) and doc[i + 1].text in lex.honorifics and doc[i + 2].text == ")"


def _name_after(doc: Doc, i: int, lex: Lexicon, single_word: bool = False) -> Span | None:
    """The name starting at token i (honorifics skipped): "Je Kyung-hee", "James A. Baker", "Ali al-Khalifa al-Sabah"."""
    honored = False
    while i < len(doc) and (doc[i].text in lex.honorifics or doc[i].text in PARTY_MEMBERS or _bracketed_honorific(doc, i, lex)
                            or doc[i : i + 2].text in lex.honorifics):
        if doc[i : i + 2].text in lex.honorifics and doc[i].text not in lex.honorifics:
            i += 1  # "Tan Sri": an honorific of two words, neither one alone ("Tony Tan")
        if doc[i].text == "(":
            i += 2  # "Maj. Gen. (Rtd)": the bracket and its word; the closing bracket below
        honored = honored or doc[i].text in lex.honorifics
        i += 1
    if i >= len(doc) or doc[i].text in NOT_NAMES or not _is_name_word(doc[i], lex):
        return None
    end = i + 1
    while end < len(doc) and end - i <= MAX_NAME_TOKENS:
        if _is_name_word(doc[end], lex):
            end += 1
            continue
        step = _joins_name(doc, end, lex)
        if not step:
            break
        end += step
    if end - i > MAX_NAME_TOKENS:
        return None
    span = doc[i:end]
    if _names_a_thing(span, lex):
        return None
    if len(span) == 1 and span[0].ent_type_ != "PERSON" and (span[0].text.isupper() or not (honored or single_word)):
        return None  # one capitalized word is a name only with the NER's word for it or an honorific
    return span


def _name_before(doc: Doc, end: int, lex: Lexicon) -> Span | None:
    """The name ending just before token `end` (appositives: "Alon Stopel, the chief scientist")."""
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS:
        token = doc[start - 1]
        if _is_name_word(token, lex) or token.text in NAME_SUFFIXES:
            start -= 1
        elif token.text in HYPHENS and start >= 2 and not token.whitespace_ and not doc[start - 2].whitespace_:
            start -= 1
        elif token.is_alpha and token.is_lower and start >= 3 and doc[start - 2].text in HYPHENS \
                and not doc[start - 2].whitespace_ and not doc[start - 3].whitespace_:
            start -= 1  # the lowercase part of "Sang-yon", "Kyung-hee"
        elif token.lower_ in NAME_PARTICLES and start >= 2 and _is_name_word(doc[start - 2], lex):
            start -= 1
        else:
            break
    while start < end and (not _is_name_word(doc[start], lex) or doc[start].text in NOT_NAMES
                           or doc[start].tag_ in FUNCTION_TAGS):
        start += 1  # "Since" of "Since Mike Smith's appointment": a capitalized sentence opener
    if start == end:
        return None
    span = doc[start:end]
    if len(span) == 1 and span[0].ent_type_ != "PERSON":
        return None  # a lone capitalized word is rarely a name without the NER's word for it
    if lex.country_of(span.text) or _is_party_state_tag(span) or _names_a_thing(span, lex):
        return None  # "Amara Essy of the Ivory Coast, its foreign minister"; "Trent Lott, R-Miss., the leader"
    return span


def _names_a_thing(span: Span, lex: Lexicon) -> bool:
    """"Budget Speech", "... Sadak Yojana": a name ending in the head of an event or a scheme is no person's,
    whatever the NER says when an article stands before it ("under the ... Yojana"; "Doris Day" stays)."""
    if span[-1].lower_ not in lex.not_organization_heads:
        return False
    article = span.start > 0 and span.doc[span.start - 1].lower_ in ("the", "a", "an")
    return span[-1].ent_type_ != "PERSON" or article


def _is_party_state_tag(span: Span) -> bool:
    """"R-Miss.", "D-Maine": a US lawmaker's party and state after the name, not a name."""
    return len(span) >= 3 and len(span[0].text) == 1 and span[1].text in HYPHENS


# --- titles --------------------------------------------------------------------------------------------------


@dataclass
class TitlePhrase:
    start: int  # first token of the title itself
    end: int  # one past its last token
    head: str
    org_span: Span | None
    country: str | None
    body_anaphor: str | None = None


def _is_capitalized_title_word(token: Token, lex: Lexicon, org_ends: dict[int, Span]) -> bool:
    return (
        token.is_title
        and token.is_alpha
        and token.text not in NOT_NAMES
        and not _place_country_ending_at(token.doc, token.i + 1, lex)  # "Arabian" of "Saudi Arabian", "Queensland"
        and token.i + 1 not in org_ends
        and token.ent_type_ not in ("PERSON", "DATE", "GPE")
    )


def _left_edge(doc: Doc, head_start: int, lex: Lexicon, org_ends: dict[int, Span]) -> int:
    """Walk left over what belongs to the title: "former", "Deputy", "Social Affairs and Labour"."""
    start = head_start
    capitalized_head = doc[head_start].is_title
    while start > 0:
        token = doc[start - 1]
        if token.lower_ in lex.title_modifiers or token.lower_ in lex.titles:
            if start in org_ends and org_ends[start].start < start - 1:
                break  # the word ends an organization name: "Airbus" + "chief executive"
            start -= 1
        elif capitalized_head and _is_capitalized_title_word(token, lex, org_ends):
            start -= 1
        elif token.lower_ in ("and", "&") and start >= 2 \
                and (doc[start - 2].lower_ in lex.title_modifiers or doc[start - 2].lower_ in lex.titles):
            start -= 1
        elif not capitalized_head and head_start - start < MAX_REMIT_NOUNS and _is_remit_noun(token, lex) \
                and start not in org_ends:  # "Senate finance committee" + "chairperson": the body, not a remit
            start -= 1  # "school inspection chief": the remit of a lowercase title
        else:
            break
    return start


def _is_remit_noun(token: Token, lex: Lexicon) -> bool:
    """A plain noun naming what a lowercase post is in charge of ("school", "inspection"), not a body's
    head word ("company chief") or a verb."""
    return token.is_lower and token.is_alpha and token.tag_ in ("NN", "NNS") and token.lower_ not in lex.org_heads


def _context_left(doc: Doc, start: int, lex: Lexicon, org_ends: dict[int, Span]) -> tuple[Span | None, str | None]:
    """The organization or country just before a title: "Airbus", "Japan's", "U.S.", "West German"."""
    if start >= 1 and doc[start - 1].text in _POSSESSIVE_ENDINGS:
        org = org_ends.get(start - 1)
        return (org, None) if org is not None else (None, _place_country_ending_at(doc, start - 1, lex))
    org = org_ends.get(start)
    if org is not None:
        return org, None
    return None, _place_country_ending_at(doc, start, lex)


_POSSESSIVE_ENDINGS = ("'s", "\u2019s")
MAX_ANAPHOR = 3  # lowercase words of a body's anaphor: "state oil company"


def _anaphor_before(doc: Doc, start: int, lex: Lexicon) -> str | None:
    """"The central bank's" + "Governor": the anaphor (a body's head noun after an article or possessive) that
    stands for the body the title serves, named elsewhere in the story; None if the title has no such owner."""
    if start < 2 or doc[start - 1].text not in _POSSESSIVE_ENDINGS:
        return None
    i = start - 1
    while i > 0 and start - 1 - i < MAX_ANAPHOR and doc[i - 1].is_lower and doc[i - 1].is_alpha \
            and doc[i - 1].lower_ not in APPOSITIVE_DETERMINERS:
        i -= 1
    if i == start - 1 or i == 0 or not (doc[i - 1].lower_ in APPOSITIVE_DETERMINERS or doc[i - 1].text in _POSSESSIVE_ENDINGS):
        return None
    words = doc[i : start - 1].text.lower()
    return words if words in lex.anaphora or words in lex.org_heads else None


def _place_country_ending_at(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """The country named just before `end`, by itself or by one of its provinces ("Queensland Treasurer": AU)."""
    code = lex.country_ending_at(doc, end)
    for width in (2, 1):
        if code is None and end - width >= 0 and all(token.text[:1].isupper() for token in doc[end - width : end]):
            code = lex.provinces.get(doc[end - width : end].text)
    return code


def _right_edge(doc: Doc, head_end: int, lex: Lexicon, org_starts: dict[int, Span]) -> tuple[int, Span | None, str | None]:
    """Walk right over "for Technology Policy" / "for innovation and environment"; "at/of <org>" is the organization."""
    end = head_end
    i = head_end
    while i < len(doc) and i - head_end < MAX_TITLE_TAIL:
        token = doc[i]
        if token.lower_ in ORG_PREPOSITIONS:
            org = _org_at(doc, i + 1, org_starts)
            remit_end = _coordinated_remit_end(doc, org, lex) if token.lower_ == "for" else 0
            if remit_end:
                return remit_end, None, None  # "Cabinet Secretary for National Treasury and Planning": a portfolio
            if org is not None:
                return end, org, None
            if token.lower_ not in ("of", "for") or i + 1 >= len(doc):
                break
            following = doc[i + 1]
            country = lex.country_of(following.text)
            if country and not (i + 2 < len(doc) and doc[i + 2].is_title):
                return end, None, country  # "minister of transport for Indonesia"
            unit_end = _office_unit_end(doc, i + 1, lex)
            if unit_end:
                return unit_end, None, None  # "deputy director general for the budget office": part of the post
            if following.lower_ in APPOSITIVE_DETERMINERS or not following.is_alpha:
                break  # "president of the company": the body is named elsewhere
            i += 1
            continue
        if i > head_end and _continues_title(token, doc[i - 1], lex):
            i += 1
            end = i
            continue
        break
    return end, None, None


def _coordinated_remit_end(doc: Doc, org: Span | None, lex: Lexicon) -> int:
    """The end of "National Treasury and Planning" after a title's "for" with no article: a body's name joined
    to portfolio words names the post's remit, not its body; 0 if the "for" phrase is no such remit."""
    if org is None or doc[org.start - 1].lower_ == "the":
        return 0
    joint = max((token.i for token in org if token.lower_ in ("and", "&")), default=None)
    if joint is not None and joint + 1 < org.end and all(_is_portfolio_word(token, lex) for token in doc[joint + 1 : org.end]):
        return org.end  # the NER took the whole remit for a body: "National Treasury and Planning"
    if org.end + 1 >= len(doc) or doc[org.end].lower_ not in ("and", "&"):
        return 0
    end = org.end + 1
    while end < len(doc) and _is_portfolio_word(doc[end], lex):
        end += 1
    return end if end > org.end + 1 else 0


def _is_portfolio_word(token: Token, lex: Lexicon) -> bool:
    return lex.title_modifiers.get(token.lower_) == "portfolio" and token.is_title


def _office_unit_end(doc: Doc, i: int, lex: Lexicon) -> int:
    """The end of "the budget office" after a title's "for": a lowercase unit of a government body, named by
    its remit and a government head word, that the post is in charge of; 0 if none."""
    if i >= len(doc) or doc[i].lower_ != "the":
        return 0
    for end in range(i + 3, min(i + 5, len(doc) + 1)):
        words = doc[i + 1 : end]
        if not all(token.is_lower and token.is_alpha for token in words):
            return 0
        if lex.org_heads.get(words[-1].lower_) == "government" and not (end < len(doc) and doc[end].is_lower):
            return end
    return 0


def _continues_title(token: Token, previous: Token, lex: Lexicon) -> bool:
    """Words of an office's remit: "for Technology Policy", "for foreign economic relations and trade"."""
    if token.is_space or not (token.is_alpha or token.text in ("&",)):
        return False
    if token.tag_.startswith("VB") or token.tag_ == "MD" or token.ent_type_ == "PERSON":
        return False
    if token.lower_ in ("and", "&"):
        return previous.is_alpha
    if token.lower_ in lex.titles and token.is_lower:
        return True  # "chief UK economist": the head comes after a place word
    if not token.is_lower:
        # a capitalized word continues the remit only as a portfolio or place word: a name may follow
        return token.lower_ in lex.title_modifiers or bool(lex.country_of(token.text)) or token.lower_ in lex.regions
    return previous.lower_ in ("of", "for", "and", "&") or previous.is_lower


def _org_at(doc: Doc, i: int, org_starts: dict[int, Span]) -> Span | None:
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    return org_starts.get(i)


def title_phrase(doc: Doc, head_start: int, head_end: int, lex: Lexicon,
                 org_starts: dict[int, Span], org_ends: dict[int, Span]) -> TitlePhrase:
    start = _left_edge(doc, head_start, lex, org_ends)
    org_left, country = _context_left(doc, start, lex, org_ends)
    while start < head_start and lex.title_modifiers.get(doc[start].lower_) == "dropped":
        start += 1  # "the new Principal Secretary": "new" and "current" stay out of the title
    head = doc[head_start:head_end].text.lower()
    if org_left is not None and org_left.end == start and all(token.lower_ in lex.title_modifiers for token in org_left):
        start, org_left = org_left.start, None  # "International Relations" + "Minister": a portfolio the NER took for a body
    if org_left is not None and org_left[-1].lower_ in lex.title_modifiers and org_left.end == start \
            and any(word in head for word in GOVERNMENT_WORDS):
        # "U.S. Treasury" + "secretary", "CDU Finance" + "Minister": the portfolio word belongs to the title,
        # and the body is the one of that portfolio, found among the story's organizations later
        start -= 1
        org_left = None
        country = country or _place_country_ending_at(doc, start, lex)  # "Kerala Finance" + "Minister": IN
    end, org_right, country_right = _right_edge(doc, head_end, lex, org_starts)
    org_span, country = org_left or org_right, country or country_right
    return TitlePhrase(
        start=start,
        end=end,
        head=doc[head_start:head_end].text,
        org_span=org_span,
        country=country,
        body_anaphor=_anaphor_before(doc, start, lex) if org_span is None and country is None else None,
    )


# --- finding officials ---------------------------------------------------------------------------------------


def _skip_space(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _name_for_title(doc: Doc, phrase: TitlePhrase, lex: Lexicon, org_starts: dict[int, Span]) -> Span | None:
    after = _skip_space(doc, phrase.end)
    if phrase.org_span is None or phrase.org_span.start < phrase.start:
        # "Treasury Secretary James Baker"; "spokesman, Denis Baudouin,"
        name = _name_after(doc, after, lex)
        if name is not None:
            return name
        if after < len(doc) and doc[after].text == ",":
            name = _name_after(doc, _skip_space(doc, after + 1), lex)
            if name is not None and (len(name) > 1 or name[0].ent_type_ == "PERSON"):
                return name
    # "Alon Stopel, the chief scientist at ...", "said X, chairman of Y", "X has been named president of Y"
    i = phrase.start
    if phrase.org_span is not None and phrase.org_span.end <= phrase.start:
        i = phrase.org_span.start - (1 if doc[phrase.org_span.start - 1].lower_ == "the" else 0)
    if i > 1 and doc[i - 1].tag_ == "JJ" and doc[i - 1].is_lower and doc[i - 2].lower_ in APPOSITIVE_DETERMINERS \
            and i > 2 and doc[i - 3].lower_ in COPULAS:
        i -= 1  # "Mr Blair was a good prime minister": an adjective between the article and the title
    if i > 0 and doc[i - 1].lower_ in APPOSITIVE_DETERMINERS:
        i -= 1
    elif i > 2 and doc[i - 1].text in ("'s", "\u2019s") and doc[i - 2].is_lower and doc[i - 3].lower_ == "the":
        i -= 3  # "Vince Cable, the party's Treasury spokesman"
    elif i > 2 and doc[i - 1].text in ("'s", "\u2019s") and phrase.country:
        k = i - 2
        while k > 0 and doc[k - 1].is_title and i - k < 4:
            k -= 1
        if k > 1 and doc[k - 1].text == ",":
            i = k  # "Sri Mulyani Indrawati, Indonesia's finance minister, said"
    if i > 1 and doc[i - 1].text == ",":
        return _name_before(doc, i - 1, lex) or _name_after_body(doc, phrase, lex, org_starts)
    while i > 1 and lex.title_modifiers.get(doc[i - 1].lower_) == "dropped" and doc[i - 2].lower_ in APPOSITIVE_DETERMINERS:
        i -= 2  # "to become the new Principal Secretary"
    j = i
    while j > 0 and doc[j - 1].lower_ in APPOINTMENT_WORDS and i - j < 4:
        j -= 1
    if j < i and doc[i - 1].lower_ in APPOINTMENT_LAST:
        name = _name_before(doc, j, lex) or _clause_subject(doc, j, lex)
        return _successor(doc, name, lex)
    if j == i - 1 and doc[j].lower_ in COPULAS:
        return _name_before(doc, j, lex)  # "Henry Sweetbaum is chairman of ...", "Mr Blair was a good prime minister"
    return _name_after_body(doc, phrase, lex, org_starts) or _name_after_copula(doc, phrase, lex)


def _name_after_body(doc: Doc, phrase: TitlePhrase, lex: Lexicon, org_starts: dict[int, Span]) -> Span | None:
    """"the Secretary of the Research Department of the National Assembly, Ali Barde, disclosed": the name
    after the title's body (and that body's own parent) and a comma, or straight after it with an honorific."""
    org = phrase.org_span
    if org is None or org.start < phrase.end:
        return None
    i = org.end
    while i + 1 < len(doc) and doc[i].lower_ in ("of", "at") and _org_at(doc, i + 1, org_starts) is not None:
        i = _org_at(doc, i + 1, org_starts).end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        i += 3  # "Minister in the Prime Minister's Department (Economy) Datuk Seri X": the portfolio in brackets
    if i < len(doc) and (doc[i].text in lex.honorifics or doc[i : i + 2].text in lex.honorifics):
        return _name_after(doc, i, lex)  # the name straight after the body, marked by its honorific
    if i >= len(doc) or doc[i].text != ",":
        return None
    name = _name_after(doc, _skip_space(doc, i + 1), lex)
    if name is None or not (len(name) > 1 or name[0].ent_type_ == "PERSON"):
        return None
    following = doc[name.end] if name.end < len(doc) else None
    return name if following is None or following.text in (",", ".") or following.tag_.startswith("VB") else None


def _name_after_copula(doc: Doc, phrase: TitlePhrase, lex: Lexicon) -> Span | None:
    """"The highest-paid British CEO was Pascal Soriot of drugmaker AstraZeneca": a title as the subject and the
    name after the copula."""
    i = phrase.end
    if phrase.start == 0 or doc[phrase.start - 1].text == "," or i >= len(doc) or doc[i].lower_ not in COPULAS:
        return None
    name = _name_after(doc, i + 1, lex)
    return name if name is not None and (len(name) > 1 or name[0].ent_type_ == "PERSON") else None


def _clause_subject(doc: Doc, end: int, lex: Lexicon) -> Span | None:
    """The name a post in the predicate belongs to: "Chrystia Freeland has resigned from her cabinet position
    as finance minister", "Torome Saitoti moves from the Ministry of Defence to become ...": the nearest name
    back through the clause, over bodies named on the way ("from the Ministry of Defence", "from Immigration")."""
    sentence_start = doc[end].sent.start if doc.has_annotation("SENT_START") else 0
    bodies = {i: span for span in doc.spans.get("org_mentions", []) if _is_body_on_the_way(span, lex)
              for i in range(span.start, span.end)}
    k = end - 1
    while k >= max(sentence_start, end - MAX_PREDICATE):
        token = doc[k]
        if token.text in CLAUSE_PUNCTUATION or token.lower_ in CLAUSE_BREAKS or token.lower_ in SUBJECT_PRONOUNS \
                or (token.text == "-" and token.whitespace_):
            return None  # another clause, or a pronoun subject ("told Mr Brown he would step down as ...")
        if k in bodies:
            k = bodies[k].start - 1
            continue
        if _is_name_word(token, lex) or token.ent_type_ == "PERSON":
            name = _name_before(doc, k + 1, lex)
            if name is None and k > 0 and doc[k - 1].text in lex.honorifics:
                name = doc[k : k + 1]  # "Mr Morrow will succeed X as president"
            if name is not None and not (name.start > 0 and doc[name.start - 1].lower_ == "the"):
                return name  # "the Inland Revenue" is no one's name
        k -= 1
    return None


def _is_body_on_the_way(span: Span, lex: Lexicon) -> bool:
    """A body between a subject and its post ("from the Ministry of Defence"): after a preposition or article,
    or named with a body's head word; not a person the NER took for a body at the head of the clause."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.tag_ in ("IN", "DT", "TO", "PRP$"):
        return True
    return span[-1].lower_ in lex.suffix_words or span[-1].lower_ in lex.org_heads


def _successor(doc: Doc, name: Span | None, lex: Lexicon) -> Span | None:
    """"moved X from A to replace Y as the new Principal Secretary": Y held the post, X takes it."""
    if name is None:
        return None
    i = name.start
    while i > 0 and doc[i - 1].text in lex.honorifics:
        i -= 1
    if i == 0 or doc[i - 1].lower_ not in REPLACE_VERBS:
        return name
    verb = i - 1
    if verb > 0 and doc[verb - 1].lower_ == "to":
        verb -= 1
    return _clause_subject(doc, verb, lex)


def _org_after_name(doc: Doc, name: Span, org_starts: dict[int, Span]) -> Span | None:
    """"director Paolo Azzoni at Milan investment bank ABK": the body can follow the name."""
    i = name.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in ("at", "of", "with"):
        for j in range(i + 1, min(len(doc), i + 1 + MAX_BODY_DESCRIPTION)):
            if j in org_starts:
                return org_starts[j]
            if doc[j].is_punct and doc[j].text not in ("<", "-"):
                break  # the description ended without a body
    return None


def _of_a_company(doc: Doc, end: int, lex: Lexicon) -> bool:
    """"president of the hugely indebted company", "chairman of the firm": the post names a company it
    leaves unnamed (the story names it elsewhere)."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("of", "at") or doc[end + 1].lower_ not in APPOSITIVE_DETERMINERS:
        return False
    for token in doc[end + 2 : end + 2 + MAX_BODY_DESCRIPTION]:
        if not token.is_lower:
            return False
        if lex.org_heads.get(token.lower_) == "company":
            return True
    return False


def find_officials(doc: Doc, heads: list[tuple[int, int]], lex: Lexicon) -> list[OfficialDraft]:
    org_spans = list(doc.spans.get("org_mentions", []))
    org_starts = {span.start: span for span in org_spans}
    org_ends = {span.end: span for span in org_spans}
    drafts: list[OfficialDraft] = []
    doc.spans[TITLES_KEY] = []
    for head_start, head_end in heads:
        phrase = title_phrase(doc, head_start, head_end, lex, org_starts, org_ends)
        name = _name_for_title(doc, phrase, lex, org_starts)
        if name is None or any(name.start < org.end and org.start < name.end for org in org_spans if org.label_ != "ORG"):
            continue
        org_span = phrase.org_span or _org_after_name(doc, name, org_starts)
        if org_span is None and phrase.head.lower() in lex.firm_roles:
            continue  # "an analyst" with no firm named is not an official
        doc.spans[TITLES_KEY].append(doc[phrase.start : phrase.end])
        drafts.append(
            OfficialDraft(
                name_span=name,
                title=" ".join(doc[phrase.start : phrase.end].text.split()),
                title_head=phrase.head,
                org_span=org_span,
                country=phrase.country,
                of_a_company=_of_a_company(doc, phrase.end, lex),
                body_anaphor=phrase.body_anaphor if org_span is None else None,
            )
        )
    return drafts


def share_coordinated_countries(doc: Doc, drafts: list[OfficialDraft]) -> None:
    """"South Korean President Chun Doo-hwan and Trade Minister Rha Woong Bae": the second official of a
    coordination takes the country the first one's title states."""
    for first, second in zip(drafts, drafts[1:]):
        between = doc[first.name_span.end : second.name_span.start]
        if first.country and second.country is None and 0 < len(between) <= 4 and between[0].lower_ == "and":
            second.country = first.country


def title_heads(doc: Doc, matcher: PhraseMatcher, lex: Lexicon | None = None) -> list[tuple[int, int]]:
    """Title head words, the longest match at each position; adjacent heads ("Director General") make one,
    and so do a rank head and a head with a place between ("chief US economist")."""
    lex = lex or lexicon()
    matches = sorted(((start, end) for _, start, end in matcher(doc)), key=lambda m: (m[0], -(m[1] - m[0])))
    heads: list[tuple[int, int]] = []
    for start, end in matches:
        if heads and start < heads[-1][1]:
            continue
        if heads and (heads[-1][1] == start or _place_between(doc, heads[-1], start, lex)):
            heads[-1] = (heads[-1][0], end)
        else:
            heads.append((start, end))
    return heads


def _place_between(doc: Doc, head: tuple[int, int], start: int, lex: Lexicon) -> bool:
    """"chief" + "US" + "economist": one or two place words between a rank word and a title head."""
    between = doc[head[1] : start]
    return (
        0 < len(between) <= 2
        and doc[head[0] : head[1]].text.lower() in lex.title_modifiers
        and bool(lex.country_of(between.text) or lex.regions & {between.text.lower()})
    )


def _same_role(kept: OfficialDraft, draft: OfficialDraft) -> bool:
    return kept.title is None or draft.title is None or kept.title.lower() == draft.title.lower()


def _wider_title_same_mention(kept: OfficialDraft, draft: OfficialDraft) -> bool:
    """Two title phrases that found the same mention ("named president and chief operating officer"): the
    wider phrase is the post."""
    if draft.name_span.start != kept.name_span.start or not (kept.title and draft.title):
        return False
    return len(draft.title) > len(kept.title) and kept.title.lower() in draft.title.lower()


def merge_drafts(drafts: list[OfficialDraft]) -> list[OfficialDraft]:
    """One draft per person: "James Baker" and "Baker" are the same official; the earliest title wins."""
    merged: list[OfficialDraft] = []
    for draft in sorted(drafts, key=lambda d: (-len(d.name.split()), d.name_span.start)):
        words = set(draft.name.split())
        for kept in merged:
            if words <= set(kept.name.split()):
                if all(span.start != draft.name_span.start for span in kept.mentions):
                    kept.mentions.append(draft.name_span)
                if draft.name_span.start < kept.name_span.start or _wider_title_same_mention(kept, draft):
                    kept.title, kept.title_head = draft.title, draft.title_head
                    kept.org_span = draft.org_span or kept.org_span
                    kept.body_anaphor = draft.body_anaphor or kept.body_anaphor
                if _same_role(kept, draft):
                    # a second role's body and country stay with that role ("Belgian Foreign Minister X,
                    # current president of the EC Council": the first role gives all three fields)
                    kept.country = kept.country or draft.country
                    kept.org_span = kept.org_span or draft.org_span
                break
        else:
            draft.mentions.append(draft.name_span)
            merged.append(draft)
    return sorted(merged, key=lambda d: min(span.start for span in d.mentions))


def link_mentions(doc: Doc, drafts: list[OfficialDraft], lex: Lexicon) -> None:
    """Every other mention by name: the full name again, the surname, a surname-first name's first word."""
    full = {draft.name: draft for draft in drafts}
    short: dict[str, list[OfficialDraft]] = {}
    for draft in drafts:
        for word in draft.name.split():
            if len(word) > 1 and word not in NAME_SUFFIXES and word.lower() not in NAME_PARTICLES and not word.endswith("."):
                short.setdefault(word, []).append(draft)
                short.setdefault(word.upper(), []).append(draft)  # "LUKMAN" in a headline
    org_tokens = {i for span in doc.spans.get("org_mentions", []) for i in range(span.start, span.end)}
    taken = {i for draft in drafts for span in draft.mentions for i in range(span.start, span.end)}
    i = 0
    while i < len(doc):
        if i in taken or not doc[i].text[:1].isupper():
            i += 1
            continue
        name = _name_after(doc, i, lex, single_word=True) or (
            doc[i : i + 1] if doc[i].text in short and doc[i].is_upper else None
        )
        if name is None:
            i += 1
            continue
        text = " ".join(name.text.split())
        target = full.get(text)
        if target is None and text in short and len(short[text]) == 1 and len(name) == 1 and name.start not in org_tokens:
            target = short[text][0]
        if target is None and len(name) > 1 and name[-1].text in short and len(short[name[-1].text]) == 1:
            candidate = short[name[-1].text][0]
            if set(text.split()) <= set(candidate.name.split()):
                target = candidate
        if target is not None and not taken.intersection(range(name.start, name.end)):
            target.mentions.append(name)
            taken.update(range(name.start, name.end))
        i = max(i + 1, name.end)
    for draft in drafts:
        draft.mentions.sort(key=lambda span: span.start)


# --- the annotations ------------------------------------------------------------------------------------------

# Plain values on each span of doc.spans["officials"] (None or False when the rules found none):
SPAN_FIELDS = {
    "official_title": None,  # the title as written, spaces normalized: "Treasury Secretary"
    "official_title_head": None,  # its head words from the title list: "Secretary"
    "official_body": None,  # (start, end) tokens of the org mention the title names: "of <Airbus>"
    "official_country": None,  # the ISO code the title states: "Saudi Oil Minister"
    "official_of_a_company": False,  # "president of the company": a company post whose body is named elsewhere
    "official_body_anaphor": None,  # "the central bank's Governor X": "central bank", the body's anaphor
}
for _field, _default in SPAN_FIELDS.items():
    if not Span.has_extension(_field):
        Span.set_extension(_field, default=_default)


def annotate(doc: Doc, drafts: list[OfficialDraft]) -> None:
    """Write the officials onto the Doc as span groups with plain values: what `drafts_on` reads back."""
    officials, names = [], []
    for draft in drafts:
        key = draft.name
        official = Span(doc, draft.name_span.start, draft.name_span.end, label="OFFICIAL", span_id=key)
        official._.official_title = draft.title
        official._.official_title_head = draft.title_head
        official._.official_body = (draft.org_span.start, draft.org_span.end) if draft.org_span is not None else None
        official._.official_country = draft.country
        official._.official_of_a_company = draft.of_a_company
        official._.official_body_anaphor = draft.body_anaphor
        officials.append(official)
        names += [Span(doc, span.start, span.end, label=span.label, span_id=key) for span in draft.mentions]
    doc.spans[OFFICIALS_KEY] = officials
    doc.spans[NAMES_KEY] = names


def drafts_on(doc: Doc) -> list[OfficialDraft]:
    """The officials the component annotated, in text order: each with its mentions (grouped by span.id_) and
    the spans of its name and body (also `doc._.official_drafts`)."""
    mentions: dict[str, list[Span]] = {}
    for span in doc.spans.get(NAMES_KEY, []):
        mentions.setdefault(span.id_, []).append(span)
    drafts = []
    for span in doc.spans.get(OFFICIALS_KEY, []):
        body = span._.official_body
        drafts.append(OfficialDraft(
            name_span=span,
            title=span._.official_title,
            title_head=span._.official_title_head,
            org_span=doc[body[0] : body[1]] if body is not None else None,
            country=span._.official_country,
            mentions=mentions.get(span.id_, []),
            of_a_company=span._.official_of_a_company,
            body_anaphor=span._.official_body_anaphor,
        ))
    return drafts


if not Doc.has_extension("official_drafts"):
    Doc.set_extension("official_drafts", getter=drafts_on)


class OfficialFinder:
    """Officials on the Doc: title heads (the phrases of models/gazetteers/titles.tsv), the names they
    govern and every later mention by name (span groups "officials", "official_names", "official_titles").
    The title list is saved with the pipeline and can be replaced with `initialize(titles=...)`."""

    def __init__(self, nlp: Language, name: str, titles: list[str] | None = None):
        self.name = name
        self.nlp = nlp
        self.lex = lexicon()
        self._build(titles if titles is not None else sorted(self.lex.titles))

    def _build(self, titles: list[str]) -> None:
        self.titles = list(titles)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.matcher.add("TITLE", [self.nlp.make_doc(title) for title in self.titles])

    def initialize(self, get_examples=None, *, nlp: Language | None = None, titles: list[str] | None = None) -> None:
        if titles is not None:
            self._build(titles)

    def __call__(self, doc: Doc) -> Doc:
        found = find_officials(doc, title_heads(doc, self.matcher, self.lex), self.lex)
        share_coordinated_countries(doc, found)
        drafts = merge_drafts(found)
        link_mentions(doc, drafts, self.lex)
        annotate(doc, drafts)
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "titles.json", self.titles)

    def from_disk(self, path, exclude=tuple()) -> OfficialFinder:
        self._build(srsly.read_json(Path(path) / "titles.json"))
        return self


@Language.factory(
    "wirefacts_officials",
    assigns=["doc.spans", *(f"span._.{field_}" for field_ in SPAN_FIELDS)],
    requires=["doc.spans", "doc.ents", "token.tag", "token.is_sent_start"],
)
def make_officials(nlp: Language, name: str) -> OfficialFinder:
    return OfficialFinder(nlp, name)
