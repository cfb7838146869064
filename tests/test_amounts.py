"""The amounts stage: finding money and percentages on the blank pipeline, and normalizing them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirefacts.amounts import amount_from_span, as_number, parse_amount, scale_words
from wirefacts.nlp import build_blank_pipeline

USD, CAD = "USD", "CAD"


@pytest.fixture(scope="module")
def nlp():
    return build_blank_pipeline()


def amounts_in(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    records = [amount_from_span(span) for span in doc.spans["amounts"]]
    return [(a.text, a.kind, a.value, a.value_max, a.currency, a.period) for a in records if a is not None]


SENTENCES = [
    pytest.param(
        "The two countries established the Korea-Israel Industrial R&D Foundation in 2001, contributing a total "
        "of $8 million annually since 2022 to support collaborative projects, reports Yonhap news agency.",
        [("$8 million", "money", 8000000, None, USD, "year")],
        id="seed-annually",
    ),
    pytest.param(
        "Northrop Grumman and Airbus parent company EADS have unexpectedly defeated Boeing for a US$40 billion "
        "(GB #20.1 billion) contract to supply the United States Air Force (USAF) with 179 new aerial refueling "
        "tankers at a rate of 15 a year.",
        [
            ("US$40 billion", "money", 40000000000, None, USD, None),
            ("GB #20.1 billion", "money", 20100000000, None, "GBP", None),
        ],
        id="meantime-pound-as-hash",
    ),
    pytest.param(
        "Money dealers estimated today's money market shortage at 11 to 11.25 billion guilders, barely "
        "changed from yesterday.",
        [("11 to 11.25 billion guilders", "money", 11000000000, 11250000000, "NLG", None)],
        id="reuters-range-guilders",
    ),
    pytest.param(
        "They said call money was still relatively high at 6-1/8 to 6-1/4 pct as a result of the tight set "
        "of bids accepted by the Bank for the previous seven-day facility.",
        [("6-1/8 to 6-1/4 pct", "percent", 6.125, 6.25, None, None)],
        id="reuters-fraction-range",
    ),
    pytest.param(
        "NET UP 15 PCT TO 1.5 MLN DLRS VS 1.2 MLN",
        [
            ("15 PCT", "percent", 15, None, None, None),
            ("1.5 MLN DLRS", "money", 1500000, None, USD, None),
            ("1.2 MLN", "money", 1200000, None, USD, None),
        ],
        id="headline-caps-shared-currency-left",
    ),
    pytest.param(
        "Operating profit was 1.5 mln vs 1.2 mln dlrs a year earlier.",
        [("1.5 mln", "money", 1500000, None, USD, None), ("1.2 mln dlrs", "money", 1200000, None, USD, None)],
        id="shared-currency-right-a-year-earlier-is-no-period",
    ),
    pytest.param(
        "CHICAGO, Feb 26 - Shr one dlr vs 73 cts\n    Net 12.6 mln vs 15.8 mln\n    Avg shrs 51.7 mln vs 43.4 mln\n",
        [
            ("one dlr", "money", 1, None, USD, None),
            ("73 cts", "money", 0.73, None, USD, None),
            ("12.6 mln", "money", 12600000, None, USD, None),
            ("15.8 mln", "money", 15800000, None, USD, None),
        ],
        id="earnings-table-not-share-counts",
    ),
    pytest.param(
        "Dome said it earned 5 mln Canadian dlrs, and its sales rose to 50 mln dlrs.",
        [
            ("5 mln Canadian dlrs", "money", 5000000, None, CAD, None),
            ("50 mln dlrs", "money", 50000000, None, CAD, None),
        ],
        id="story-dollar-is-canadian",
    ),
    pytest.param(
        "The plan costs $5-6 million, or between 5 and 6 pct of sales, and 15-20% of staff will go.",
        [
            ("$5-6 million", "money", 5000000, 6000000, USD, None),
            ("between 5 and 6 pct", "percent", 5, 6, None, None),
            ("15-20%", "percent", 15, 20, None, None),
        ],
        id="ranges",
    ),
    pytest.param(
        "Margins grew from 5 to 6 pct, the fee is about $1.13bn, and borrowings fell 131 mln dlrs to 614 mln dlrs.",
        [
            ("5 to 6 pct", "percent", 5, 6, None, None),
            ("$1.13bn", "money", 1130000000, None, USD, None),
            ("131 mln dlrs", "money", 131000000, None, USD, None),
            ("614 mln dlrs", "money", 614000000, None, USD, None),
        ],
        id="from-bare-x-to-y-is-a-range-from-whole-amounts-a-change",
    ),
    pytest.param(
        "Costs were US$16 million to $28 million, it may pay between 100 mln dlrs to 150 mln dlrs, "
        "or a revaluation of five or 10 pct.",
        [
            ("US$16 million to $28 million", "money", 16000000, 28000000, USD, None),
            ("between 100 mln dlrs to 150 mln dlrs", "money", 100000000, 150000000, USD, None),
            ("five or 10 pct", "percent", 5, 10, None, None),
        ],
        id="ranges-of-whole-amounts-and-with-or",
    ),
    pytest.param(
        "The state will spend Rs 500 crore, plus 2 lakh rupees per village, while Tata raised €3bn and £600m.",
        [
            ("Rs 500 crore", "money", 5000000000, None, "INR", None),
            ("2 lakh rupees", "money", 200000, None, "INR", None),
            ("€3bn", "money", 3000000000, None, "EUR", None),
            ("£600m", "money", 600000000, None, "GBP", None),
        ],
        id="indian-scales-and-signs",
    ),
    pytest.param(
        "It paid HK$300 mln, A$1.5 bln, 300 mln Swiss francs, 200 mln marks, 1.2 billion yen and 10 pence.",
        [
            ("HK$300 mln", "money", 300000000, None, "HKD", None),
            ("A$1.5 bln", "money", 1500000000, None, "AUD", None),
            ("300 mln Swiss francs", "money", 300000000, None, "CHF", None),
            ("200 mln marks", "money", 200000000, None, "DEM", None),
            ("1.2 billion yen", "money", 1200000000, None, "JPY", None),
            ("10 pence", "money", 0.1, None, "GBP", None),
        ],
        id="currencies",
    ),
    pytest.param(
        "The union wants 6.7 per cent annually, and the hotel charges $250 a day but 35 cts a share is paid.",
        [
            ("6.7 per cent", "percent", 6.7, None, None, "year"),
            ("$250", "money", 250, None, USD, "day"),
            ("35 cts", "money", 0.35, None, USD, None),
        ],
        id="periods",
    ),
    pytest.param(
        "Chemicals rose to 462 mln stg from 205 mln in 1985, the bank cut its prime to 7.5 pct from 7.75 "
        "and it sold 5 mln vs 6 mln dlrs.",
        [
            ("462 mln stg", "money", 462000000, None, "GBP", None),
            ("205 mln", "money", 205000000, None, "GBP", None),
            ("7.5 pct", "percent", 7.5, None, None, None),
            ("7.75", "percent", 7.75, None, None, None),
            ("5 mln", "money", 5000000, None, USD, None),
            ("6 mln dlrs", "money", 6000000, None, USD, None),
        ],
        id="figures-sharing-the-unit-before-them",
    ),
    pytest.param(
        "Brent added $1.89 to $48.62, and the dividend will be between 65 cts and 1.15 dlrs.",
        [
            ("$1.89", "money", 1.89, None, USD, None),
            ("$48.62", "money", 48.62, None, USD, None),
            ("between 65 cts and 1.15 dlrs", "money", 0.65, 1.15, USD, None),
        ],
        id="a-change-is-not-a-range-and-each-end-keeps-its-unit",
    ),
    pytest.param(
        "Norway's deficit widened to 957 mln Norwegian crowns from 80 mln crowns. Profit was £600m.",
        [
            ("957 mln Norwegian crowns", "money", 957000000, None, "NOK", None),
            ("80 mln crowns", "money", 80000000, None, "NOK", None),
            ("£600m", "money", 600000000, None, "GBP", None),
        ],
        id="story-names-the-crown-and-full-stop-after-m",
    ),
    pytest.param(
        "The company will offer 1.5 mln shares to 16 projects in 1987, and lost 30 pounds.",
        [],
        id="counts-are-not-amounts",
    ),
    pytest.param(
        "Sales fell 1.7\npercent, a dlrs\n300,000 loss, and hundreds of millions of dollars were lost.",
        [
            ("1.7\npercent", "percent", 1.7, None, None, None),
            ("dlrs\n300,000", "money", 300000, None, USD, None),
        ],
        id="line-breaks-and-vague-is-no-amount",
    ),
    pytest.param(
        "Costs were 4 mln dlrs in the quarter and 5.6 mln dlrs in the year; loans were cut by half to 66.2 "
        "billion dlrs.",
        [
            ("4 mln dlrs", "money", 4000000, None, USD, None),
            ("5.6 mln dlrs", "money", 5600000, None, USD, None),
            ("66.2 billion dlrs", "money", 66200000000, None, USD, None),
        ],
        id="a-fraction-word-without-a-figure-borrows-no-unit",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentence(nlp, text, expected):
    assert amounts_in(nlp, text) == expected


def test_spans_are_sorted_and_disjoint(nlp):
    doc = nlp("Between $5 and $6 mln, 5.5 pct vs 4 pct, 1.5 mln vs 1.2 mln dlrs and 12% in 1987.")
    spans = list(doc.spans["amounts"])
    assert spans == sorted(spans, key=lambda span: span.start)
    assert all(left.end <= right.start for left, right in zip(spans, spans[1:]))


# --- the parser on its own -----------------------------------------------------------------------

SIGNS = {"$": USD, "US$": USD, "£": "GBP", "€": "EUR", "Rs ": "INR", "HK$": "HKD", "C$": CAD}
VAGUE = {"tens", "hundreds", "thousands", "millions", "billions", "trillions"}
SCALES = sorted(word for word in scale_words() if word not in VAGUE)


@settings(max_examples=200, deadline=None)
@given(
    sign=st.sampled_from(sorted(SIGNS)),
    whole=st.integers(min_value=0, max_value=999_999),
    cents=st.integers(min_value=0, max_value=99),
    scale=st.sampled_from(SCALES),
)
def test_sign_number_scale_round_trips(sign, whole, cents, scale):
    number = Decimal(f"{whole}.{cents:02d}")
    parsed = parse_amount(f"{sign}{number} {scale}")
    assert parsed is not None
    assert parsed.kind == "money"
    assert parsed.currency == SIGNS[sign]
    assert parsed.value == as_number(number * scale_words()[scale])


@settings(max_examples=100, deadline=None)
@given(
    number=st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    word=st.sampled_from(["pct", "percent", "PCT", "%", "per cent"]),
)
def test_percent_round_trips(number, word):
    parsed = parse_amount(f"{number} {word}")
    assert parsed is not None and parsed.kind == "percent" and parsed.currency is None
    assert parsed.value == as_number(number)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parser_never_raises(text):
    parse_amount(text)


AMOUNTISH = st.sampled_from(
    ["$", "US$", "5", "1.5", "mln", "dlrs", "pct", "%", " ", "\n", "-", "to", "and", "between", "vs", "Net",
     "cts", "a year", "Canadian", "#", "€", "3bn", "1/2", "from", "billion", "francs", ",", "."]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(AMOUNTISH, st.text(max_size=4)), max_size=25).map(" ".join))
def test_offsets_are_inside_the_text(nlp, text):
    doc = nlp(text)
    for span in doc.spans["amounts"]:
        amount = amount_from_span(span)
        if amount is not None:
            assert 0 <= amount.start <= amount.end <= len(text)
            assert text[amount.start : amount.end] == amount.text


def test_bare_francs_far_from_the_swiss_cue_stay_swiss(nlp):
    lead = "ZURICH, March 19 - Swissair reported 1986 net profit of 64.5 mln Swiss francs. "
    filler = "The airline said traffic grew and costs were held in check during the year. " * 10
    doc = nlp(lead + filler + "Operating profit rose to 340.5 mln francs.")
    last = amount_from_span(doc.spans["amounts"][-1])
    assert (last.text, last.currency) == ("340.5 mln francs", "CHF")


def test_a_far_canadian_dollar_does_not_make_later_dollars_canadian(nlp):
    lead = "The dollar fell four pct against the Canadian dollar. "
    filler = "Dealers said trading was thin and the market waited for the trade figures from Washington. " * 8
    doc = nlp(lead + filler + "The Fed bought 102.2 mln dlrs.")
    last = amount_from_span(doc.spans["amounts"][-1])
    assert (last.text, last.currency) == ("102.2 mln dlrs", "USD")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The bid was 49 U.S. Cts a share.", ("49 U.S. Cts", 0.49, "USD")),
     ("It paid 20 Canadian cents.", ("20 Canadian cents", 0.2, "CAD"))],
)
def test_cents_with_their_country(nlp, text, expected):
    doc = nlp(text)
    [amount] = [amount_from_span(span) for span in doc.spans["amounts"]]
    assert (amount.text, amount.value, amount.currency) == expected


@pytest.fixture(scope="module")
def tagged_nlp():
    from wirefacts.nlp import build_pipeline

    return build_pipeline()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Superdrug made 12.26 mln stg last year after 10.36 mln previously.",
         [("12.26 mln stg", "GBP"), ("10.36 mln", "GBP")]),
        ("Revs 29.1 mln dlrs vs 28.3 mln dlrs\n    Avg shrs 69.1 mln vs 17.5 mln\n", [("29.1 mln dlrs", "USD"), ("28.3 mln dlrs", "USD")]),
        ("Sales were 5 mln dlrs and output rose to 1.5 mln tonnes.", [("5 mln dlrs", "USD")]),
    ],
)
def test_bare_figure_takes_the_unit_of_its_sentence_but_never_a_count(tagged_nlp, text, expected):
    doc = tagged_nlp(text)
    assert [(a.text, a.currency) for a in map(amount_from_span, doc.spans["amounts"])] == expected
