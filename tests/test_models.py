"""Every file in models/ loads, with the shape its loader expects; errors name the file and the line."""

from __future__ import annotations

import pytest

from wirefacts.lexicon import lexicon
from wirefacts.resources import ResourceError, _read_lines, load_patterns, load_tsv, models_dir

GAZETTEERS = sorted(entry.name for entry in models_dir().joinpath("gazetteers").iterdir() if entry.name.endswith(".tsv"))
PATTERNS = sorted(entry.name for entry in models_dir().joinpath("patterns").iterdir() if entry.name.endswith(".jsonl"))


@pytest.mark.parametrize("name", GAZETTEERS)
def test_every_gazetteer_has_one_column_count(name):
    relative = f"gazetteers/{name}"
    columns = len(_read_lines(relative)[0][1].split("\t"))
    assert load_tsv(relative, columns)


@pytest.mark.parametrize("name", PATTERNS)
def test_every_pattern_file_loads(name):
    patterns = load_patterns(f"patterns/{name}")
    assert patterns and all("label" in entry and "pattern" in entry for entry in patterns)


def test_the_lexicon_loads_every_list():
    lex = lexicon()
    assert lex.provinces["Queensland"] == "AU"
    assert "federal" in next(iter(lex.aliases["Fed"]))
    assert "cabinet" in lex.not_organizations and "central bank" in lex.anaphora
    assert {"particle", "determiner", "not_name", "party_member"} <= set(lex.official_words)


def test_a_wrong_column_count_names_file_and_line():
    with pytest.raises(ResourceError, match=r"models/gazetteers/titles.tsv:\d+: expected 3"):
        load_tsv("gazetteers/titles.tsv", 3)
