"""The records layer on hand-built Docs, without the statistical model (as spaCy's own tests do): the
components' annotations are written by hand (span groups, span.id_, plain span values) and the story-level
reasoning (name-variant linking, country, each official's organization) is checked on its own."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc, Span

from wirefacts.components.dateline import DatelineValues
from wirefacts.components.officials import NAMES_KEY, OFFICIALS_KEY, drafts_on
from wirefacts.components.org_mentions import DESCRIPTIVE, PROPER
from wirefacts.components.organizations import SPANS_KEY
from wirefacts.records import officials_and_organizations

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")
MARK = re.compile(r"\[([^\]]+)\]|\{([^}]+)\}|<([^>]+)>")


def annotated(marked: str, officials: tuple[dict, ...] = (), dateline: str | None = None) -> Doc:
    """A Doc from text with marks: [a body's name], {a descriptive reference to a body}, <an official's name
    or a later mention of it>. `officials` are the fields the officials component would find, in text order:
    name, title, head (default: the title's last word), body (the index of an organization mark),
    country, of_a_company. A dateline is a place that opens the text ("TOKYO - ...")."""
    text, marks, cursor = "", [], 0
    for match in MARK.finditer(marked):
        text += marked[cursor : match.start()]
        kind = "ORG" if match.group(1) else DESCRIPTIVE if match.group(2) else "PERSON"
        words = next(group for group in match.groups() if group)
        marks.append((len(text), len(text) + len(words), kind))
        text += words
        cursor = match.end()
    text += marked[cursor:]
    doc = NLP(text)
    spans = [doc.char_span(start, end, label=kind) for start, end, kind in marks]
    bodies = [span for span in spans if span.label_ in (PROPER, DESCRIPTIVE)]
    doc.spans["org_mentions"] = doc.spans[SPANS_KEY] = bodies
    names = [span for span in spans if span.label_ == "PERSON"]
    doc.spans[OFFICIALS_KEY] = [_official(doc, names, bodies, fields) for fields in officials]
    doc.spans[NAMES_KEY] = [
        Span(doc, name.start, name.end, span_id=fields["name"])
        for fields in officials for name in names if set(name.text.split()) <= set(fields["name"].split())
    ]
    if dateline:
        doc._.dateline = DatelineValues(place=dateline, date=None, start=0, end=len(dateline), text=dateline)
    return doc


def _official(doc: Doc, names: list[Span], bodies: list[Span], fields: dict) -> Span:
    first = next(name for name in names if name.text == fields["name"])
    span = Span(doc, first.start, first.end, label="OFFICIAL", span_id=fields["name"])
    span._.official_title = fields["title"]
    span._.official_title_head = fields.get("head", fields["title"].split()[-1])
    body = fields.get("body")
    span._.official_body = (bodies[body].start, bodies[body].end) if body is not None else None
    span._.official_country = fields.get("country")
    span._.official_of_a_company = fields.get("of_a_company", False)
    return span


def organizations(doc: Doc) -> dict[str, tuple[str | None, list[str]]]:
    _, found = officials_and_organizations(doc)
    return {org.name: (org.country, [doc.text[m.start : m.end] for m in org.mentions]) for org in found}


def officials(doc: Doc) -> list[tuple]:
    found, _ = officials_and_organizations(doc)
    return [(o.name, o.title, o.organization, o.country, [doc.text[m.start : m.end] for m in o.mentions]) for o in found]


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        pytest.param("[Zantex Inc] said it would sell assets. [Zantex] said the sale was set.",
                     {"Zantex Inc": (None, ["Zantex Inc", "Zantex"])}, id="short-form"),
        pytest.param("The [International Monetary Fund] team arrived. The [IMF] said talks went well.",
                     {"International Monetary Fund": (None, ["International Monetary Fund", "IMF"])}, id="acronym"),
        pytest.param("The [Federal Reserve] met. The [Fed] left rates alone.",
                     {"Federal Reserve": (None, ["Federal Reserve", "Fed"])}, id="alias"),
        pytest.param("[Reuters] reported the sale.\n [Reuter]",
                     {"Reuters": (None, ["Reuters", "Reuter"])}, id="agency-sign-off"),
        pytest.param("[Zantex Stahl AG] and [Zantex AG] merged.",
                     {"Zantex Stahl AG": (None, ["Zantex Stahl AG"]), "Zantex AG": (None, ["Zantex AG"])},
                     id="a-full-name-is-no-short-form"),
        pytest.param("{Ardanian's industry ministry} met the [Ministry of Trade and Industry] on Monday.",
                     {"Ministry of Trade and Industry": (None, ["Ardanian's industry ministry", "Ministry of Trade and Industry"])},
                     id="description-of-a-named-body"),
    ],
)
def test_mentions_of_one_body_are_linked(marked, expected):
    assert organizations(annotated(marked)) == expected


@pytest.mark.parametrize(
    ("marked", "dateline", "name", "country"),
    [
        pytest.param("The deal gives Italian carmaker [Zorbo Group SpA] a stake.", None, "Zorbo Group SpA", "IT",
                     id="demonym-before-a-description"),
        pytest.param("Japan's [Zorbo Corp] said profit rose.", None, "Zorbo Corp", "JP", id="possessive-country"),
        pytest.param("[Zorbo Corp], the American auto company, said profit rose.", None, "Zorbo Corp", "US",
                     id="apposition"),
        pytest.param("Shares of two British brokerage firms, [Alpha Securities] and [Beta Capital], fell.", None,
                     "Beta Capital", "GB", id="group-description-before-a-list"),
        pytest.param("[Israel Innovation Authority] said.", None, "Israel Innovation Authority", "IL",
                     id="the-name-states-it"),
        pytest.param("TOKYO - The [Finance Ministry] said rates would hold.", "TOKYO", "Finance Ministry", "JP",
                     id="a-national-body-takes-the-dateline-country"),
        pytest.param("TOKYO, March 3 - [Zorbo Corp] said profit rose.", "TOKYO", "Zorbo Corp", None,
                     id="a-company-takes-nothing-from-the-dateline"),
    ],
)
def test_an_organization_takes_the_country_the_text_ties_it_to(marked, dateline, name, country):
    assert organizations(annotated(marked, dateline=dateline))[name][0] == country


def test_an_official_takes_the_fullest_name_of_the_body_the_title_names():
    doc = annotated("[Zorbo Mining Corp] rose. [Zorbo] chairman <Gordon Tarker> said. <Tarker> added more.",
                    ({"name": "Gordon Tarker", "title": "chairman", "body": 1},))
    assert officials(doc) == [("Gordon Tarker", "chairman", "Zorbo Mining Corp", None, ["Gordon Tarker", "Tarker"])]


def test_a_company_official_takes_the_country_of_the_organization():
    doc = annotated("[Zorbo Corp], the American auto company, said its chairman <John Tarker> would retire.",
                    ({"name": "John Tarker", "title": "chairman"},))
    assert officials(doc) == [("John Tarker", "chairman", "Zorbo Corp", "US", ["John Tarker"])]


@pytest.mark.parametrize(
    ("marked", "organization"),
    [
        pytest.param("[Castle and Zooke Inc] said profit rose, <David Murtock>, chairman, said.",
                     "Castle and Zooke Inc", id="the-company-named-before-in-the-sentence"),
        pytest.param("[Zorbo Corp] said profit rose.\nThe results were good, chairman <David Murtock> said.",
                     "Zorbo Corp", id="the-story-subject-company"),
        pytest.param("[Reuters] reported the sale.\n<David Murtock>, chairman, said.", None,
                     id="a-news-agency-serves-no-company-post"),
    ],
)
def test_a_company_post_with_no_body_named_serves_the_nearest_company(marked, organization):
    doc = annotated(marked, ({"name": "David Murtock", "title": "chairman"},))
    assert officials(doc)[0][2] == organization


def test_a_national_post_takes_a_country_only_where_the_text_states_it():
    fields = ({"name": "Kiichi Tamazawa", "title": "Finance Minister"},)
    stated = annotated("TOKYO - Japan's economy grew, Finance Minister <Kiichi Tamazawa> said.", fields, "TOKYO")
    unstated = annotated("ISLAMABAD - The economy grew, Finance Minister <Kiichi Tamazawa> said.", fields, "ISLAMABAD")
    assert officials(stated)[0][3] == "JP"
    assert officials(unstated)[0][3] is None


def test_the_title_country_wins_and_a_portfolio_post_serves_its_ministry():
    fields = ({"name": "Hisham Tazer", "title": "Oil Minister", "country": "SA"},)
    doc = annotated("Saudi Oil Minister <Hisham Tazer> met [Zorbo Corp] officials. The [Oil Ministry] said so.", fields)
    assert officials(doc) == [("Hisham Tazer", "Oil Minister", "Oil Ministry", "SA", ["Hisham Tazer"])]


def test_the_officials_annotations_read_back_as_drafts():
    doc = annotated("[Zorbo Corp] chairman <Gordon Tarker> said. <Tarker> added.",
                    ({"name": "Gordon Tarker", "title": "chairman", "body": 0, "of_a_company": True},))
    [draft] = drafts_on(doc)
    assert (draft.name, draft.title, draft.title_head, draft.org_span.text, draft.of_a_company) == (
        "Gordon Tarker", "chairman", "chairman", "Zorbo Corp", True)
    assert [span.text for span in draft.mentions] == ["Gordon Tarker", "Tarker"]
    assert doc._.official_drafts[0].org_span.text == "Zorbo Corp"


def test_the_components_write_annotations_and_no_records():
    from wirefacts.nlp import build_blank_pipeline

    nlp = build_blank_pipeline()
    doc = nlp("Zorbo Corp said on Monday its chairman John Tarker would retire. Tarker is 64.")
    assert not any(Doc.has_extension(name) for name in ("officials", "organizations"))
    assert [span.text for span in doc.spans[OFFICIALS_KEY]] == ["John Tarker"]
    assert doc.spans[OFFICIALS_KEY][0]._.official_title == "chairman"
    assert [(span.text, span.id_) for span in doc.spans[NAMES_KEY]] == [("John Tarker", "John Tarker"), ("Tarker", "John Tarker")]
    assert [span.text for span in doc.spans[SPANS_KEY]] == ["Zorbo Corp"]
    assert officials(doc) == [("John Tarker", "chairman", "Zorbo Corp", None, ["John Tarker", "Tarker"])]
