"""Our spaCy components, one per module. Importing this package registers their factories."""

from spacy.tokens import Doc

# Story context the runner puts on each Doc before the pipeline runs.
for _name in ("source_text", "story_id", "published", "dateline", "credit"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)



def story_text(doc: Doc) -> str:
    """The story's text, of the Doc's length: as the runner gave it, else the Doc's own, kept once made
    (spaCy rebuilds `doc.text` from every token on each call)."""
    if doc._.source_text is not None:
        return doc._.source_text
    if "wirefacts_text" not in doc.user_data:
        doc.user_data["wirefacts_text"] = doc.text
    return doc.user_data["wirefacts_text"]


from wirefacts.components import amounts, dateline, dates, officials, org_mentions, organizations  # noqa: E402,F401
