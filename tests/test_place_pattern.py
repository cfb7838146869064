"""The place-name pattern: one regular expression over thousands of names, factored by common beginnings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st


@given(
    st.sets(st.text(alphabet="SaN Mrino-", min_size=1, max_size=8), min_size=1, max_size=12),
    st.text(alphabet="SaN Mrino-x", max_size=40),
)
def test_a_factored_alternation_matches_what_the_longest_first_alternation_matches(phrases, text):
    import re

    from wirefacts.lexicon import trie_alternation

    plain = re.compile("|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True)))
    factored = re.compile(trie_alternation(phrases))
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]
