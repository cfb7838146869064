"""Running a Matcher only where it can match: on windows around anchor tokens.

Matcher patterns that test custom attributes or long word lists cost time on every token; a story's
amounts and dates sit in a small part of it, near a figure or a date word. Matching on merged windows
around those anchors gives the same matches as matching the whole Doc, provided no pattern reaches
further than `width` tokens from an anchor.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token


def windows(doc: Doc, is_anchor: Callable[[Token], bool], width: int) -> list[Span]:
    """Merged stretches of `doc` reaching `width` tokens either side of every anchor token."""
    bounds: list[list[int]] = []
    for token in doc:
        if not is_anchor(token):
            continue
        start, end = max(0, token.i - width), min(len(doc), token.i + width + 1)
        if bounds and start <= bounds[-1][1]:
            bounds[-1][1] = end
        else:
            bounds.append([start, end])
    return [doc[start:end] for start, end in bounds]


def match_near(matcher: Matcher, doc: Doc, is_anchor: Callable[[Token], bool], width: int) -> list[tuple[int, int, int]]:
    """`matcher(doc)` restricted to windows around anchors, with offsets into the whole Doc."""
    return [
        (match_id, window.start + start, window.start + end)
        for window in windows(doc, is_anchor, width)
        for match_id, start, end in matcher(window)
    ]
