"""Running a Matcher only where it can match: on windows around anchor tokens.

Matcher patterns that test custom attributes or long word lists cost time on every token; a story's
amounts and dates sit in a small part of it, near a figure or a date word. Matching on merged windows
around those anchors gives the same matches as matching the whole Doc, provided no pattern reaches
further than `width` tokens from an anchor.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span


def windows(doc: Doc, is_anchor: Callable[[str], bool], width: int) -> list[Span]:
    """Merged stretches of `doc` reaching `width` tokens either side of every token whose text is an anchor.

    Reads the tokens' texts through their ids, without making a Token object for each (the cost of
    iterating a Doc); `is_anchor` is asked once per distinct text of the Doc."""
    strings, verdicts = doc.vocab.strings, {}
    bounds: list[list[int]] = []
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        anchor = verdicts.get(orth)
        if anchor is None:
            anchor = verdicts[orth] = is_anchor(strings[orth])
        if not anchor:
            continue
        start, end = max(0, i - width), min(len(doc), i + width + 1)
        if bounds and start <= bounds[-1][1]:
            bounds[-1][1] = end
        else:
            bounds.append([start, end])
    return [doc[start:end] for start, end in bounds]


def match_near(matcher: Matcher, doc: Doc, is_anchor: Callable[[str], bool], width: int) -> list[tuple[int, int, int]]:
    """`matcher(doc)` restricted to windows around anchors, with offsets into the whole Doc."""
    return [
        (match_id, window.start + start, window.start + end)
        for window in windows(doc, is_anchor, width)
        for match_id, start, end in matcher(window)
    ]
