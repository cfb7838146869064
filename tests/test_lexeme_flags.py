"""Text tests read as lexeme flags give the Matcher's own matches: flags are a saving of time, never of facts."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.errors import MatchPatternError
from spacy.lang.en import English
from spacy.matcher import Matcher

from wirefacts.components.lexeme_flags import SPARE_FLAGS, LexemeFlags, TextTest, validated

ROLES = {"kind": lambda text: "figure" if text.replace(".", "").isdigit() else "scale" if text in ("mln", "bln") else None}

PATTERNS = {
    "money": [
        {"LOWER": {"IN": ["us$", "$"]}},
        {"_": {"kind": "figure"}},
        {"_": {"kind": {"IN": ["scale"]}}, "OP": "?"},
    ],
    "year": [{"TEXT": {"REGEX": r"^(19|20)\d\d$"}}],
    "not_the": [{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_ALPHA": True}, {"LOWER": "pct"}],
}

WORDS = ["the", "US$", "$", "5", "1.5", "mln", "bln", "1987", "2024", "a", "rose", "pct", "Pct", "\n"]


def _matchers(nlp, most=None):
    from spacy.tokens import Token

    if not Token.has_extension("kind"):
        Token.set_extension("kind", getter=lambda token: ROLES["kind"](token.text) or "")
    plain = Matcher(nlp.vocab)
    flagged = Matcher(nlp.vocab, validate=False)
    flags = LexemeFlags(nlp.vocab, roles=ROLES)
    flags.allocate(PATTERNS.values(), most=most)
    for key, pattern in PATTERNS.items():
        plain.add(key, [pattern])
        flagged.add(key, [flags.compile(validated(key, pattern))])
    return plain, flagged, flags


def test_text_tests_become_flags_and_other_tests_stay():
    nlp = English()
    _, _, flags = _matchers(nlp)
    compiled = flags.compile(PATTERNS["not_the"])
    assert compiled[0]["IS_ALPHA"] is True and not any(key == "LOWER" for key in compiled[0])
    assert all(key.startswith("FLAG") for key in flags.compile(PATTERNS["money"])[1] if key != "OP")


@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([None, 0, 1, 2]))
def test_flagged_matches_equal_plain_matches(words, most):
    nlp = English()
    plain, flagged, _ = _matchers(nlp, most)
    doc = nlp.make_doc(" ".join(words))  # words met after the flags were made get them too
    assert sorted(flagged(doc)) == sorted(plain(doc))


def test_a_vocabulary_without_spare_bits_keeps_predicates():
    nlp = English()
    for flag in SPARE_FLAGS:
        nlp.vocab.add_flag(lambda text: False, flag)
    plain, flagged, flags = _matchers(nlp)
    assert flags.compile(PATTERNS["year"]) == PATTERNS["year"]
    doc = nlp.make_doc("in 1987 the $ 5 mln rose 2 pct")
    assert sorted(flagged(doc)) == sorted(plain(doc))


def _flagged_keys(flags: LexemeFlags) -> set[str]:
    return {getter.key for getter in flags.vocab.lex_attr_getters.values() if isinstance(getter, TextTest)}


def test_the_few_flags_go_to_the_tests_that_run_on_every_token():
    # "pct" is used three times but only after a word; the month test begins its pattern, so the Matcher
    # runs it at every token; the custom attribute compared to a value is read at every token
    patterns = [
        [{"IS_DIGIT": True}, {"LOWER": {"IN": ["pct", "percent"]}}],
        [{"LIKE_NUM": True}, {"LOWER": {"IN": ["pct", "percent"]}}],
        [{"IS_ALPHA": True}, {"LOWER": {"IN": ["pct", "percent"]}}],
        [{"LOWER": {"IN": ["jan", "feb"]}, "OP": "?"}, {"LOWER": {"IN": ["may", "june"]}}, {"IS_DIGIT": True}],
        [{"IS_DIGIT": True}, {"_": {"kind": "scale"}}],
    ]
    ranked = []
    for most in (1, 3):
        flags = LexemeFlags(English().vocab, roles=ROLES)
        flags.allocate(patterns, most=most)
        ranked.append(_flagged_keys(flags))
    assert ranked[0] == {'_kind"scale"'}
    assert ranked[1] == {'_kind"scale"', 'LOWER{"IN": ["jan", "feb"]}', 'LOWER{"IN": ["may", "june"]}'}


def test_one_test_gets_one_flag_across_components():
    nlp = English()
    first, second = LexemeFlags(nlp.vocab), LexemeFlags(nlp.vocab)
    first.allocate([PATTERNS["year"]])
    second.allocate([PATTERNS["year"]])
    assert sum(isinstance(getter, TextTest) for getter in nlp.vocab.lex_attr_getters.values()) == 1


def test_flags_travel_with_a_pickled_vocabulary():
    nlp = English()
    LexemeFlags(nlp.vocab).allocate([PATTERNS["year"]])
    vocab = pickle.loads(pickle.dumps(nlp.vocab))
    assert any(isinstance(getter, TextTest) for getter in vocab.lex_attr_getters.values())


def test_a_broken_pattern_is_refused_before_it_reads_flags():
    with pytest.raises(MatchPatternError, match="broken"):
        validated("broken", [{"LOWER": {"IN": "not a list"}}])


def test_the_pipeline_reads_flags_and_finds_what_its_plain_patterns_find(full_nlp, sample_stories):
    assert any(isinstance(getter, TextTest) for getter in full_nlp.vocab.lex_attr_getters.values())
    mentions = full_nlp.get_pipe("wirefacts_org_mentions")
    plain = Matcher(full_nlp.vocab)
    for entry in mentions.patterns:
        plain.add(entry["label"], [entry["pattern"]], greedy="LONGEST")
    before = full_nlp.pipe_names.index("wirefacts_org_mentions")
    texts = [story["text"] for story in sample_stories]
    for doc in full_nlp.pipe(texts, disable=full_nlp.pipe_names[before:]):
        assert sorted(mentions.matcher(doc)) == sorted(plain(doc))

