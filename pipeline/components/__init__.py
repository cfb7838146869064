"""Our spaCy components, one per module. Importing this package registers their factories."""

from spacy.tokens import Doc

from wirefacts.doc_text import story_text  # noqa: F401  (the components' shared reader)

# Story context the runner puts on each Doc before the pipeline runs.
for _name in ("source_text", "story_id", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)



from wirefacts.components import amounts, dateline, dates, officials, org_mentions, organizations  # noqa: E402,F401
