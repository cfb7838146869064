"""The anchored matchers give the matches of the whole Doc: windows are a saving of time, never of facts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.matcher import Matcher

from wirefacts.components.windows import AnchoredMatcher, DocTexts, regex_anchor, windows, word_anchor

from tests.conftest import SAMPLES


def _whole_doc_matches(anchored: AnchoredMatcher, doc) -> list[tuple[int, int, int]]:
    return sorted(match for group in anchored.groups.values() for match in group.matcher(doc))


@pytest.mark.parametrize("component", ["wirefacts_amounts", "wirefacts_dates"])
def test_matches_on_windows_are_the_matches_of_the_whole_doc(full_nlp, component):
    stories = [json.loads(line)["text"] for line in (SAMPLES / "stories.jsonl").open(encoding="utf-8")]
    stories += [
        "Net profit was 1.5 mln dlrs in the quarter and\n\n2.3 billion U.S. dlrs a year ago, or 15 cts a share.",
        "On Tuesday, March 3, 1987, the rate rose to between 7-1/2 and 8 pct; on 10/31/74 it was 4.5 per cent.",
        "Thirty two billion dollars, 1,25,000 crore rupees, Ksh40 billion and N12.5bn came on 26.10.2017.",
    ]
    matcher = full_nlp.get_pipe(component).matcher
    before = full_nlp.pipe_names.index(component)
    for doc in full_nlp.pipe(stories, disable=full_nlp.pipe_names[before:]):
        assert sorted(matcher(doc)) == _whole_doc_matches(matcher, doc)


def _matcher(nlp, patterns, max_reach=1_000):
    def anchor_of(spec):
        return word_anchor(spec, "word", lambda word: nlp.vocab[word].is_stop) or regex_anchor(spec, "figure", 1.5)

    matcher = AnchoredMatcher(nlp.vocab, anchor_of, max_reach=max_reach)
    for key, pattern in patterns.items():
        matcher.add(key, [pattern])
    return matcher


PATTERNS = {
    "month_day": [{"LOWER": {"IN": ["march", "may"]}}, {"TEXT": {"REGEX": r"^\d{1,2}$"}}],
    "the_year": [{"LOWER": "the"}, {"LOWER": "year"}],
    "slash": [{"LOWER": "on", "OP": "?"}, {"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}$"}}],
    "loose": [{"IS_ALPHA": True}, {"IS_DIGIT": True}],
}


def test_patterns_are_grouped_by_their_cheapest_anchor():
    nlp = English()
    matcher = _matcher(nlp, PATTERNS)
    assert set(matcher.groups) == {"word", "figure", "everywhere"}
    word = matcher.groups["word"]
    assert word.words == {"march", "may", "year"}  # "the" is a stop word: "year" anchors "the year"
    assert word.reach == (1, 1)
    assert matcher.groups["figure"].reach == (1, 0)  # "on" before the figure is optional but counts


WORDS = ["the", "year", "March", "5", "on", "3/4", "may", "be", "x", "7", "\n\n", "12", "May"]


@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=40))
def test_anchored_matches_equal_whole_doc_matches_for_any_token_sequence(words):
    nlp = English()
    matcher = _matcher(nlp, PATTERNS)
    doc = nlp.make_doc(" ".join(words))
    assert sorted(matcher(doc)) == _whole_doc_matches(matcher, doc)


def test_windows_skip_white_space_and_merge():
    nlp = English()
    doc = nlp.make_doc("a b March \n\n 5 c d e f g March h")
    spans = windows(DocTexts(doc), lambda text: text == "March", (1, 1))
    assert [span.text for span in spans] == ["b March \n\n 5", "g March h"]


def test_a_plain_matcher_still_works_on_a_span():
    # the windows rely on it: a Matcher called on a Span gives offsets into the Span
    nlp = English()
    doc = nlp.make_doc("x y March 5")
    matcher = Matcher(nlp.vocab)
    matcher.add("m", [[{"LOWER": "march"}, {"IS_DIGIT": True}]])
    assert [(start, end) for _, start, end in matcher(doc[2:4])] == [(0, 2)]


def test_every_date_pattern_has_an_anchor():
    # a pattern without a date word or a date-shaped figure among its required tokens would run on every token
    from wirefacts.components.windows import EVERYWHERE
    from wirefacts.nlp import build_blank_pipeline

    matcher = build_blank_pipeline().get_pipe("wirefacts_dates").matcher
    assert EVERYWHERE not in matcher.groups
    assert set(matcher.groups) <= {"word", "figure"}
