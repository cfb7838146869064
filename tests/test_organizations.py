"""Organizations from real wire sentences: mentions linked into entities, names and countries."""

from __future__ import annotations

import pytest

from wirefacts.org_names import acronym, entity_key
from wirefacts.records import officials_and_organizations

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
def test_governments_headline_words_and_products_are_not_organizations(extract_text, text):
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


# --- story-level evidence: linking, not-organizations, country (sentences written for these tests) ---------


def _entities(extract_text, text, published="1987-04-01"):
    return organizations(extract_text(text, published=published))


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        pytest.param(
            "DENVER, April 1 - Newmont Mining Corp. raised its offer. Analysts said Newmont could pay more.\n Reuter",
            "Newmont Mining Corp.", ["Newmont Mining Corp.", "Newmont"], id="short-form-the-ner-typed-otherwise",
        ),
        pytest.param(
            "LONDON, April 1 - The Bank of England (BoE) left rates alone. The BoE said inflation would ease.",
            "Bank of England", ["Bank of England", "BoE", "BoE"], id="mixed-case-abbreviation",
        ),
        pytest.param(
            "The Federal Reserve raised rates. The Fed said growth was firm.",
            "Federal Reserve", ["Federal Reserve", "Fed"], id="alias-when-the-full-name-is-there",
        ),
        pytest.param(
            "Ships waited at Montreal, the St Lawrence Seaway Authority said. The Seaway Authority expects a strike.",
            "St Lawrence Seaway Authority", ["St Lawrence Seaway Authority", "Seaway Authority"], id="suffix-short-form",
        ),
        pytest.param(
            "The French statistics agency, INSEE, expects growth of 2 percent.",
            "INSEE", ["French statistics agency", "INSEE"], id="appositive-description",
        ),
    ],
)
def test_name_variants_are_one_entity(extract_text, text, name, mentions):
    assert _entities(extract_text, text)[name][1] == mentions


def test_reuter_sign_off_joins_reuters_in_the_body(extract_text):
    found = _entities(extract_text, "CHICAGO, April 1 - A floor trader told Reuters the vote would fail.\n Reuter\n")
    assert found == {"Reuters": (None, ["Reuters", "Reuter"])}


@pytest.mark.parametrize(
    ("text", "not_a_body"),
    [
        pytest.param("The Cabinet met on Tuesday to discuss the budget.", "Cabinet", id="cabinet"),
        pytest.param("The Dow Jones industrial average fell 12 points on Friday.", "Dow Jones", id="index"),
        pytest.param("The Fed raised rates. The Central Bank has been acting to restrain prices.", "Central Bank",
                     id="bare-anaphora"),
        pytest.param("Mr Smith resigned as Home Secretary on Wednesday.", "Home", id="portfolio-word"),
        pytest.param("The plan dates from the Carter Administration, officials said.", "Carter Administration",
                     id="leader-administration"),
        pytest.param("The Canadian Government will lend the money.", "Canadian Government", id="national-government"),
        pytest.param("ACME CORP 1ST QTR NET\nNET profit 1.2 mln vs 900,000", "NET", id="earnings-table-word"),
        pytest.param("The briefing was held at Oregun, Ikorodu, as part of the anniversary.", "Oregun, Ikorodu",
                     id="locality-comma-town"),
        pytest.param("Both men pleaded not guilty in the Turkwel and Nyando dams' scandal.", "Turkwel and Nyando",
                     id="name-of-dams"),
        pytest.param("The ministry sent revised cement and steel price figures (CSPF) on Tuesday. The CSPF cut was "
                     "applied to every project.", "CSPF", id="short-form-of-a-common-phrase"),
        pytest.param("The government issued a bond under its Vision 2040 agenda.", "Vision 2040", id="plan-named-by-a-year"),
        pytest.param("The Medium-Term Revenue Framework guides taxes to 2028.", "Medium-Term Revenue Framework",
                     id="policy-framework"),
        pytest.param("Debt stays within the Medium-Term Revenue Framework (MTRF). Repayments fall due over the MTRF.",
                     "MTRF", id="abbreviation-of-a-hyphenated-framework"),
        pytest.param("Grants help regions meet the Sustainable Development Goals (SDGs). The SDGs cost more each year.",
                     "SDGs", id="plural-abbreviation-of-goals"),
        pytest.param("Governor Ram Thapa unveiled the Monetary Policy for the fiscal year on Friday.", "Monetary Policy",
                     id="policy-document"),
        pytest.param("Taxes will bring in roughly one trillion Birr, the minister said.", "Birr",
                     id="currency-word-after-a-figure"),
        pytest.param("The spread between Telegraphic Transfer and Bureaux Cash exchange rates widened.",
                     "Telegraphic Transfer", id="payment-term"),
        pytest.param("The Sultanate has 117 companies listed on its bourse.", "Sultanate", id="country-by-its-form"),
        pytest.param("The minister said that Centre's assistance to the state has been cut.", "Centre",
                     id="union-government-as-a-noun"),
    ],
)
def test_not_organizations(extract_text, text, not_a_body):
    assert not_a_body not in _entities(extract_text, text, published="2004-12-01")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Lawmakers met in a bicameral conference committee (BCC) on Monday.", "BCC",
                     id="short-form-of-a-committee"),
        pytest.param("Yeutter, on the NBC program Today, said talks would go on.", "NBC", id="name-before-program"),
        pytest.param("The Office of Management and Budget revised its forecast on Monday.", "Office of Management and Budget",
                     id="a-body-whose-remit-ends-in-a-document-word"),
        pytest.param("Analysts at the Institute for Public Policy expect slower growth.", "Institute for Public Policy",
                     id="a-body-for-a-policy"),
        pytest.param("The Federal Reserve Bank of New York bought bills on Monday.", "Federal Reserve Bank of New York",
                     id="bank-of-a-place-inside-a-longer-name"),
    ],
)
def test_bodies_beside_common_phrases_stay(extract_text, text, name):
    assert name in _entities(extract_text, text, published="2004-12-01")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        pytest.param("CHICAGO, March 27 - The Chicago Mercantile Exchange proposed limits on trading rings.",
                     "Chicago Mercantile Exchange", "US", id="name-holds-a-city"),
        pytest.param("The deal was arranged by two British brokerage firms, Alpha Securities Ltd and Beta and Co Ltd.",
                     "Alpha Securities Ltd", "GB", id="group-description-before-a-list"),
        pytest.param("SEOUL, April 27 - Prosecutors charged the head of Pan Ocean Shipping Co, the country's largest "
                     "shipping firm.", "Pan Ocean Shipping Co", "KR", id="the-country's"),
        pytest.param("TOKYO, March 3 - The Finance Ministry said it would act.", "Finance Ministry", "JP",
                     id="national-body-under-a-dateline"),
        pytest.param("TOKYO, March 3 - Mitsui and Co Ltd said profits rose.", "Mitsui and Co Ltd", None,
                     id="no-country-from-the-dateline-for-a-company"),
        pytest.param("BRUSSELS, March 3 - The EC Commission proposed a tax on oils.", "EC Commission", None,
                     id="international-body"),
        pytest.param("Queensland Treasurer Ann Roe handed down the Budget in Parliament on Tuesday.", "Parliament",
                     None, id="a-province-names-no-national-body"),
        pytest.param("Strong sales helped Vauban Motors Co boost its profits. France's second largest carmaker sold more "
                     "cars than ever.", "Vauban Motors Co", "FR", id="description-of-the-subject-company"),
        pytest.param("The firm signed a deal with Norway's recycling company Quantafuel and global chemical company "
                     "BASF to build a plant.", "Quantafuel", "NO", id="company-after-trade-the-ner-calls-a-person"),
    ],
)
def test_country_evidence(extract_text, text, name, country):
    assert _entities(extract_text, text)[name][0] == country


# --- the mention finder as a spaCy component, on a blank tokenizer (no statistical model) --------------------


@pytest.fixture(scope="module")
def blank_finder():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("wirefacts_dateline")
    nlp.add_pipe("wirefacts_org_mentions")
    return nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Acme said it made a bid for <Widget Makers Plc> on Monday.", "Widget Makers Plc", id="angle-brackets"),
        pytest.param("said Ann Roe, an economist at Natexis Banques Populaires.", "Natexis Banques Populaires",
                     id="firm-after-role"),
        pytest.param("The plan came from the Department for Education and Skills.",
                     "Department for Education and Skills", id="department-for"),
        pytest.param("Texaco Inc <TX> said it sold assets.", "Texaco Inc", id="ticker-dropped"),
        pytest.param("Shares of Polish brewer Zywiec fell on Friday.", "Zywiec", id="company-after-trade"),
        pytest.param("TEXAS AIR <TXN> Continental Airlines said fares rose.", "Continental Airlines", id="after-a-ticker"),
    ],
)
def test_rule_mentions_on_a_blank_pipeline(blank_finder, text, expected):
    doc = blank_finder(text)
    assert expected in [span.text for span in doc.spans["org_mentions"]]
    assert "TX" not in [span.text for span in doc.spans["org_mentions"]]


def test_mention_finder_saves_and_loads_its_patterns(blank_finder, tmp_path):
    finder = blank_finder.get_pipe("wirefacts_org_mentions")
    finder.to_disk(tmp_path / "orgs")
    other = blank_finder.get_pipe("wirefacts_org_mentions").from_disk(tmp_path / "orgs")
    assert other.patterns == finder.patterns
    finder.initialize(patterns=[{"label": "ORG", "id": "only", "pattern": [{"ORTH": "Zorblax"}]}])
    doc = blank_finder("Zorblax rose.")
    assert [span.text for span in doc.spans["org_mentions"]] == ["Zorblax"]
    finder.from_disk(tmp_path / "orgs")


def test_a_named_administration_is_a_body(extract_text):
    found = _entities(extract_text, "SEOUL, April 27 - The Office of National Tax Administration sent experts.")
    assert found["Office of National Tax Administration"][0] == "KR"


def test_a_legislature_is_a_body_of_its_own(extract_text):
    found = _entities(extract_text, "WASHINGTON, April 8 - The House Budget Committee approved a plan to cut the "
                                    "deficit. Leaders said the House would vote next week.")
    assert found["House Budget Committee"][0] == "US"
    assert found["House"] == ("US", ["House"])


@pytest.mark.parametrize(
    "text",
    [
        "The state Commissioner for Health, Tunde Bakare, said clinics would reopen.",
        "The Principal Secretary for Defence, Jane Wambui, will serve in an Acting Capacity until May.",
        "The Federal Executive Council approved the spending plan on Wednesday.",
        "Revenue rose by a tenth. Commissioner for Finance, Ade Bello, said this on Monday.",
        "The Cabinet Secretary for Labour and Social Protection, Mary Wanjiru, spoke.",
        "Until the vote, the Minister of Finance says he will wait.",
        "The governor, the National Security Adviser and other officials attended.",
    ],
    ids=["portfolio-after-for", "portfolio-and-acting-capacity", "executive-council", "portfolio-like-a-suffix",
         "portfolio-like-a-party", "title-of-portfolio", "bare-capitalized-title"],
)
def test_titles_portfolios_and_cabinets_are_not_organizations(extract_text, text):
    assert organizations(extract_text(text)) == {}


def test_a_body_after_a_title_stays_an_organization(extract_text):
    assert "Genelab" in organizations(extract_text("Kim Aro, chairman of Genelab, said sales rose by a third."))


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The Ogun State Government has approved the new levy.", "Ogun State Government", "NG"),
        ("The Queensland government said the ferry contract was under review.", "Queensland government", "AU"),
    ],
)
def test_a_province_government_is_an_organization(extract_text, text, name, country):
    assert organizations(extract_text(text))[name][0] == country


def test_a_rail_line_is_not_an_organization(extract_text):
    found = organizations(extract_text("Work on the Kisumu-Busia Rail Line will start in May, the Kenya Railways "
                                       "Corporation said."))
    assert list(found) == ["Kenya Railways Corporation"]


def test_a_government_head_refers_to_the_story_body_it_ends(extract_text):
    found = organizations(extract_text("The National Treasury said the utility needed help. The Treasury added "
                                       "that talks continued."))
    assert found == {"National Treasury": (None, ["National Treasury", "Treasury"])}


def test_the_dateline_place_is_not_part_of_a_body(extract_text):
    record = extract_text("Power cuts continue.\n\nJOHANNESBURG - Finance Minister Enoch Lungile said on Thursday "
                          "that the utility needed help.")
    assert organizations(record) == {}


def test_a_name_cut_from_a_plan_is_not_a_body(extract_text):
    record = extract_text("The money will support the Queensland Energy and Jobs Plan, the Queensland Treasury said.")
    assert list(organizations(record)) == ["Queensland Treasury"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The vote passed, said Senate finance committee chairperson Ana Cruz.", "Senate finance committee"),
        ("The House appropriations committee agreed on Monday.", "House appropriations committee"),
        ("He spoke to Parliament's joint finance committee on Tuesday.", "Parliament's joint finance committee"),
    ],
)
def test_a_legislature_committee_named_in_lowercase_is_one_body(extract_text, text, name):
    assert name in organizations(extract_text(text))


def test_a_legislature_before_other_lowercase_words_stays_alone(extract_text):
    assert "Senate" in organizations(extract_text("On Monday the Senate voted to pass the bill."))


def test_a_name_cut_from_a_scheme_is_not_a_body(extract_text):
    record = extract_text("Under the Pradhan Mantri Awas Yojana, the Prime Minister said homes would be built.")
    assert organizations(record) == {}


def test_the_short_form_of_a_non_body_is_not_a_body(extract_text):
    record = extract_text("The Federal Executive Council (FEC) met, and the Central Bank of Nigeria (CBN) attended.")
    assert list(organizations(record)) == ["Central Bank of Nigeria"]



def _doc_with_ents(words: list[str], ents: list[tuple[int, int, str]]):
    import spacy
    from spacy.tokens import Doc, Span

    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


@pytest.mark.parametrize(
    ("words", "ents", "full_names", "expected"),
    [
        pytest.param(["cash", "to", "Zesko", ".", "Zesko", "would", "need", "help", ".", "Zesko", "was", "late"],
                     [(2, 3, "PERSON"), (4, 5, "ORG"), (9, 10, "PERSON")], set(), False,
                     id="once-a-body-is-not-enough"),
        pytest.param(["Henry", "Ford", "said", ".", "Ford", "sold", "cars", ".", "Ford", "smiled", ".", "Ford", "rose"],
                     [(0, 2, "PERSON"), (4, 5, "ORG"), (8, 9, "PERSON"), (11, 12, "ORG")], {"Henry", "Ford"}, False,
                     id="a-full-name-keeps-the-person"),
        pytest.param(["the", "mine", "at", "Kimba", ".", "Kimba", "closed", ".", "Kimba", "fell"],
                     [(3, 4, "ORG"), (5, 6, "ORG"), (8, 9, "PERSON")], set(), False, id="written-as-a-place"),
        pytest.param(["back", "to", "the", "Mack", ".", "Mack", "sales", ".", "Mack", "fell"],
                     [(3, 4, "ORG"), (5, 6, "ORG"), (8, 9, "PERSON")], set(), False, id="the-thing"),
        pytest.param(["Zesko", "said", ".", "Zesko", "rose", ".", "Zesko", "fell"],
                     [(0, 1, "ORG"), (3, 4, "ORG"), (6, 7, "PERSON")], set(), True, id="mostly-a-body"),
    ],
)
def test_a_one_word_name_is_a_body_by_the_story_weight_of_evidence(words, ents, full_names, expected):
    from wirefacts.components.organizations import _mostly_a_body

    doc = _doc_with_ents(words, ents)
    person = next(ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) == 1)
    assert _mostly_a_body(person, doc.ents, full_names) is expected


def test_a_place_the_ner_calls_a_body_once_stays_out(extract_text):
    text = ("Two locals are on strike at its Trail smelter and Kimberley, B.C. lead-zinc mine, a Cominco spokesman "
            "said. Production at Trail and Kimberley has been shut down. The Sullivan mine at Kimberley produced more.")
    assert "Kimberley" not in _entities(extract_text, text, published="1987-06-01")


@pytest.mark.parametrize(
    ("text", "parent", "body"),
    [
        pytest.param("CAPE TOWN - The minister gave a briefing to Parliament's joint finance committee on Thursday.",
                     "Parliament", "Parliament's joint finance committee", id="legislature-committee"),
    ],
)
def test_a_parent_named_inside_a_sub_body_is_a_mention(extract_text, text, parent, body):
    entities = _entities(extract_text, text, published="2019-02-21")
    assert parent in entities and body in entities


def test_a_possessive_inside_a_proper_name_is_no_parent(extract_text):
    entities = _entities(extract_text, "People's Bank of Ardania raised its rates on Monday.", published="2005-01-15")
    assert "People" not in entities



def test_a_party_stays_a_body_where_the_ner_also_calls_it_a_person():
    """Hand-set NER labels on the blank pipeline: "Labour" once a person, once a body."""
    from spacy.tokens import Span

    from wirefacts.nlp import build_blank_pipeline
    from wirefacts.records import officials_and_organizations

    nlp = build_blank_pipeline()
    doc = nlp.make_doc("Labour won the seat . Mr Bell said Labour would keep its promises .")
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 7, 8, label="ORG")]
    for _, component in nlp.pipeline:
        doc = component(doc)
    _, organizations = officials_and_organizations(doc)
    assert "Labour" in {organization.name for organization in organizations}


@pytest.mark.parametrize(
    ("word", "sector"),
    [("Health", True), ("Education", True), ("Security", True), ("Customs", False), ("Treasury", False),
     ("Police", False), ("Labour", False), ("Apple", False)],
)
def test_a_lone_portfolio_word_names_a_sector_not_a_body(word, sector):
    from spacy.lang.en import English

    from wirefacts.components.organizations import _names_a_sector
    from wirefacts.lexicon import lexicon

    doc = English()(f"Money went to {word}.")
    assert _names_a_sector(doc[3:4], lexicon()) is sector


def test_an_organization_never_overlaps_an_amount(extract_text):
    record = extract_text("Monthly salaries rose to EGP 265, the Ministry of Finance said.")
    assert [organization.name for organization in record.organizations] == ["Ministry of Finance"]


def _organizations_of(words: str, ents: list[tuple[int, int, str]], tags: dict[int, str] | None = None) -> dict:
    """Organizations of a hand-labelled Doc on the blank pipeline: name -> mention texts."""
    from spacy.tokens import Span

    from wirefacts.nlp import build_blank_pipeline

    nlp = build_blank_pipeline()
    doc = nlp.make_doc(words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    for i, tag in (tags or {}).items():
        doc[i].tag_ = tag
    for _, component in nlp.pipeline:
        doc = component(doc)
    _, organizations = officials_and_organizations(doc)
    return {organization.name: [m.text for m in organization.mentions] for organization in organizations}


def _mention_texts(organizations: dict) -> list[str]:
    return [text for texts in organizations.values() for text in texts]


def test_a_family_outweighs_one_name_of_a_body():
    """Three Rosens named in full and one "Rosen House Foundation": the lone "Rosen" is one of the family."""
    orgs = _organizations_of(
        "Alvin Rosen said . Mildred Rosen smiled . Louis Rosen left . The Rosen House Foundation opened . Rosen spoke .",
        [(0, 2, "PERSON"), (4, 6, "PERSON"), (8, 10, "PERSON"), (13, 16, "ORG"), (18, 19, "ORG")],
    )
    assert "Rosen" not in _mention_texts(orgs)
    assert "Rosen House Foundation" in orgs


def test_a_firm_outweighs_one_person_of_its_name():
    orgs = _organizations_of(
        "Henry Ford said . Ford Motor Co sold cars . Ford rose .",
        [(0, 2, "PERSON"), (4, 7, "ORG"), (10, 11, "ORG")],
    )
    assert _mention_texts(orgs).count("Ford") == 1


def test_a_name_the_ner_gives_a_body_more_often_than_a_person_stays():
    """"Ford" alone and "Ford Tasmania" six times a body; "Ford Falcon" once a person."""
    orgs = _organizations_of(
        "Ford cut jobs . Ford Tasmania said . Ford rose . Ford Tasmania fell . Ford hired . Ford Tasmania grew . "
        "The Ford Falcon sold .",
        [(0, 1, "ORG"), (4, 6, "ORG"), (8, 9, "ORG"), (11, 13, "ORG"), (15, 16, "ORG"), (18, 20, "ORG"),
         (23, 25, "PERSON")],
    )
    assert _mention_texts(orgs).count("Ford") == 3


def test_a_word_named_a_body_a_few_times_and_once_a_person_is_no_body():
    orgs = _organizations_of("Mac sales rose . Users went back to the Mac . Mac users cheered .",
                             [(0, 1, "ORG"), (9, 10, "ORG"), (11, 12, "PERSON")])
    assert "Mac" not in _mention_texts(orgs)


def test_a_name_after_a_body_head_noun_is_a_body_whatever_the_ner_says():
    orgs = _organizations_of(
        "The low cost airline , Zesko , said it would buy jets . Zesko said . Zesko rose .",
        [(5, 6, "ORG"), (13, 14, "PERSON"), (16, 17, "PERSON")],
    )
    assert _mention_texts(orgs).count("Zesko") == 3


def test_a_possessor_is_no_short_form_of_its_body():
    orgs = _organizations_of(
        "Talks with David Trimble . Trimble 's Unionist Party failed . Trimble said no .",
        [(2, 4, "PERSON"), (5, 9, "ORG")],
    )
    assert "Trimble" not in _mention_texts(orgs)


def test_a_list_of_people_the_ner_read_as_one_name_is_no_body():
    orgs = _organizations_of(
        "Ann Berg and Olaf Lind won . Coach Ann Berg said so .",
        [(0, 5, "ORG"), (7, 10, "PERSON")],
    )
    assert not any("Berg" in text for text in _mention_texts(orgs))


def test_a_clause_the_ner_read_as_a_name_stops_before_its_verb():
    orgs = _organizations_of(
        "Tom Wells pitched . After Wells walked Cecil Fielder , Wells left .",
        [(0, 2, "PERSON"), (5, 9, "ORG")],
        tags={6: "VBD"},
    )
    assert orgs == {}


@pytest.mark.parametrize(
    ("words", "ents", "not_a_body"),
    [
        pytest.param("The budget goes to Health , Parish Development Model , Security , Education and roads .",
                     [(6, 11, "ORG")], "Security", id="items-of-a-list"),
        pytest.param("Money went to the Future Ardania Fund and Infrastructure , Climate , and Nature Fund .",
                     [(4, 11, "ORG")], "Climate", id="a-word-cut-from-a-list"),
    ],
)
def test_a_name_the_ner_ran_over_a_list_is_its_items(words, ents, not_a_body):
    orgs = _organizations_of(words, ents)
    assert not any("," in name or name == not_a_body for name in orgs)


def test_a_legal_form_after_a_comma_stays_in_the_name():
    orgs = _organizations_of("Shares of Zesko , Inc. , Alpha and Beta rose .", [(2, 5, "ORG")])
    assert list(orgs) == ["Zesko , Inc."]


def test_a_person_shaped_name_the_ner_calls_a_body_is_a_person_and_so_is_its_surname():
    """A given name and a surname, called a body once, no legal form: "Ismoil" later is the same man."""
    orgs = _organizations_of(
        "Eyad Ismoil was sentenced . Ismoil said nothing . The judge told Ismoil so .",
        [(0, 2, "ORG"), (5, 6, "ORG"), (13, 14, "ORG")],
    )
    assert orgs == {}


def test_a_firm_named_after_a_person_stays_where_the_story_names_the_firm():
    orgs = _organizations_of(
        "Dean Witter Reynolds Inc said . Dean Witter rose .",
        [(0, 4, "ORG"), (6, 8, "ORG")],
    )
    assert "Dean Witter" in _mention_texts(orgs)


@pytest.mark.parametrize(
    ("words", "ents"),
    [
        pytest.param("MANTUA , Italy 1996-12-06 The league met .", [(0, 1, "ORG")], id="then-its-country"),
        pytest.param("He was in Mantua . Zorn spoke in Mantua . Mantua is old .",
                     [(3, 4, "GPE"), (8, 9, "GPE"), (10, 11, "ORG")], id="the-ner-calls-it-a-place-more-often"),
    ],
)
def test_a_place_the_ner_calls_a_body_is_no_body(words, ents):
    assert "Mantua" not in {name.title() for name in _organizations_of(words, ents)}


def test_a_newsroom_line_with_a_telephone_number_is_no_credit():
    from wirefacts.components.org_mentions import _credit_mention

    orgs = _organizations_of("Shares rose . -- Jakarta newsroom +6221 384-6364", [])
    assert orgs == {}
    assert _credit_mention  # the sign-off is read by the dateline component; a desk's number makes it no body


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        pytest.param("Cargo : coal Dampier / Kaohsiung 20-30/12 .", [(3, 6, "ORG")], set(), id="slash"),
        pytest.param("Squad : Goalkeepers - Zorvan Stelea , Florin Prunea .", [(2, 6, "ORG")], {"Zorvan Stelea"},
                     id="headed-list"),
        pytest.param("Shares of Wal - Mart rose .", [(2, 5, "ORG")], {"Wal - Mart"}, id="a-name-tokenized-with-spaces"),
        pytest.param("Slaughter steers : Choice 2-4 no sales .", [(3, 7, "ORG")], set(), id="a-figure-range"),
    ],
)
def test_table_and_headline_separators_part_names(words, ents, expected):
    assert set(_organizations_of(words, ents)) == expected


def test_a_ruled_name_run_onto_a_body_the_ner_found_is_two_bodies():
    orgs = _organizations_of(
        "Costs rose for the police , the Ministry of Justice , Customs and the Defence Force .",
        [(11, 12, "ORG")],
    )
    assert {"Ministry of Justice", "Customs"} <= set(orgs)


def test_a_national_legislature_by_its_own_name_is_a_body():
    orgs = _organizations_of("The budget goes to the Oireachtas later this year .", [(5, 6, "GPE")])
    assert list(orgs) == ["Oireachtas"]


def test_an_information_system_and_its_short_form_are_no_body():
    orgs = _organizations_of(
        "They reviewed the Government Fiscal Management Information System ( GFMIS ) . GFMIS works .",
        [(3, 8, "ORG"), (9, 10, "ORG"), (12, 13, "ORG")],
    )
    assert orgs == {}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("Shares of Goto.com rose . Visitors like Goto.com", {"Goto.com"}, id="a-dot-com-company"),
        pytest.param("Write to info@acme.com or visit www.acme.com today", set(), id="addresses-are-no-names"),
    ],
)
def test_a_company_named_by_its_web_address(words, expected):
    assert set(_organizations_of(words, [])) == expected


def test_a_town_written_once_with_its_state_is_a_town_throughout():
    orgs = _organizations_of(
        "PRICE , Utah _ The town met . A native of Price spoke . Much of Price has retreated .",
        [(0, 1, "ORG"), (10, 11, "ORG"), (16, 17, "ORG")],
    )
    assert orgs == {}


def test_a_hyphenated_name_repeats_whole():
    """"Zorvex-Q Mining Ltd" then "Zorvex-Q" the NER calls a person: the short form is the whole hyphenated word."""
    orgs = _organizations_of(
        "Zorvex-Q Mining Ltd rose . Analysts said Zorvex-Q would sell .",
        [(0, 5, "ORG"), (9, 12, "PERSON")],
    )
    assert "Zorvex-Q" in _mention_texts(orgs)
    assert "Zorvex" not in _mention_texts(orgs)


def test_a_city_and_a_word_the_ner_calls_a_person_is_no_person():
    """"Munich Qux" the NER calls a person, with no given name: the body it also names is kept, and spreads."""
    orgs = _organizations_of(
        "Munich Qux rose . The value of Munich Qux shares fell . Munich Qux said so .",
        [(0, 2, "PERSON"), (7, 9, "ORG"), (12, 14, "PERSON")],
    )
    assert _mention_texts(orgs).count("Munich Qux") == 3


def test_a_name_the_story_calls_a_town_is_a_place():
    """"the town of Walibo": the NER's body "Walibo" elsewhere in the story is the place."""
    orgs = _organizations_of(
        "Refugees fled to the town of Walibo . Aid reached Walibo on Friday .",
        [(6, 7, "ORG"), (10, 11, "ORG")],
    )
    assert orgs == {}


def test_one_word_names_listed_with_a_body_are_bodies():
    """"sites like Yahex , Lycor and Infex": items of a list with a body the NER names twice are bodies too."""
    orgs = _organizations_of(
        "Yahex grew . People visit sites like Yahex , Lycor and Infex . Lycor lost money .",
        [(0, 1, "ORG"), (7, 8, "ORG"), (9, 10, "PERSON"), (11, 12, "GPE"), (14, 15, "PERSON")],
        tags={i: "NNP" for i in (0, 7, 9, 11, 14)},
    )
    texts = _mention_texts(orgs)
    assert texts.count("Lycor") == 2 and "Infex" in texts


def test_a_list_with_a_body_named_once_makes_no_bodies():
    orgs = _organizations_of(
        "Shares of Yahex , Lycor and Infex rose .",
        [(2, 3, "ORG")],
        tags={i: "NNP" for i in (2, 4, 6)},
    )
    assert _mention_texts(orgs) == ["Yahex"]


def test_a_legal_form_before_the_name_makes_a_company_of_a_person():
    """"PT" + "Tambang Zimah" the NER calls a person: the legal form before it makes it a company."""
    orgs = _organizations_of("PT Tambang Zimah was traded in London .", [(1, 3, "PERSON")])
    assert _mention_texts(orgs) == ["PT Tambang Zimah"]


def test_a_name_led_by_an_ordinal_is_a_body():
    orgs = _organizations_of("The case went before the 8th Circuit on Friday .", [(5, 7, "ORG")])
    assert _mention_texts(orgs) == ["8th Circuit"]


def test_a_headline_word_the_story_writes_in_lowercase_is_no_acronym():
    orgs = _organizations_of("GUNMEN KILL FOUR . Police said the gunmen fled .", [(0, 1, "ORG")])
    assert orgs == {}
    orgs = _organizations_of("ACMEX CUTS OUTPUT . Police said the gunmen fled .", [(0, 1, "ORG")])
    assert _mention_texts(orgs) == ["ACMEX"]


def test_a_spaced_dash_between_words_of_ordinary_text_parts_table_items():
    orgs = _organizations_of(
        "Slaughter steers were quiet . Steers - Select and Choice no sales .", [(5, 8, "ORG")]
    )
    assert orgs == {}


def test_a_name_described_by_an_apposition_is_a_body():
    """"Quradio , a venture that ...": the name is a body wherever the story names it, whatever the NER said."""
    orgs = _organizations_of(
        "Jones will launch Quradio , a venture that sells music . Quradio began in May .",
        [(0, 1, "PERSON"), (3, 4, "PERSON"), (12, 13, "GPE")],
        tags={3: "NNP", 12: "NNP"},
    )
    assert _mention_texts(orgs).count("Quradio") == 2


def test_a_party_inside_a_title_is_a_mention():
    """"Labour leader Helen Clark": the party is a mention, also as the modifier of a title (ANNOTATION.md)."""
    orgs = _organizations_of("He spoke to Labour leader Helen Clark on Friday .", [(3, 4, "ORG"), (5, 7, "PERSON")])
    assert "Labour" in _mention_texts(orgs)


def test_a_run_of_firms_each_with_a_legal_form_is_a_list():
    """Underwriters in a table: "Zeta Securities Incorporated Omega Incorporated Kappa Capital Markets Corp."."""
    orgs = _organizations_of(
        "Underwriters : Zeta Securities Incorporated Omega Webber Incorporated Kappa Capital Markets Corp. .", []
    )
    assert sorted(_mention_texts(orgs)) == [
        "Kappa Capital Markets Corp.", "Omega Webber Incorporated", "Zeta Securities Incorporated"]


def test_a_name_the_ner_missed_described_by_an_apposition_is_a_body():
    """"Simex, the steelmaking arm of ...": no entity at all, yet the apposition makes the word a body."""
    orgs = _organizations_of("Shares rose . Simex, the steelmaking arm of a group, gained .", [], tags={3: "NNP"})
    assert _mention_texts(orgs) == ["Simex"]


def test_a_person_described_by_an_apposition_with_a_post_is_no_body():
    orgs = _organizations_of("Shares rose . Smith, a company director, said so .", [], tags={3: "NNP", 6: "NN", 7: "NN"})
    assert orgs == {}
