"""The amounts component: money and percentage spans in doc.spans["amounts"].

Each token gets a role from the gazetteers (SIGN "$", NUMBER "1.5", SCALE "mln", UNIT "dlrs",
PERCENT "pct", ...), read through the `amount_part` extension; the patterns in
models/patterns/amounts.jsonl are spaCy Matcher patterns over those roles. Because the tokenizer
leaves some amounts in one piece ("HK$300", "3bn", "5.5pct"), small regexes give such tokens a
combined role.

A span that borrows its unit from a neighbour ("1.5 mln" in "1.5 mln vs 1.2 mln dlrs") carries
a template in `span._.amount_template` ("{} dlrs") for wirefacts.amounts to read it by.

Each pattern line is expanded where it is added (`_expanded`): optional line breaks between parts, and
run-ons of a number over digit groups or number words. Shapes that depend on what follows them
("a dollar", a sign after its figure) are judged before the longest matches are chosen; subunits
("$20 and 43c") are joined to the amount before them after matching.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from wirefacts.amount_numbers import DIGITS, MULTIPLIERS, number_words
from wirefacts.amounts import (
    TEMPLATE_EXTENSION,
    currency_alternation,
    currency_word,
    currency_words,
    exact_currency_words,
    minor_only_units,
    parse_span,
    percent_words,
    scale_words,
)
from wirefacts.components.saved_patterns import SavedPatterns
from wirefacts.components.lexeme_flags import LexemeFlags
from wirefacts.components.windows import Anchor, AnchoredMatcher, word_anchor
from wirefacts.resources import load_patterns, load_words

COUNT_WORDS = "gazetteers/amount_count_words.tsv"
PATTERNS = "patterns/amounts.jsonl"
EARNINGS_LABELS = "gazetteers/amount_earnings_labels.tsv"
CHANGE_WORDS = "gazetteers/amount_change_words.tsv"
HEDGES = "gazetteers/amount_hedges.tsv"
SPAN_KEY = "amounts"

# Figures of an earnings table are in the story's dollar (a bare "dlrs" takes the dollar the story names).
EARNINGS_TEMPLATE = "{} dlrs"
ROLE_OF_POSITION = {"before": "SIGN", "after": "UNIT", "either": "CODE", "after_scale": "SCALED_UNIT"}
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# "X to Y" with Y more than this many times X reads as a change, not a range.
MAX_RANGE_RATIO = 5

# Words that may follow a figure that ends its phrase ("from 205 mln in 1985", "vs 1.2 mln a year ago").
CLAUSE_WORDS = frozenset(
    "in from to and or a an the last this that on at for by vs with during after before compared "
    "against as while but year previous prior earlier respectively".split()
)
SHAPE_PRIORITY = ("range", "single", "a-unit", "sign-after", "earnings", "pair")
RANGE_CONNECTORS = frozenset({"-", "\u2013", "to", "and", "or"})
PAIR_CONNECTORS = frozenset({"vs", "vs.", "versus", "and", "or", "to", "from", "compared", "against"})
# The roles of words written after the number, which a neighbouring figure may borrow.
UNIT_ROLES = frozenset({"UNIT", "SCALED_UNIT", "CODE", "QUALIFIER", "PERCENT"})

# of the vocabulary's 45 spare lexeme flags, the most this component's text tests take
FLAGS_WANTED = 12


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


class TokenRoles:
    """The role of a token's text in an amount, from the gazetteers; None for most tokens."""

    def __init__(self) -> None:
        self.roles: dict[str, str] = {}  # by lowercase text
        for surface, word in currency_words().items():
            *qualifiers, last = surface.split(" ")
            for qualifier in qualifiers:
                self.roles.setdefault(qualifier, "QUALIFIER")
            if not qualifiers:
                self.roles[last] = "MINOR" if surface in minor_only_units() else ROLE_OF_POSITION[word.position]
        # a one-letter local sign ("K", "N", "R") is read only joined to its figure ("K5 million"): alone it
        # is a scale word or an initial ("$10K", "Mr K")
        self.exact = {
            surface: ROLE_OF_POSITION[word.position]
            for surface, word in exact_currency_words().items()
            if " " not in surface and not re.fullmatch(r"[A-Za-z]\.?", surface) and surface.lower() not in currency_words()
        }
        self.roles.update({word: "PERCENT" for word in percent_words() if " " not in word})
        self.roles.update({word: "SCALE" for word in scale_words()})
        # the tokenizer keeps a sentence's full stop on a one-letter abbreviation: "£600m."
        self.roles.update({f"{word}.": "SCALE" for word in scale_words() if len(word) == 1})
        self.roles.update({word: "WORD_NUMBER" for word in number_words()})
        self.roles.update({f"{word}-": "WORD_NUMBER" for word in number_words()})  # "fifty- eight"
        for label in load_words(EARNINGS_LABELS):
            self.roles.setdefault(label, "EARNINGS_LABEL")
        signs = currency_alternation(("before", "either"))
        units = currency_alternation(("after", "either", "before"), minor_only=False)  # "10k$", "20Rs" glued
        number = rf"(?:{DIGITS})"
        scale = rf"(?i:{_alternation(scale_words())})"
        percent = rf"(?i:{_alternation(percent_words())})"
        self.number = re.compile(rf"^[-+]?{number}-?$")  # "-3.16" in "fell by -3.16%", "37-" in "37- billion-dlr"
        self.number_range = re.compile(rf"^{number}[\u2013-]{number}$")  # "0.4–0.5" (the tokenizer keeps an en dash)
        self.fraction = re.compile(r"^\d+/\d+$")
        self.sign_number = re.compile(rf"^(?:{signs})[.:]?{number}{scale}?$")
        self.number_scale = re.compile(rf"^{number}{scale}$")
        self.number_unit = re.compile(rf"^{number}{scale}?(?:{units}|{percent})$")
        minors = _alternation(minor_only_units())
        self.number_minor = re.compile(rf"^{number}(?i:{minors})$")  # "43c": read only after a whole amount

    def __call__(self, text: str) -> str | None:
        if text in self.exact:
            return self.exact[text]
        lower = text.lower()
        if lower in self.roles:
            return self.roles[lower]
        if self.number.match(text) or self.number_scale.match(text) or self.number_range.match(text):
            return "NUMBER"
        if self.fraction.match(text):
            return "FRACTION"
        if self.sign_number.match(text):
            return "SIGN_NUMBER"
        if self.number_unit.match(text):
            return "NUMBER_UNIT"
        if self.number_minor.match(text):
            return "NUMBER_MINOR"
        if len(text) > 1 and text.endswith(".") and text[-2] != ".":
            return self(text[:-1])  # the tokenizer leaves a sentence's full stop on "10$.", "1 R$."
        return None


@cache
def count_words() -> frozenset[str]:
    return load_words(COUNT_WORDS)


@cache
def change_words() -> frozenset[str]:
    return load_words(CHANGE_WORDS)


@cache
def hedge_words() -> frozenset[str]:
    return load_words(HEDGES)


@cache
def token_roles() -> TokenRoles:
    return TokenRoles()


@lru_cache(maxsize=16384)
def role_of(text: str) -> str | None:
    return token_roles()(text)


def _roles_of(part: dict) -> set[str]:
    role = part.get("_", {}).get("amount_part")
    return set(role["IN"]) if isinstance(role, dict) else {role} if role else set()


def _expanded(pattern: list[dict]) -> list[dict]:
    """A pattern line as matched: wire copy breaks lines inside amounts ("4.6\\npercent"), so a space token
    may stand between two parts; a number part may run on over space-separated digit groups ("2 390 €")
    or more number words ("thirty two", "one-and-a-half"); a sign may carry a full stop or colon ("Rs. 20",
    "US$:12.99"); a scale word may take a hyphen ("108-billion-dlr"). The run-ons take no line break."""
    expanded: list[dict] = []
    for position, part in enumerate(pattern):
        if position:
            expanded.append({"IS_SPACE": True, "OP": "?"})
        expanded.append(part)
        roles = _roles_of(part)
        if roles & {"NUMBER", "WORD_NUMBER"}:
            expanded.append({"_": {"continues_number": True}, "OP": "*"})
        if "SIGN" in roles and part.get("OP") not in ("?", "*") and position + 1 < len(pattern):
            expanded.append({"ORTH": {"IN": [".", ":"]}, "OP": "?"})
        if roles == {"SCALE"} or roles == {"SIGN_NUMBER"}:  # "108-billion-dlr", "P5.7-trillion"
            expanded.append({"ORTH": "-", "OP": "?"})
    return expanded


def _continues_number(token: Token) -> bool:
    return _is_digit_group(token) or _is_group_space(token) or _continues_word_number(token)


GROUP = re.compile(r"^\d{3}(?:[.,]\d{1,2})?$")
LEADING_GROUP = re.compile(r"^\d{1,3}$")
GROUP_SEPARATORS = frozenset(" \u00a0\u202f\u2009")


def _is_digit_group(token: Token) -> bool:
    """"390" in "2 390 €", "298,00" in "1\\u00a0298,00": three digits that one space (plain, no-break or
    thin) separates from a number of one to three digits before them."""
    text = token.text
    if not text[:1].isdigit() or not GROUP.match(text) or token.i == 0:
        return False
    doc = token.doc
    previous = doc[token.i - 1]
    if _is_group_space(previous):
        return True  # the space token checked the figures either side
    return previous.whitespace_ == " " and bool(LEADING_GROUP.match(previous.text))


GLUED_GROUP = re.compile(r"^\d{3}[^\d.,\s]")


def _roles_by_index(doc: Doc) -> dict[int, str]:
    """The amount role of every token that has one, by index, read from the token texts' ids (no Token
    object per token: most tokens have no role)."""
    strings = doc.vocab.strings
    roles = {}
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        if role := role_of(strings[orth]):  # role_of keeps its answers per text
            roles[i] = role
    return roles


def _glued_group(token: Token) -> bool:
    """"100р." in "3 100р.": three digits glued to a unit, one space after a figure of one to three digits."""
    if token.i == 0 or not GLUED_GROUP.match(token.text) or role_of(token.text) != "NUMBER_UNIT":
        return False
    previous = token.doc[token.i - 1]
    return previous.whitespace_ == " " and bool(LEADING_GROUP.match(previous.text))


def _is_group_space(token: Token) -> bool:
    """The no-break space token of "1\\u00a0298,00", between a leading group and three digits."""
    if len(token.text) != 1 or token.text not in GROUP_SEPARATORS or not token.is_space:
        return False
    doc = token.doc
    return (
        0 < token.i < len(doc) - 1
        and not doc[token.i - 1].whitespace_
        and bool(LEADING_GROUP.match(doc[token.i - 1].text))
        and bool(GROUP.match(doc[token.i + 1].text))
    )


def _continues_word_number(token: Token) -> bool:
    """A word that carries a number in words on: "two" in "thirty two", "hundred", and the "-", "and",
    "a" of "one-and-a-half" or "one hundred and five" when a number word follows. Only after a word
    ("$110,000\n\nFour suits" is a figure and the next sentence), and not across a blank line."""
    words = number_words()
    lower = token.lower_.rstrip("-")
    if token.i == 0 or not (lower in words or lower in MULTIPLIERS or lower in ("", "and", "a", "an")):
        return False
    before = token.doc[token.i - 1]
    if before.is_space:
        if "\n\n" in before.text or token.i < 2:
            return False
        before = token.doc[token.i - 2]
    if not before.is_alpha and before.text not in ("-",) and not before.text.endswith("-"):
        return False
    if lower in words or lower in MULTIPLIERS:
        return True
    if lower not in ("", "and", "a", "an") or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1].lower_.rstrip("-")
    if lower == "and":  # "one hundred and five", "one-and-a-half"; not "between one and three"
        return before.lower_ in MULTIPLIERS or following in ("", "a")
    return following in words or following in ("", "a", "and")


def _without_borrowed_sign(match: Span) -> Span:
    """"41.90 TL" of "TL 41.90 TL" in "69 TL 41.90 TL": a code written before a figure that also has its
    code after it belongs to the figure before."""
    roles = [token._.amount_part for token in match if not token.is_space]
    if len(roles) > 2 and roles[0] == "CODE" and roles[-1] in ("CODE", "UNIT"):
        return Span(match.doc, match.start + 1, match.end, label=match.label)
    return match


def _shape_stands(match: Span) -> bool:
    """Whether a match of a shape that depends on what follows it stands (decided before the longest
    matches are chosen, so that a shorter reading survives a dismissed longer one)."""
    if _split_sign(match[-1]):
        return False  # "1 $U" (pesos uruguayos): the sign is part of a longer one the tokenizer split
    if _glued_group(match[0]):
        return False  # "100р." of "3 100р.": the figure is 3100; _joined_group reads it
    shape = match.label_.split("|")[1]
    if shape == "sign-after":
        return _no_figure_follows(match)
    if shape == "a-unit":
        return _ends_phrase(match)
    if match[0].lower_ in ("a", "an") and match.start and match.doc[match.start - 1].lower_ in ("of", "-"):
        return False  # "three-quarters of a billion dlrs" is no billion
    if shape == "range":  # "$41bn - or 40% of the debt": a dash between spaces opens a clause
        return not any(_spaced_dash(token) for token in match) or _spaced_range(match)
    return True


def _spaced_dash(token: Token) -> bool:
    return token.text in ("-", "\u2013") and token.i > 0 and bool(token.doc[token.i - 1].whitespace_ and token.whitespace_)


def _spaced_range(match: Span) -> bool:
    """"0.4 – 0.5 per cent": a dash between spaces that joins two figures, the low one first and no year."""
    dashes = [token for token in match if _spaced_dash(token)]
    if len(dashes) != 1 or dashes[0].i + 1 >= len(match.doc):
        return False
    low, high = match.doc[dashes[0].i - 1], match.doc[dashes[0].i + 1]
    if role_of(low.text) != "NUMBER" or role_of(high.text) != "NUMBER" or YEAR.match(low.text):
        return False
    parsed = parse_span(match)
    return parsed is not None and parsed.value is not None and parsed.value_max is not None and parsed.value < parsed.value_max


def _split_sign(token: Token) -> bool:
    """A sign the tokenizer cut from the rest of another currency's sign ("$" of "$U", "$b")."""
    doc = token.doc
    if token.whitespace_ or token.i + 1 >= len(doc) or not doc[token.i + 1].is_alpha:
        return False
    longer, alone = currency_word(token.text + doc[token.i + 1].text), currency_word(token.text)
    return longer is not None and (alone is None or longer.code != alone.code)


def _no_figure_follows(match: Span) -> bool:
    """A sign after its figure ("10$", "199 ₹") only where no figure follows that the sign would head:
    in "in 1986 $5 mln" the "$" is the sign of 5."""
    if any(token.is_space for token in match):
        return False  # not across a line break (tables: "09/16\n FFR 6.0575")
    following = next((t for t in match.doc[match.end : match.end + 2] if not t.is_space), None)
    if following is not None and following.text[:1].isdigit():
        return False
    return following is None or following._.amount_part not in ("NUMBER", "WORD_NUMBER", "SIGN_NUMBER", "NUMBER_UNIT")


def _without_leading_groups(match: Span) -> Span:
    """"100 mln dlrs" of "3 100 mln dlrs": digit groups that did not read as one number (a scale word
    follows) leave the last group to stand alone."""
    start = match.start
    while start + 1 < match.end and (_is_digit_group(match.doc[start + 1]) or _is_group_space(match.doc[start + 1])):
        start += 1
    return match.doc[start : match.end]


class AmountFinder(SavedPatterns):
    """Money and percentage spans (span group "amounts") from the patterns of models/patterns/amounts.jsonl.
    Its patterns are saved with the pipeline (`nlp.to_disk`) and can be replaced with
    `initialize(patterns=...)`."""

    def __init__(
        self, nlp: Language, name: str = "wirefacts_amounts", patterns: list[dict] | None = None,
        max_reach: int | None = None,
    ) -> None:
        if not Token.has_extension("continues_number"):
            Token.set_extension("continues_number", getter=_continues_number)
        if not Token.has_extension("amount_part"):
            Token.set_extension("amount_part", getter=lambda token: role_of(token.text) or "")
        if not Span.has_extension(TEMPLATE_EXTENSION):
            Span.set_extension(TEMPLATE_EXTENSION, default=None)
        self.name = name
        self.vocab = nlp.vocab
        self.max_reach = max_reach if max_reach is not None else MAX_REACH
        self._build(patterns if patterns is not None else load_patterns(PATTERNS))

    def _build(self, patterns: list[dict]) -> None:
        self.patterns = [dict(entry) for entry in patterns]
        is_stop = lambda word: self.vocab[word].is_stop  # noqa: E731
        expanded = [(f"{row['label']}|{row.get('id', 'single')}", _expanded(row["pattern"])) for row in self.patterns]
        flags = LexemeFlags(self.vocab, roles={"amount_part": role_of})
        flags.allocate((pattern for _, pattern in expanded), most=FLAGS_WANTED)
        self.matcher = AnchoredMatcher(
            self.vocab, lambda spec: _anchor_of(spec, is_stop), max_reach=self.max_reach, role_of=role_of, flags=flags,
            validate=True,
        )
        for key, pattern in expanded:
            self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        # each match's label is its pattern key, "MONEY|pair": the shape tells how to read it
        matches = [
            _without_borrowed_sign(Span(doc, start, end, label=match_id))
            for match_id, start, end in self.matcher(doc)
        ]
        matches = [match for match in matches if _shape_stands(match)]
        # of two equally long matches filter_spans keeps the first: a range before a pair
        matches.sort(key=lambda match: SHAPE_PRIORITY.index(match.label_.split("|")[1]))
        spans: list[Span] = []
        for match in filter_spans(matches):
            shape = match.label_.split("|")[1]
            spans.extend(self._amounts_in(_trimmed(match), shape))
        roles = _roles_by_index(doc)
        spans.extend(self._groups_joined(doc, roles))
        spans.extend(self._subunits_joined(spans))
        spans.extend(self._bare_figures(doc, spans, roles))
        doc.spans[SPAN_KEY] = sorted(filter_spans(spans), key=lambda span: span.start)
        return doc

    def _groups_joined(self, doc: Doc, roles: dict[int, str]) -> list[Span]:
        """"3 100р.": a figure whose last digit group is glued to its unit, read whole or not at all."""
        joined = []
        for i, role in roles.items():
            token = doc[i]
            if role == "NUMBER_UNIT" and _glued_group(token):
                joined.extend(self._checked([doc[token.i - 1 : token.i + 1]]))
        return joined

    def _subunits_joined(self, spans: list[Span]) -> list[Span]:
        """"$20 and 43c", "20 dollars 43 cents", "3 GBP 1 pence", "$20 43.": a money amount and the
        hundredths after it, as one amount (the longer span wins over the two it covers)."""
        joined = []
        for span in spans:
            if span.label_ == "MONEY" and (longer := _with_subunits(span)) is not None:
                joined.append(longer)
        return joined

    def _bare_figures(self, doc: Doc, found: list[Span], roles: dict[int, str]) -> list[Span]:
        """"after 81.3 mln previously" in a sentence of sterling figures: a figure with a scale word and no
        unit, followed by no noun of its own, is money in the unit of the nearest money amount of its
        sentence."""
        money = [span for span in found if span.label_ == "MONEY"]
        if not money:
            return []
        taken = {i for span in found for i in range(span.start, span.end)}
        counts = count_words()
        extra = []
        for i, role in roles.items():
            if role != "NUMBER" or i in taken or roles.get(i + 1) != "SCALE":
                continue
            token = doc[i]
            following = next((t for t in doc[token.i + 2 : token.i + 4] if not t.is_space), None)
            if following is not None and following.is_alpha and following.lower_ not in BARE_FIGURE_FOLLOWERS:
                continue  # "1.5 mln tonnes", "2 mln shares": a count of something
            if any(t.lower_ in counts for t in doc[max(0, token.i - 6) : token.i]):
                continue  # "Avg shrs 69.1 mln vs 17.5 mln"
            same_sentence = [span for span in money if span.sent == token.sent] if doc.has_annotation("SENT_START") else money
            if not same_sentence:
                continue
            nearest = min(same_sentence, key=lambda span: abs(span.start - token.i))
            figure = doc[token.i : token.i + 2]
            _borrow(figure, nearest)
            extra.extend(self._checked([figure]))
        return extra + self._per_share_figures(doc, money, taken, roles)

    def _per_share_figures(self, doc: Doc, money: list[Span], taken: set[int], roles: dict[int, str]) -> list[Span]:
        """"42.3 mln stg, or 1.12 a share": a decimal figure per share takes the unit (not the scale) of
        the money in its sentence."""
        extra = []
        for i, role in roles.items():
            if role != "NUMBER" or i in taken or i >= len(doc) - 2 or "." not in doc[i].text:
                continue
            token = doc[i]
            after = [t.lower_ for t in doc[token.i + 1 : token.i + 4] if not t.is_space][:2]
            if after not in (["a", "share"], ["per", "share"], ["a", "shr"]):
                continue
            same_sentence = [span for span in money if span.sent == token.sent] if doc.has_annotation("SENT_START") else money
            units = [t.text for t in min(same_sentence, key=lambda s: abs(s.start - token.i)) if role_of(t.text) in UNIT_ROLES] if same_sentence else []
            if not units:
                continue
            figure = doc[token.i : token.i + 1]
            figure._.set(TEMPLATE_EXTENSION, " ".join(["{}", *units]))
            extra.extend(self._checked([figure]))
        return extra

    def _amounts_in(self, match: Span, shape: str) -> list[Span]:
        if shape == "single":
            return self._checked([match]) or self._checked([_without_leading_groups(match)])
        if shape == "range":
            return self._range(match)
        if shape == "pair":
            return self._pair(match)
        if shape in ("a-unit", "sign-after"):
            return self._checked([match])
        return self._earnings_line(match)

    # --- shapes ------------------------------------------------------------------------------

    def _range(self, match: Span) -> list[Span]:
        connector = _connector(match, RANGE_CONNECTORS)
        whole = parse_span(match)
        if connector is None or (whole is not None and whole.value_max is None):
            return self._checked([match])  # "one hundred and five dollars" is one number
        if connector.lower_ in ("-", "\u2013", "or") or (connector.lower_ == "and" and match[0].lower_ == "between"):
            return self._checked([match])
        low, high = _split_at(match, connector)
        if connector.lower_ == "to" and _plausible_range(match, low):
            return self._checked([match])
        # "5.45 and 6.25 pct" are two amounts sharing a unit, but not "in 1986 and 5 mln dlrs";
        # "adding $1.89 to $48.62" is a change
        return self._checked([low, high], lend_from_high=not YEAR.match(low.text))

    def _pair(self, match: Span) -> list[Span]:
        connector = _connector(match, PAIR_CONNECTORS)
        if connector is None:
            return self._checked([match])
        if connector.lower_ == "or":  # "3 billion or 4 billion dlrs": alternatives in one stretch are a range
            whole = parse_span(match)
            if whole is not None and whole.value is not None and whole.value_max is not None and whole.value < whole.value_max:
                return self._checked([match])
        left, right = _split_at(match, connector)
        return self._checked([left, right], lend_from_high=True, lend_from_low=_may_borrow_leftwards(right, connector))

    def _earnings_line(self, match: Span) -> list[Span]:
        connector = _connector(match, PAIR_CONNECTORS)
        if connector is None or not _starts_line(match):
            return []
        sides = _split_at(match, connector)
        figures = [figure for side in sides if (figure := _without_labels(side)) is not None]
        for figure in figures:
            figure._.set(TEMPLATE_EXTENSION, EARNINGS_TEMPLATE)
        return self._checked(figures)

    # --- borrowing and checking --------------------------------------------------------------

    def _checked(self, spans: list[Span], lend_from_high: bool = False, lend_from_low: bool = False) -> list[Span]:
        """Spans whose text (with a borrowed unit if needed) parses as an amount, labelled by kind."""
        if len(spans) == 2:
            low, high = spans
            if lend_from_high:
                _borrow(low, high)
            if lend_from_low:
                _borrow(high, low)
        kept = []
        for span in spans:
            parsed = parse_span(span)
            if parsed is not None:
                span.label_ = parsed.kind.upper()
                kept.append(span)
        return kept


# The farthest an amount reaches from its sign, unit or percent word, in words: the patterns allow more (a
# number may run on over any number of digit groups or number words), amounts in copy never take it.
MAX_REACH = 12
# Roles that occur all over a story, or only ever beside a sign, unit, code or percent word: a pattern's
# windows open on its other parts ("dlrs", "$", "pct", "HK$300", "Shr"), never on a bare figure.
COMMON_ROLES = frozenset({"NUMBER", "WORD_NUMBER", "FRACTION", "SCALE", "QUALIFIER"})


def _anchor_of(spec: dict, is_stop) -> Anchor | None:
    """What anchors an amount pattern: a role no bare figure has, or a word of its own ("per cent")."""
    roles = _roles_of(spec)
    if roles and not roles & COMMON_ROLES:
        return Anchor("amount:" + "+".join(sorted(roles)), roles=frozenset(roles))
    return word_anchor(spec, "amount:words", is_stop)


# Words that may follow a bare figure that is still money: "81.3 mln vs", "from 38 mln to".
BARE_FIGURE_FOLLOWERS = frozenset(
    ["vs", "versus", "from", "to", "and", "or", "in", "a", "an", "the", "last", "this", "previously", "earlier",
     "before", "at", "against", "compared", "on", "for", "after", "year", "ago"]
)


# Words after "a dollar" that leave it an amount ("a dollar a share", "a dollar more"); any other word
# makes it a noun phrase ("a dollar crisis", "a dollar-denominated bond").
A_UNIT_FOLLOWERS = frozenset(
    {"a", "an", "per", "each", "apiece", "more", "less", "higher", "lower", "and", "or", "to", "at", "in", "on", "from"}
)


def _ends_phrase(match: Span) -> bool:
    """"a dollar" is an amount where the phrase ends with it, not in "a dollar for dollar basis", nor in
    "0.015 of a ct" (the amount is the figure before)."""
    if match.start and match.doc[match.start - 1].lower_ == "of":
        return False
    following = next((t for t in match.doc[match.end : match.end + 2] if not t.is_space), None)
    if following is None or following.is_punct and following.text != "-":
        return True
    return following.lower_ in A_UNIT_FOLLOWERS


SUBUNIT_ROLES = frozenset({"UNIT", "MINOR"})


def _with_subunits(span: Span) -> Span | None:
    doc, i = span.doc, span.end
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i < len(doc) and doc[i].lower_ == "and":
        i += 1
    if i >= len(doc):
        return None
    role, bare = role_of(doc[i].text), False
    if role in ("NUMBER_MINOR", "NUMBER_UNIT"):
        end = i + 1
    elif role in ("NUMBER", "WORD_NUMBER"):
        end = i + 1
        while end < len(doc) and _continues_number(doc[end]):
            end += 1
        bare = end >= len(doc) or role_of(doc[end].text) not in SUBUNIT_ROLES
        end += 0 if bare else 1
    else:
        return None
    longer = Span(doc, span.start, end, label="MONEY")
    if bare and not _ends_sentence_part(longer):
        return None
    parsed, whole = parse_span(longer), parse_span(span)
    if parsed is None or parsed.value_max is not None or whole is None or parsed.value == whole.value:
        return None
    return longer


def _ends_sentence_part(match: Span) -> bool:
    """Nothing but punctuation or the end of the text follows: "$20 43." (not "$20 43 times")."""
    following = next((t for t in match.doc[match.end : match.end + 2] if not t.is_space), None)
    return following is None or (following.is_punct and following.text not in ("-", "%", "/"))


def _borrow(target: Span, source: Span) -> None:
    """Let `target` read with what it lacks of `source`: "5" next to "6 mln dlrs" reads "5 mln dlrs",
    "205 mln" after "462 mln stg" reads "205 mln stg", "5" after "$6 mln" reads "$5 mln"."""
    if not any(_is_figure(token) for token in target):
        return  # "cut by half to 66.2 bln dlrs", "in the quarter and 5.6 mln dlrs": no figure to lend to
    has_unit = parse_span(target) is not None
    has_scale = any(_has_scale(token) for token in target)
    scales = [t.text for t in source if role_of(t.text) == "SCALE"] if not has_scale else []
    if has_unit and not scales:
        return
    units = [t.text for t in source if role_of(t.text) in UNIT_ROLES] if not has_unit else []
    signs = [t.text for t in source if role_of(t.text) in ("SIGN", "QUALIFIER")] if not (has_unit or units) else []
    prefix = f"{' '.join(signs)} " if signs else ""
    target._.set(TEMPLATE_EXTENSION, prefix + " ".join(["{}", *scales, *units]))


def _is_figure(token: Token) -> bool:
    """A figure that can stand alone: digits, or a number word of one or more ("five"), not a bare "half"."""
    if any(ch.isdigit() for ch in token.text):
        return True
    value = number_words().get(token.lower_)
    return value is not None and value >= 1


def _has_scale(token: Token) -> bool:
    role = role_of(token.text)
    return role == "SCALE" or (role in ("NUMBER", "SIGN_NUMBER") and token.text[-1].isalpha())  # "3bn"


def _plausible_range(match: Span, low: Span) -> bool:
    """'X to Y' is a range when Y is above X and not far above ("16 to 35 pct", "$30 to $40 million"),
    and, when X is a whole amount, when no word before makes it a change ("fell 131 mln dlrs to 614 mln dlrs")."""
    parsed = parse_span(match)
    if parsed is None or parsed.value is None or parsed.value_max is None:
        return False
    before = _word_before(match)
    if before == "from" and parse_span(low) is not None:
        return False  # "from 2% to 3%": two whole amounts (a bare "from 16 to 35 pct" stays one range)
    if parse_span(low) is not None and before in change_words():
        return False
    return parsed.value < parsed.value_max <= parsed.value * MAX_RANGE_RATIO


def _word_before(match: Span) -> str | None:
    """The word before an amount, past words that hedge it ("from under $58 billion": "from")."""
    i = match.start - 1
    while i >= 0 and match.doc[i].lower_ in hedge_words():
        i -= 1
    return match.doc[i].lower_ if i >= 0 else None


def _may_borrow_leftwards(figure: Span, connector: Token) -> bool:
    """A bare figure after an amount shares its unit ("462 mln stg from 205 mln") unless it counts
    something else ("5 dlrs a share to 1,000 holders"), is a year, or is a bare level after "to"."""
    if YEAR.match(figure.text):
        return False
    precise = any(_has_scale(t) or "." in t.text or "/" in t.text for t in figure)
    if connector.lower_ == "to" and not precise:
        return False
    following = figure.doc[figure.end] if figure.end < len(figure.doc) else None
    return following is None or not following.is_alpha or following.lower_ in CLAUSE_WORDS


def _connector(match: Span, connectors: frozenset[str]) -> Token | None:
    """The first connector that follows a number inside the match."""
    seen_number = False
    for token in match:
        if seen_number and token.lower_ in connectors:
            return token
        seen_number = seen_number or any(ch.isdigit() for ch in token.text) or token._.amount_part == "WORD_NUMBER"
    return None


def _split_at(match: Span, connector: Token) -> tuple[Span, Span]:
    doc = match.doc
    start = match.start + 1 if match[0].lower_ == "between" else match.start
    after = connector.i + 2 if connector.lower_ == "compared" else connector.i + 1  # "compared with"
    return _trimmed(doc[start : connector.i]), _trimmed(doc[after : match.end])


def _trimmed(span: Span) -> Span:
    """Without the line breaks and hyphens an optional pattern part left at either end ("$100-a-month")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].text == "-"):
        end -= 1
    return span.doc[start:end]


def _without_labels(span: Span) -> Span | None:
    start = span.start
    while start < span.end and span.doc[start]._.amount_part == "EARNINGS_LABEL":
        start += 1
    return span.doc[start : span.end] if start < span.end else None


def _starts_line(match: Span) -> bool:
    """An earnings-table line: the label starts a line (or follows the dateline dash)."""
    if match.start == 0:
        return True
    previous = match.doc[match.start - 1]
    return "\n" in previous.text or previous.text == "-"


@Language.factory(
    "wirefacts_amounts",
    assigns=["doc.spans", f"span._.{TEMPLATE_EXTENSION}"],
    requires=["token.is_sent_start"],  # (token.orth: every token has it)
    default_config={"max_reach": MAX_REACH},
)
def make_amounts(nlp: Language, name: str, max_reach: int) -> AmountFinder:
    """`max_reach`: the most words a match reaches from its pattern's anchor (an open-ended "+" or "*" takes up to so many)."""
    return AmountFinder(nlp, name, max_reach=max_reach)
