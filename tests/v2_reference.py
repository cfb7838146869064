"""A second, deliberately plain scorer written from ANNOTATION.md v2 ("How `evaluate` scores") alone.

It works on the raw JSON dicts of gold and predicted lines and shares no code with wirefacts.evaluate,
so that a test can check that the two agree. Where the spec leaves a choice open it takes the most
literal reading, not necessarily the one wirefacts.evaluate takes:
- punctuation is deleted (so "Korea-Israel" gives "koreaisrael", "Korea Israel" gives "korea israel");
- one-to-one mention pairing walks the gold mentions in text order, each taking the unpaired
  overlapping prediction with the largest overlap.
"""

from __future__ import annotations

import unicodedata

TYPES = ("officials", "organizations", "amounts", "dates")
ARTICLES = ("the", "a", "an")


def _strip_punctuation(text: str, keep: str = "") -> str:
    return "".join(ch for ch in text if ch in keep or not unicodedata.category(ch).startswith(("P", "S")))


def canonical_name(name):
    """Case, a leading "the", possessive "'s" and punctuation ignored."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).lower().replace("\u2019", "'")
    words = []
    for word in text.split():
        word = _strip_punctuation(word, keep="'")
        if word.endswith("'s"):
            word = word[:-2]
        word = _strip_punctuation(word)
        if word:
            words.append(word)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def canonical_title(title):
    """Lowercased, articles and punctuation dropped."""
    if not title:
        return ""
    words = [_strip_punctuation(word) for word in unicodedata.normalize("NFKC", title).lower().split()]
    return " ".join(word for word in words if word and word not in ARTICLES)


def _overlap(a, b) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _pair_mentions(gold, predicted, exact):
    taken, pairs = set(), []
    for g_index in sorted(range(len(gold)), key=lambda i: (gold[i]["start"], gold[i]["end"])):
        g = gold[g_index]
        best, best_overlap = None, 0
        for p_index, p in enumerate(predicted):
            if p_index in taken:
                continue
            if exact and (p["start"], p["end"]) != (g["start"], g["end"]):
                continue
            overlap = _overlap(g, p)
            if overlap > best_overlap:
                best, best_overlap = p_index, overlap
        if best is not None:
            taken.add(best)
            pairs.append((g_index, best))
    return pairs


def _pair_entities(gold, predicted):
    """(pairs, pairs by name): by name, then predicted name equal to a gold mention, then overlapping mentions."""
    gold_free = list(range(len(gold)))
    pred_free = list(range(len(predicted)))

    def step(test):
        found = []
        for p_index in list(pred_free):
            for g_index in gold_free:
                if test(gold[g_index], predicted[p_index]):
                    found.append((g_index, p_index))
                    gold_free.remove(g_index)
                    pred_free.remove(p_index)
                    break
        return found

    by_name = step(lambda g, p: canonical_name(g["name"]) != "" and canonical_name(g["name"]) == canonical_name(p["name"]))
    by_text = step(
        lambda g, p: canonical_name(p["name"]) != ""
        and any(canonical_name(m["text"]) == canonical_name(p["name"]) for m in g["mentions"])
    )
    by_overlap = []
    for g_index in list(gold_free):
        counts = [
            (sum(_overlap(gm, pm) > 0 for gm in gold[g_index]["mentions"] for pm in predicted[p_index]["mentions"]), p_index)
            for p_index in pred_free
        ]
        counts = [c for c in counts if c[0] > 0]
        if counts:
            best = max(counts, key=lambda c: (c[0], -c[1]))[1]
            by_overlap.append((g_index, best))
            gold_free.remove(g_index)
            pred_free.remove(best)
    return by_name + by_text + by_overlap, by_name


def _fields(kind, item):
    if kind == "officials":
        return (canonical_title(item.get("title")), canonical_name(item.get("organization")), item.get("country"))
    if kind == "organizations":
        return (item.get("country"),)
    if kind == "amounts":
        value = lambda v: None if v is None else round(float(v), 6)  # noqa: E731
        return (item["kind"], value(item.get("value")), value(item.get("value_max")), item.get("currency"), item.get("period"))
    return (item.get("value"),)


def _ignored(prediction, gold_items, ignore):
    hits_ignored = any(prediction["start"] < end and start < prediction["end"] for start, end in ignore)
    hits_gold = any(_overlap(prediction, g) > 0 for g in gold_items)
    return hits_ignored and not hits_gold


def score(gold_lines, predicted_lines):
    """{type: {level: {p, r, f, tp, fp, fn}}} over gold lines (dicts) and predicted lines (dicts)."""
    counts = {kind: {level: [0, 0, 0] for level in ("span", "strict", "record")} for kind in TYPES}
    predicted_by_id = {line["id"]: line for line in predicted_lines}
    for gold_line in gold_lines:
        predicted_line = predicted_by_id.get(gold_line["id"], {})
        for kind in TYPES:
            if kind not in gold_line or gold_line[kind] is None:
                continue
            gold_items = gold_line[kind]
            predicted_items = predicted_line.get(kind) or []
            if kind in ("amounts", "dates"):
                ignore = gold_line.get("ignore") or []
                predicted_items = [p for p in predicted_items if not _ignored(p, gold_items, ignore)]
                span = _pair_mentions(gold_items, predicted_items, exact=False)
                strict = _pair_mentions(gold_items, predicted_items, exact=True)
            else:
                span, strict = _pair_entities(gold_items, predicted_items)
            record = [(g, p) for g, p in span if _fields(kind, gold_items[g]) == _fields(kind, predicted_items[p])]
            for level, pairs in (("span", span), ("strict", strict), ("record", record)):
                tally = counts[kind][level]
                tally[0] += len(pairs)
                tally[1] += len(predicted_items) - len(pairs)
                tally[2] += len(gold_items) - len(pairs)
    return {kind: {level: _prf(*counts[kind][level]) for level in counts[kind]} for kind in TYPES}


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn}
