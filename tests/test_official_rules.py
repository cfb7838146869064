"""The officials component's rules on hand-built Docs (spacy.blank("en"), our components, entities set by
hand): what it writes on the Doc, without the statistical model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from wirefacts.components.officials import NAMES_KEY, OFFICIALS_KEY, TITLES_KEY
from wirefacts.nlp import build_blank_pipeline


@pytest.fixture(scope="module")
def annotate():
    nlp = build_blank_pipeline()

    def run(words: str, ents: list[str] | None = None) -> Doc:
        doc = Doc(nlp.vocab, words=words.split(), ents=ents)
        for _, component in nlp.pipeline:
            doc = component(doc)
        return doc

    return run


def officials(doc: Doc) -> list[tuple]:
    return [
        (span.text, span._.official_title, doc[slice(*span._.official_body)].text if span._.official_body else None,
         span._.official_country)
        for span in doc.spans[OFFICIALS_KEY]
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("Home Affairs Minister John Tarker said on Monday .",
                     [("John Tarker", "Home Affairs Minister", None, None)], id="portfolio-words-stay-in-the-title"),
        pytest.param("Alon Stopel , the chief scientist at Zorbo Corp , said .",
                     [("Alon Stopel", "chief scientist", "Zorbo Corp", None)], id="appositive-with-its-body"),
        pytest.param("Kuwait 's Oil Minister , Sheikh Ali Khalifa , said .",
                     [("Ali Khalifa", "Oil Minister", None, "KW")], id="possessive-country-and-honorific"),
        pytest.param("Saudi Oil Minister Hisham Tazer met Zorbo Corp president Anna Belk .",
                     [("Hisham Tazer", "Oil Minister", None, "SA"), ("Anna Belk", "president", "Zorbo Corp", None)],
                     id="demonym-and-body-before-the-title"),
    ],
)
def test_titles_names_bodies_and_countries(annotate, words, expected):
    assert officials(annotate(words)) == expected


def test_one_word_is_a_name_only_with_the_ner_word_for_it(annotate):
    words = "a spokesman , Tarker , said ."
    assert officials(annotate(words)) == []
    assert officials(annotate(words, ["O", "O", "O", "B-PERSON", "O", "O", "O"])) == [("Tarker", "spokesman", None, None)]


def test_every_mention_carries_its_official_and_every_title_is_kept(annotate):
    doc = annotate("Treasury Secretary James Baker spoke . Baker said the dollar was stable .")
    assert [(span.text, span.id_) for span in doc.spans[NAMES_KEY]] == [("James Baker", "James Baker"), ("Baker", "James Baker")]
    assert [span.text for span in doc.spans[TITLES_KEY]] == ["Treasury Secretary"]
