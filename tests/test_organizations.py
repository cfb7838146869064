"""Organizations from real wire sentences: mentions linked into entities, names and countries."""

from __future__ import annotations

import pytest

from wirefacts.components.organizations import acronym, entity_key

SEED = (
    "Seoul, Jan 13: South Korea's industry ministry on Monday discussed ways to expand cooperation, according "
    "to the Ministry of Trade, Industry and Energy.\n"
    "The two countries established the Korea-Israel Industrial R&D Foundation in 2001, reports Yonhap news agency.\n"
    "Je met Jingo Kikukawa, the director general at Japan's industry ministry.\n"
    "Last year, the Korea-Israel Innovation Day was co-hosted with the Israel Innovation Authority.\n"
    "\u2014IANS"
)


def organizations(record):
    return {org.name: (org.country, [m.text for m in org.mentions]) for org in record.organizations}


def test_seed_organizations(extract_text):
    found = organizations(extract_text(SEED, published="2025-01-13"))
    assert found == {
        "Ministry of Trade, Industry and Energy": ("KR", ["South Korea's industry ministry", "Ministry of Trade, Industry and Energy"]),
        "Korea-Israel Industrial R&D Foundation": (None, ["Korea-Israel Industrial R&D Foundation"]),
        "Yonhap": (None, ["Yonhap"]),
        "Japan's industry ministry": ("JP", ["Japan's industry ministry"]),
        "Israel Innovation Authority": ("IL", ["Israel Innovation Authority"]),
        "IANS": (None, ["IANS"]),
    }


@pytest.mark.parametrize(
    ("text", "name", "country", "mentions"),
    [
        pytest.param(
            "NEW YORK, March 2 - Texaco Inc <TX> said it would sell assets. Texaco said the sale was set.\n Reuter",
            "Texaco Inc", None, ["Texaco Inc", "Texaco"], id="ticker-and-short-form",
        ),
        pytest.param(
            "The deal gives Italian carmaker Fiat Group SpA a stake. Fiat will run the company.",
            "Fiat Group SpA", "IT", ["Fiat Group SpA", "Fiat"], id="demonym-premodifier-country",
        ),
        pytest.param(
            "LUSAKA, May 5 - The International Monetary Fund team arrived on Monday. The IMF said talks went well.",
            "International Monetary Fund", None, ["International Monetary Fund", "IMF"], id="acronym",
        ),
    ],
)
def test_linked_entities(extract_text, text, name, country, mentions):
    found = organizations(extract_text(text, published="1987-03-02"))
    assert found[name] == (country, mentions)


def test_reuter_sign_off_is_an_organization(extract_text):
    record = extract_text("TOKYO, March 3 - The Bank of Japan held rates steady.\n REUTER\n", published="1987-03-03")
    assert record.credit.text == "REUTER"
    assert "REUTER" in organizations(record)


@pytest.mark.parametrize(
    "text",
    ["the Reagan administration said", "the TAX CUTS RAISED by BALDRIGE", "the new iPad sold well"],
)
def test_not_organizations(extract_text, text):
    record = extract_text(f"WASHINGTON, March 3 - Officials said {text} on Monday.", published="1987-03-03")
    assert record.organizations == []


def test_entity_key_ignores_article_possessive_and_legal_suffix():
    assert entity_key("The Texaco Inc.") == entity_key("Texaco") == "texaco"
    assert entity_key("Israel's") == "israel"


def test_acronym():
    assert acronym("European Aeronautic Defence and Space Company") == "EADSC"
    assert acronym("International Monetary Fund") == "IMF"


def test_political_parties_are_organizations(extract_text):
    text = "Charles Kennedy has told voters his Liberal Democrats will offer the fairest tax deal. Labour said no."
    found = organizations(extract_text(text))
    assert {"Liberal Democrats", "Labour"} <= set(found)


def test_a_person_with_an_honorific_is_not_an_organization(extract_text):
    text = "Vince Cable, the party's Treasury spokesman, said the plan was costed. Mr Cable said so on Monday."
    record = extract_text(text, published="2005-02-01")
    assert "Mr Cable" not in organizations(record)
    [cable] = record.officials
    assert (cable.name, cable.title) == ("Vince Cable", "Treasury spokesman")
