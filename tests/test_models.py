"""Every file in models/ loads, with the shape its loader expects; errors name the file and the line."""

from __future__ import annotations

import pytest

from wirefacts.lexicon import lexicon
from wirefacts.resources import ResourceError, _load_patterns, _read_lines, load_patterns, load_tsv, models_dir

GAZETTEERS = sorted(entry.name for entry in models_dir().joinpath("gazetteers").iterdir() if entry.name.endswith(".tsv"))
PATTERNS = sorted(entry.name for entry in models_dir().joinpath("patterns").iterdir() if entry.name.endswith(".jsonl"))


@pytest.mark.parametrize("name", GAZETTEERS)
def test_every_gazetteer_has_one_column_count(name):
    relative = f"gazetteers/{name}"
    columns = len(_read_lines(relative)[0][1].split("\t"))
    assert load_tsv(relative, columns)


@pytest.mark.parametrize("name", PATTERNS)
def test_every_pattern_line_follows_the_one_schema(name):
    assert _load_patterns(f"patterns/{name}")  # label, optional id, pattern; nothing else


def test_every_pattern_file_loads_with_its_word_lists():
    from wirefacts.nlp import build_blank_pipeline

    nlp = build_blank_pipeline()  # each component loads its pattern file, placeholders filled and checked
    assert nlp.get_pipe("wirefacts_dates").patterns and nlp.get_pipe("wirefacts_org_mentions").patterns


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"label": "DATE", "pattern": [{"LOWER": {"SET": "nonesuch"}}]}', r"x\.jsonl:2: unknown word list 'nonesuch'"),
        ('{"label": "DATE", "pattern": [{"LOWR": "may"}]}', r"x\.jsonl:2: .*LOWR"),
        ('{"label": "DATE", "patern": [{"LOWER": "may"}]}', r"x\.jsonl:2: .*patern"),
        ('{"label": "DATE", "pattern": []}', r"x\.jsonl:2: pattern"),
        ('not json', r"x\.jsonl:2: "),
    ],
)
def test_a_broken_pattern_line_names_file_and_line(monkeypatch, tmp_path, line, message):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "x.jsonl").write_text("# a comment\n" + line + "\n", encoding="utf-8")
    monkeypatch.setattr("wirefacts.resources.models_dir", lambda: tmp_path)
    _load_patterns.cache_clear()
    with pytest.raises(ResourceError, match=message):
        load_patterns("patterns/x.jsonl", {"month": ["May"]})
    _load_patterns.cache_clear()


def test_a_placeholder_stands_for_its_word_list(monkeypatch, tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "y.jsonl").write_text(
        '{"label": "D", "pattern": [{"LOWER": {"SET": "month"}}, {"ORTH": {"NOT_IN": {"SET": "month"}}}]}\n', encoding="utf-8"
    )
    monkeypatch.setattr("wirefacts.resources.models_dir", lambda: tmp_path)
    _load_patterns.cache_clear()
    [entry] = load_patterns("patterns/y.jsonl", {"month": ["May", "June"]})
    _load_patterns.cache_clear()
    assert entry["pattern"] == [{"LOWER": {"IN": ["june", "may"]}}, {"ORTH": {"NOT_IN": ["June", "May"]}}]


def test_the_lexicon_loads_every_list():
    lex = lexicon()
    assert lex.provinces["Queensland"] == "AU"
    assert "federal" in next(iter(lex.aliases["Fed"]))
    assert "cabinet" in lex.not_organizations and "central bank" in lex.anaphora
    assert {"particle", "determiner", "not_name", "party_member"} <= set(lex.official_words)


def test_a_wrong_column_count_names_file_and_line():
    with pytest.raises(ResourceError, match=r"models/gazetteers/titles.tsv:\d+: expected 3"):
        load_tsv("gazetteers/titles.tsv", 3)
