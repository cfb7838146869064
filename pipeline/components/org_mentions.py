"""Organization mentions: the statistical NER repaired by rules (tickers, legal suffixes, "Ministry of ...",
descriptive references such as "Japan's industry ministry", news agencies and the credit line).

Runs before the officials component, which reads titles against these mentions; the organizations
component then drops what turned out to be names or title words, and links the rest into entities.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from wirefacts.components.lexeme_flags import LexemeFlags, validated
from wirefacts.components.saved_patterns import SavedPatterns
from wirefacts.doc_text import story_text
from wirefacts.lexicon import Lexicon, lexicon
from wirefacts.resources import load_patterns, load_tsv

PROPER, DESCRIPTIVE = "ORG", "ORG_DESC"
# of the vocabulary's 45 spare lexeme flags, the most this component's text tests take
FLAGS_WANTED = 8
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")


# --- finding mentions ----------------------------------------------------------------------------------------


def trim(span: Span) -> Span | None:
    """Drop a leading article and a trailing possessive or punctuation from a mention."""
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start, end):
        if doc[i].is_space and "\n" in doc[i].text:
            end = i  # "Tories\n\nNational Insurance": a name never runs across a paragraph break
            break
    closing = [i for i in range(start, end) if doc[i].text == ">"]
    if closing and not any(doc[i].text == "<" for i in range(start, closing[0])):
        start = closing[0] + 1  # "TXN> Continental Airlines": the end of a ticker, then the name
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_quote
                           or doc[start].text == "<"):  # (spaCy's "`" of "``" is a quote but no punctuation)
        start += 1
    for i in range(start, min(end - 1, start + 3)):
        if doc[i].text in _POSSESSIVE and all(token.is_lower for token in doc[start:i]):
            start = i + 1  # "the ministry's Economic Affairs Bureau": the bureau is the body
            break
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].lower_ in ("and", "&", ">")
                           or doc[end - 1].is_punct and doc[end - 1].text not in ".)"):
        end -= 1
    if end > start and doc[end - 1].text == ")" and "(" not in doc[start:end].text:
        end -= 1
    opened = [i for i in range(start, end) if doc[i].text in ("(", "<")]
    if opened and not any(doc[i].text in (")", ">") for i in range(opened[0], end)):
        end = opened[0]  # "Beard Oil Co (BEC": the name ends before an unclosed bracket
        while end > start and doc[end - 1].is_space:
            end -= 1
    return Span(doc, start, end, label=span.label_) if end > start else None


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """Token i is "-" inside a word such as "Korea-Israel"."""
    return doc[i].text in ("-", "\u2013") and i > 0 and not doc[i].whitespace_ and not doc[i - 1].whitespace_


def _extend_left(span: Span) -> Span:
    """Take in hyphen-joined capitalized words the NER left out: "Korea-Israel" + "Industrial R&D Foundation"."""
    doc, start = span.doc, span.start
    while start >= 2 and _hyphen_joined(doc, start - 1) and doc[start - 2].text[:1].isupper():
        start -= 2  # the NER span began inside the compound: "Israel Industrial ..." after "Korea-"
    if start >= 3 and doc[start - 1].text[:1].isupper() and _hyphen_joined(doc, start - 2) \
            and doc[start - 3].text[:1].isupper():
        start -= 3  # the compound stands just before: "Korea-Israel" + "Industrial R&D Foundation"
    return Span(doc, start, span.end, label=span.label_) if start != span.start else span


def _is_plausible(span: Span, lex: Lexicon) -> bool:
    text = span.text
    if not any(ch.isupper() for ch in text) or len(text) < 2:
        return False
    if lex.country_of(text) or lex.cities.get(text.lower()) or lex.provinces.get(text) or text.lower() in lex.regions:
        return False  # a place: country, city, province or region
    last = span[-1].lower_
    if text.lower() in lex.not_organizations or text.lower() in lex.anaphora or _names_a_currency(span):
        return False
    remit_of_a_body = _body_with_a_remit(span, lex)  # "Office of Science and Technology Policy" is a body
    if last in lex.not_organization_heads and not remit_of_a_body:
        return False
    if len(span) > 2 and span[-2:].text.lower() in lex.not_organizations and not remit_of_a_body:
        return False  # "Kisumu-Busia Rail Line": a two-word head of a non-body
    if (_name_runs_on_to_a_non_body(span, lex) and not remit_of_a_body) or _abbreviates_a_non_body(span, lex) \
            or _names_a_locality(span, lex):
        return False
    if len(span) == 2 and last == "administration" and span[0].lower_ not in lex.title_modifiers:
        return False  # "the Carter Administration" is the government; "Tax Administration" is a body
    if (span[0].like_num and not _led_by_an_ordinal(span)) or all(token.like_num or token.is_punct for token in span):
        return False
    if len(span) > 1 and span[-1].is_digit and span[-2].lower_ in lex.not_organization_heads:
        return False  # "Vision 2030", "Expo 2020": a plan or an event named by its year ("Fox 2000" stays)
    if span[0].text in lex.honorifics:
        return False  # "Mr Cable": a person the NER took for a body
    if names_a_title(span, lex):
        return False  # "Commissioner for Finance": part of a title, not a body
    return True


def _led_by_an_ordinal(span: Span) -> bool:
    """"8th Circuit", "20th Century Fox": an ordinal in figures, then capitalized words only."""
    first = span[0].text
    return len(span) > 1 and first[:-2].isdigit() and first[-2:].lower() in ("st", "nd", "rd", "th") \
        and all(token.is_title for token in span[1:])


def _body_with_a_remit(span: Span, lex: Lexicon) -> bool:
    """"Office of Management and Budget", "Institute for Public Policy": a body's head word before "of/for" makes
    the whole name a body, whatever word its remit ends in."""
    joint = next((token.i for token in span if token.lower_ in ("of", "for")), None)
    if joint is None or joint == span.start:
        return False
    head = span.doc[joint - 1]
    return head.is_title and (head.lower_ in lex.suffix_words or head.lower_ in lex.org_heads)


# currency words ("Birr", "Naira", "Kwacha"): after a figure they are the amount's currency, never a body
CURRENCY_WORDS = frozenset(surface for surface, _, _, kind in load_tsv("gazetteers/currency_cldr.tsv", 4) if kind == "word")
SCALE_WORDS = frozenset(word for word, _ in load_tsv("gazetteers/scales.tsv", 2))


def _names_a_currency(span: Span) -> bool:
    """"one trillion Birr", "500 Naira": a currency word right after a figure or a scale word."""
    if len(span) != 1 or span.start == 0 or span[0].lower_ not in CURRENCY_WORDS:
        return False
    before = span.doc[span.start - 1]
    return before.like_num or before.lower_ in SCALE_WORDS


def _names_a_locality(span: Span, lex: Lexicon) -> bool:
    """"held at Alausa, Ikeja": two single words around a comma after "at/in", neither a body's word, name a place."""
    if len(span) != 3 or span[1].text != "," or not all(token.is_title for token in (span[0], span[2])):
        return False
    if span.start == 0 or span.doc[span.start - 1].lower_ not in ("at", "in", "near"):
        return False  # "Goldman, Sachs" is a firm's name
    return not any(token.lower_ in lex.suffix_words or token.lower_ in lex.org_heads for token in span)


def _abbreviates_a_non_body(span: Span, lex: Lexicon) -> bool:
    """"IGR" in "Internally Generated Revenue, IGR," or "(IGR)": the short form of a name that is no body;
    "construction materials price data (CMPD)": the short form of a common noun phrase, not a name."""
    doc, letters = span.doc, _acronym_letters(span.text)
    if len(span) != 1 or letters is None or span.start < 2 or doc[span.start - 1].text not in (",", "("):
        return False
    start, words = span.start - 1, []
    while start > 0 and len(words) < len(letters):
        token = doc[start - 1]
        if token.is_alpha and (token.is_title or token.is_lower):
            words.append(token)
        elif not (words and _hyphen_joined(doc, start - 1)):  # "Medium-Term Expenditure Framework (MTEF)"
            break
        start -= 1
    phrase = doc[start : span.start - 1]
    if len(words) != len(letters) or "".join(token.text[0] for token in reversed(words)).upper() != letters:
        return False
    if all(token.is_lower for token in words):
        return phrase[-1].lower_ not in lex.org_heads and phrase[-1].lower_ not in COMMITTEE_HEADS
    if not all(token.is_title for token in words):
        return False
    return phrase.text.lower() in lex.not_organizations or phrase[-1].lower_ in lex.not_organization_heads \
        or phrase[-2:].text.lower() in lex.not_organizations


def _acronym_letters(text: str) -> str | None:
    """The capitals of an abbreviation, a plural "s" left off ("SDGs": SDG); None if `text` is no abbreviation."""
    if len(text) > 2 and text.endswith("s") and text[:-1].isupper():
        text = text[:-1]
    return text if len(text) >= 2 and text.isalpha() and text.isupper() else None


def _short_forms_of_non_bodies(doc: Doc, lex: Lexicon) -> set[str]:
    """Every abbreviation the story introduces for something that is no body ("... price data (CMPD)"): its
    later uses ("The CMPD reduction") are no body either."""
    return {token.text for token in doc if token.i >= 2 and doc[token.i - 1].text in (",", "(")
            and _abbreviates_a_non_body(doc[token.i : token.i + 1], lex)}


def _name_runs_on_to_a_non_body(span: Span, lex: Lexicon) -> bool:
    """"Queensland Energy" cut by the NER from "the Queensland Energy and Jobs Plan": the capitalized name
    goes on (over "and", "of") to the head of a plan, event or place."""
    doc, i, last = span.doc, span.end, None
    while i < len(doc) and i - span.end < 6 and (doc[i].is_title or doc[i].lower_ in ("and", "&", "of")):
        if doc[i].is_title:
            last = doc[i]
        i += 1
    if last is None and i < len(doc) and doc[i].is_lower and doc[i].lower_ in lex.place_heads:
        return True  # "Kimwarer and Arror" + "dams": the name of the thing the lowercase head names
    return last is not None and last.lower_ in lex.not_organization_heads


def names_a_title(span: Span, lex: Lexicon) -> bool:
    """A title or a title's remit rather than a body: "Finance" in "Commissioner for Finance", "the Minister
    of Finance", "the National Security Adviser"."""
    if is_portfolio(span, lex):
        return True
    words = [token.lower_ for token in span]
    if " ".join(words) in lex.titles:
        return True  # "Prime Minister"
    if words[-1] in lex.titles and all(word in lex.title_modifiers for word in words[:-1]):
        return True  # modifiers and a title head only
    joint = next((k for k, word in enumerate(words) if word in ("of", "for")), None)
    return (
        joint is not None
        and 0 < joint
        and " ".join(words[:joint]) in lex.titles
        and joint + 1 < len(words)
        and lex.title_modifiers.get(words[joint + 1]) == "portfolio"
        and not _names_a_body([t for t in span[joint + 1 :] if lex.title_modifiers.get(t.lower_) != "portfolio"], lex)
    )  # "Minister of Finance" read as one name


def _names_a_body(tokens, lex: Lexicon) -> bool:
    return any(token.lower_ in lex.org_heads or token.text in lex.org_suffixes for token in tokens)


def is_portfolio(span: Span, lex: Lexicon) -> bool:
    """"Finance" in "Commissioner for Finance": a remit (opening with a portfolio word) after a title's "for/of"
    that names no body of its own (no organization head word or legal suffix), so it stays in the title."""
    doc, start = span.doc, span.start
    if start < 2 or doc[start - 1].lower_ not in ("for", "of"):
        return False
    if doc[start - 2].lower_ not in lex.titles or lex.title_modifiers.get(span[0].lower_) != "portfolio":
        return False  # "chairman of Genentech": a body
    return not _names_a_body([token for token in span if lex.title_modifiers.get(token.lower_) != "portfolio"], lex)


def names_an_index(span: Span, lex: Lexicon) -> bool:
    """"Dow Jones" in "the Dow Jones industrial average": a name followed by an index word may be the index
    (the organizations stage keeps it where the story names the body on its own too: "the Ifo index")."""
    doc = span.doc
    following = [doc[i].lower_ for i in range(span.end, min(span.end + 2, len(doc))) if doc[i].is_alpha]
    return any(word in lex.index_words for word in following)


def _after_dateline(span: Span) -> Span | None:
    """What of a span lies after the story's dateline: "JOHANNESBURG - Finance" read as one name is no body."""
    dateline = span.doc._.dateline
    if dateline is None or span.start_char >= dateline["end"] or span.end_char <= dateline["start"]:
        return span
    start = next((token.i for token in span if token.idx >= dateline["end"]), None)
    return None if start is None else span.doc[start : span.end]


def _before_a_verb(span: Span | None) -> Span | None:
    """What of a span comes before a lowercase verb: "Wells walked Cecil Fielder" is a clause the NER ran over,
    "Wells" its subject."""
    if span is None:
        return None
    cut = next((token.i for token in span if token.is_lower and token.tag_.startswith("VB")), None)
    return span if cut is None else (span.doc[span.start : cut] if cut > span.start else None)


def _ner_mentions(doc: Doc, lex: Lexicon) -> list[Span]:
    found = []
    for ent in doc.ents:
        ent = _with_legal_prefix(ent)
        if ent.label_ == "ORG" or (ent.label_ in ("NORP", "GPE", "PERSON") and (
                ent.text in lex.agencies or ent.text in lex.parties or led_by_a_legal_form(ent))):
            ent = _before_a_verb(_after_dateline(ent))
            for part in _items_of_a_list(ent, lex) if ent is not None else ():
                trimmed = trim(part)
                if trimmed is not None:
                    trimmed = _extend_left(Span(doc, trimmed.start, trimmed.end, label=PROPER))
                    if _is_plausible(trimmed, lex):
                        found.append(trimmed)
    return found


LEGAL_PREFIXES = frozenset(prefix for prefix, _ in load_tsv("gazetteers/org_prefixes.tsv", 2))


def _with_legal_prefix(ent: Span) -> Span:
    """The NER's entity with the legal form it left out before it: "PT" + "Tambang Timah"."""
    doc = ent.doc
    if ent.start == 0 or doc[ent.start - 1].text not in LEGAL_PREFIXES:
        return ent
    return Span(doc, ent.start - 1, ent.end, label=ent.label_)


def led_by_a_legal_form(span: Span) -> bool:
    """"PT Tambang Timah", "OAO Gazprom": a legal form before the name makes it a company's."""
    return len(span) > 1 and span[0].text in LEGAL_PREFIXES and span[1].text[:1].isupper()


def _items_of_a_list(span: Span, lex: Lexicon) -> list[Span]:
    """"Health, [Parish Development Model, Security], Education and ...": an NER name with a comma inside a list
    that goes on around it is a run of the list's items, each its own candidate ("Future Ireland Fund" and
    "Infrastructure" of "[Future Ireland Fund and Infrastructure, Climate], and Nature Fund": an "and" after a
    body's head word parts items too). A legal form after a comma stays ("Acme, Inc.")."""
    doc = span.doc
    separators = [token.i for token in span if _separates_items(token)]
    if separators and (len(span) > 3 or any(doc[i].text == "/" for i in separators) or _joins_common_words(span)):
        # "Dampier / Kaohsiung", "Goalkeepers - Bogdan Stelea", "Steers - Select": items of a table or a headline,
        # not one name ("Wal - Mart" in text tokenized with spaces stays)
        return _cut(span, separators, lex)
    commas = [token.i for token in span if token.text == ","]
    if not commas or any(doc[i + 1].text in lex.org_suffixes for i in commas if i + 1 < span.end):
        return [span]
    after = doc[span.end : span.end + 3]
    goes_on = (span.start > 0 and doc[span.start - 1].text == ",") or (
        len(after) >= 2 and after[0].text in (",", "and", "&") and any(t.text[:1].isupper() for t in after[1:])
    )
    if not goes_on:
        return [span]
    cuts = set(commas) | {
        token.i for token in span
        if token.lower_ in ("and", "&") and token.i > span.start and doc[token.i - 1].lower_ in lex.suffix_words
    }
    return _cut(span, sorted(cuts), lex)


def _joins_common_words(span: Span) -> bool:
    """"Steers - Select" where the story writes "steers": a word of ordinary text on one side of the dash."""
    text = story_text(span.doc)
    return any(token.is_alpha and re.search(rf"\b{re.escape(token.lower_)}\b", text) for token in (span[0], span[-1]))


def _separates_items(token) -> bool:
    """A slash or a dash with a space on both sides."""
    i, doc = token.i, token.doc
    return token.text in ("/", "-", "\u2013", "\u2014") and i > 0 and bool(doc[i - 1].whitespace_) and bool(token.whitespace_)


def _cut(span: Span, cuts: list[int], lex: Lexicon) -> list[Span]:
    doc = span.doc
    parts, start = [], span.start
    for i in cuts + [span.end]:
        if i > start and _could_stand_alone(doc[start:i], lex):
            parts.append(doc[start:i])
        start = i + 1
    return parts


def _could_stand_alone(part: Span, lex: Lexicon) -> bool:
    """An item cut from a list is a candidate if it is more than one word, an acronym or a body's head word:
    "Climate" of "Infrastructure, Climate, and Nature Fund" is a word of a name the NER never gave alone."""
    words = [token for token in part if not token.is_punct]
    return len(words) > 1 or (len(words) == 1 and (words[0].text.isupper() or words[0].lower_ in lex.suffix_words))


def _ruled_mentions(doc: Doc, matcher: Matcher, lex: Lexicon) -> list[Span]:
    found = []
    for match_id, start, end in matcher(doc):
        label = doc.vocab.strings[match_id]
        if label == "ORG_TICKER":
            end -= 1  # the ticker's "<"
        if label == "ORG_BRACKETED":
            start, end = start + 1, end - 1
            if end - start == 1 and (doc[start].text.isupper() or "." in doc[start].text):
                continue  # "<TX>", "<XYZ.N>": a ticker
        if label == "ORG_AFTER_ROLE":
            start = next(i for i in range(start, end) if doc[i].text[:1].isupper())  # the firm, not the role
            end = next((i for i in range(start + 1, end) if doc[i].is_sent_start or _is_legal_suffix(doc[i - 1], lex)), end)
            while end > start + 1 and doc[end - 1].lower_ in ("and", "&"):
                end -= 1  # "Quantafuel and" + "global chemical company BASF"
            if not _could_name_a_firm(doc[start:end], lex):
                continue
        if label == "ORG":
            if end < len(doc) and _hyphen_joined(doc, end):
                continue  # "Ministry for Bre" + "-X": the pattern stopped inside a word
            end = _before_a_person(doc, start, end, lex)
            inside_ner = doc[start].ent_iob_ == "I"  # "Reserve Bank of New York" of the NER's "Federal Reserve Bank"
            named_from = _named_body_start(doc, start) if doc[start + 1].lower_ in ("of", "for") or inside_ner else None
            closes_there = named_from is not None and (start + 1 >= len(doc) or doc[start + 1].ent_iob_ != "I")
            if closes_there and end > start + 2 and doc[start + 2].lower_ == "the":
                continue  # "Research and Information Department" + "of the National Assembly": two bodies
            if named_from is not None:  # "the Federal Reserve Bank" + "of New York": one name, if a plausible one
                joined = trim(Span(doc, named_from, end, label=PROPER))
                start = named_from if joined is not None and _is_plausible(joined, lex) else start
        span = Span(doc, start, end, label=DESCRIPTIVE if label == "ORG_DESC" else PROPER)
        trimmed = trim(span) if label != "ORG_DESC" else span
        if label == "ORG_DESC" and any(token.tag_.startswith(("VB", "MD", "IN")) for token in span):
            continue  # "Indonesian airlines remained in force" is a clause, not a body
        if trimmed is not None and (label == "ORG_DESC" or _is_plausible(trimmed, lex)):
            found.append(trimmed)
    return found


def _before_a_person(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """"Department of the National Assembly, Ali Barde": a ruled name stops at a comma before a person;
    "Central Bank of Kenya Governor Patrick Njoroge": at a title before a person."""
    for i in range(start + 1, end - 1):
        if doc[i].text == "," and (doc[i + 1].ent_type_ == "PERSON" or doc[i + 1].text in lex.honorifics):
            return i
        if i > start + 2 and doc[i].lower_ in lex.titles and doc[i].ent_type_ != "ORG" and doc[i + 1].is_title:
            return i
    return end


def _named_body_start(doc: Doc, start: int) -> int | None:
    """Where the NER's body begins when the head word of "Department of ..." stands inside it ("the Research
    and Information Department", "the Federal Reserve Bank", "Reserve Bank of India"), else None."""
    token = doc[start]
    if token.ent_type_ != "ORG" or token.ent_iob_ != "I":
        return None
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _could_name_a_firm(span: Span, lex: Lexicon) -> bool:
    """The capitalized words after "brewer" or "analyst at" name a firm, not a date, person, title or place."""
    first = span[0]
    if any(token.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT") for token in span):
        return False
    if any(token.ent_type_ == "PERSON" for token in span) and not _one_word_after_a_trade(span, lex):
        return False
    if first.is_sent_start or first.lower_ in lex.titles or first.text in lex.honorifics:
        return False
    return not (lex.country_of(span.text) or lex.cities.get(span.text.lower()) or lex.provinces.get(span.text))


GIVEN_NAMES = frozenset(row[0] for row in load_tsv("gazetteers/given_names.tsv", 1))


def _one_word_after_a_trade(span: Span, lex: Lexicon) -> bool:
    """"Norway's recycling company Quantafuel and ...": one word, no given name, after a company's trade noun
    and not the subject of a clause ("the company Smith founded") is the company, whatever the NER said."""
    doc = span.doc
    if len(span) != 1 or span.start == 0 or span[0].text in GIVEN_NAMES:
        return False
    before = doc[span.start - 1]
    if not before.is_lower or lex.org_heads.get(before.lower_) != "company":
        return False
    following = doc[span.end] if span.end < len(doc) else None
    return following is None or not following.tag_.startswith(("VB", "MD", "RB"))


def _is_legal_suffix(token, lex: Lexicon) -> bool:
    """A legal form ends a name: "Kidder Peabody and Co." + "The industry ..."."""
    return lex.org_suffixes.get(token.text) == "legal"


def _joins_two(span: Span, ner: list[Span], lex: Lexicon) -> bool:
    """A ruled name that runs over two of the NER's bodies, the first ending in a legal form, is a list
    ("Bre-X Minerals Ltd and Barrick Gold Corp"), not one name ("Mitsubishi Mining and Cement Co Ltd")."""
    inside = [other for other in ner if span.start < other.end and other.start < span.end]
    return len(inside) >= 2 and any(_is_legal_suffix(other[-1], lex) for other in inside[:-1])


def _split_at_ner_bodies(span: Span) -> list[Span]:
    """"the police, Corrections, the [Ministry of Justice, Customs] and the Defence Force": a ruled name that runs
    over a comma onto a body the NER found on its own ("Customs") is two bodies; "the Ministry of Trade, Industry
    and Energy" stays one where the NER saw no body after the comma."""
    doc = span.doc
    cuts = [
        token.i for token in span
        if token.text == "," and token.i + 1 < span.end and doc[token.i + 1].ent_iob_ == "B"
        and doc[token.i + 1].ent_type_ == "ORG" and _ent_end(doc, token.i + 1) <= span.end
    ]
    if not cuts or span.label_ == DESCRIPTIVE:
        return [span]
    parts, start = [], span.start
    for i in cuts + [span.end]:
        if i > start:
            parts.append(Span(doc, start, i, label=span.label_))
        start = i + 1
    return parts


def _split_after_legal_forms(span: Span, lex: Lexicon) -> list[Span]:
    """"Prudential Securities Incorporated PaineWebber Incorporated First Union Capital Markets Corp.": a ruled
    name that goes on after a legal form with a capitalized word of no legal form is a run of firms (a list of
    underwriters), each its own candidate ("Mitsubishi Mining and Cement Co Ltd" stays one)."""
    doc = span.doc
    cuts = [token.i + 1 for token in span[:-1]
            if _is_legal_suffix(token, lex) and doc[token.i + 1].text[:1].isupper() and not _is_legal_suffix(doc[token.i + 1], lex)]
    if not cuts or span.label_ == DESCRIPTIVE:
        return [span]
    parts, start = [], span.start
    for end in cuts + [span.end]:
        if end - start > 1:
            parts.append(Span(doc, start, end, label=span.label_))
        start = end
    return parts


def _ent_end(doc: Doc, i: int) -> int:
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _agency_mentions(doc: Doc, agency_matcher: PhraseMatcher, lex: Lexicon) -> list[Span]:
    spans = [Span(doc, start, end, label=PROPER) for _, start, end in agency_matcher(doc)]
    return [span for span in spans if not is_portfolio(span, lex)]  # "Secretary for Labour" is no party


def _legislature_mentions(doc: Doc, matcher: PhraseMatcher) -> list[Span]:
    """"the House", "the Commons", "Senate leaders": a legislature by its own name, though the NER missed it.
    Not at a sentence start, where "House prices" is no body. "Senate finance committee": with a descriptive
    committee after it, the committee."""
    return [
        Span(doc, start, _committee_end(doc, end), label=PROPER)
        for _, start, end in matcher(doc)
        if not (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ != "the")
        and (not doc[start].is_sent_start or _committee_end(doc, end) > end)
    ]


COMMITTEE_HEADS = frozenset(word for word, _ in load_tsv("gazetteers/legislature_parts.tsv", 2))
MAX_COMMITTEE_REMIT = 3


def _committee_end(doc: Doc, end: int) -> int:
    """The end of "finance committee" after a legislature ending at `end` ("'s" allowed between), else `end`."""
    i = end + 1 if end < len(doc) and doc[end].text in ("'s", "\u2019s") else end
    for j in range(i, min(i + MAX_COMMITTEE_REMIT + 1, len(doc))):
        if doc[j].lower_ in COMMITTEE_HEADS and doc[j].is_lower:
            return j + 1 if j > i else end
        if not (doc[j].is_lower and doc[j].is_alpha):
            break
    return end


def _credit_mention(doc: Doc) -> list[Span]:
    credit = doc._.credit
    if credit is None:
        return []
    span = doc.char_span(credit["start"], credit["end"], label=PROPER, alignment_mode="expand")
    if span is None or any(token.is_digit for token in span):
        return []  # "Jakarta newsroom +6221 384-6364": a desk's telephone line, not an agency's sign-off
    return [span]


def expanded_patterns(lex: Lexicon) -> list[dict]:
    """models/patterns/organizations.jsonl with its word-list placeholders filled from the Lexicon."""
    heads = sorted((head for head, kind in lex.org_heads.items() if kind == "government"), key=len, reverse=True)
    sets = {
        "ORG_HEAD_LAST": [head.split()[-1] for head in heads],
        "LEGAL_SUFFIX": [suffix for suffix, kind in lex.org_suffixes.items() if kind == "legal"],
        "GENERIC_HEAD": [suffix for suffix, kind in lex.org_suffixes.items() if kind == "generic"],
        "FIRM_ROLE": sorted(lex.firm_roles),
        "COMPANY_HEAD": sorted({head.split()[-1] for head, kind in lex.org_heads.items() if kind == "company"}),
        "COUNTRY_WORD": _country_words(sorted(lex.countries)),
        "PLACE_WORD": _country_words(sorted({*lex.countries, *lex.provinces})),
        "TITLE_WORD": sorted({word for title in lex.titles for word in title.split()}),
    }
    return [{**entry, "id": entry.get("id", entry["label"])} for entry in load_patterns("patterns/organizations.jsonl", sets)]


def _country_words(countries: list[str]) -> list[str]:
    """Words of country names that can start or continue one ("South", "Korea"), not "The" of "The Gambia"."""
    return sorted({word for country in countries for word in country.split() if word[:1].isupper() and word != "The"})


class OrgMentionFinder(SavedPatterns):
    """Organization mentions on the Doc (span group "org_mentions"): the NER's ORG repaired by the rules of
    models/patterns/organizations.jsonl, news agencies, parties and the credit line. Its patterns are saved
    with the pipeline (`nlp.to_disk`) and can be replaced with `initialize(patterns=...)`."""

    def __init__(self, nlp: Language, name: str, patterns: list[dict] | None = None):
        self.name = name
        self.vocab = nlp.vocab
        self.lex = lexicon()
        self.agency_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.agency_matcher.add("AGENCY", [nlp.make_doc(n) for n in self.lex.agencies if len(n) > 2 or n.isupper()])
        self.agency_matcher.add("PARTY", [nlp.make_doc(n) for n in self.lex.parties])
        # acronyms of known bodies (org_aliases.tsv: "USDA", "SEC"), which the NER misses in headline capitals
        self.agency_matcher.add("KNOWN_BODY", [nlp.make_doc(n) for n in self.lex.aliases if n.isupper() and len(n) > 2])
        # a province's government named as a body ("Lagos State Government") is an organization (ANNOTATION.md)
        self.agency_matcher.add("REGIONAL_GOVERNMENT", [
            nlp.make_doc(f"{province} {word}") for province in self.lex.provinces for word in ("government", "Government")
        ])
        self.legislature_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.legislature_matcher.add("LEGISLATURE", [nlp.make_doc(n) for n in self.lex.legislature_names])
        self._build(patterns if patterns is not None else expanded_patterns(self.lex))

    def _build(self, patterns: list[dict]) -> None:
        self.patterns = [dict(entry) for entry in patterns]  # a copy: never share a module-level list
        flags = LexemeFlags(self.vocab)
        flags.allocate((entry["pattern"] for entry in self.patterns), most=FLAGS_WANTED)
        self.matcher = Matcher(self.vocab, validate=False)  # each pattern is checked before it reads flags
        for entry in self.patterns:
            pattern = flags.compile(validated(entry["label"], entry["pattern"]))
            self.matcher.add(entry["label"], [pattern], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        ner = _ner_mentions(doc, self.lex)
        ruled = [piece for span in _ruled_mentions(doc, self.matcher, self.lex) for part in _split_at_ner_bodies(span)
                 for piece in _split_after_legal_forms(part, self.lex)]
        candidates = (
            ner
            + [span for span in ruled if not _joins_two(span, ner, self.lex)]
            + _agency_mentions(doc, self.agency_matcher, self.lex)
            + _legislature_mentions(doc, self.legislature_matcher)
            + _credit_mention(doc)
        )
        refused = _short_forms_of_non_bodies(doc, self.lex)
        candidates = [span for span in candidates if span.text not in refused]
        doc.spans["org_mentions"] = sorted(filter_spans(candidates), key=lambda span: span.start)
        return doc

@Language.factory(
    "wirefacts_org_mentions",
    assigns=["doc.spans"],
    requires=["doc.ents", "token.tag", "token.is_sent_start", "doc._.dateline", "doc._.credit"],
)
def make_org_mentions(nlp: Language, name: str) -> OrgMentionFinder:
    return OrgMentionFinder(nlp, name)
