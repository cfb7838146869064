"""wirefacts: officials, organizations, amounts and dates from news wire stories.

    >>> import wirefacts
    >>> extractor = wirefacts.load()                       # spaCy is imported here, not on `import wirefacts`
    >>> record = extractor("Treasury Secretary James Baker said on Monday ...", published="1987-03-02")
    >>> records = list(extractor.pipe(["First story.", "Second story."], workers=1))
    >>> wirefacts.evaluate("samples/gold", records).report()

The source folder is `pipeline/`; it installs as the import package `wirefacts`.
"""

if __name__.split(".")[0] != "wirefacts":
    # Run from a checkout, `import pipeline` would otherwise find the source folder under a generic name
    # that clashes with other packages, and load a second copy of every module beside `wirefacts`.
    raise ImportError("wirefacts is imported as `import wirefacts`, not under its source folder's name 'pipeline'")

__version__ = "0.1.0"

# The scoring module is imported first so that the name `evaluate` below is the function: a submodule
# imported later would otherwise replace the package attribute `evaluate` with the module.
import wirefacts.evaluate as _scoring  # noqa: E402,F401
from wirefacts.api import ExtractionError, Extractor, evaluate, load, read_gold, read_records  # noqa: E402
from wirefacts.evaluate import Evaluation, Finding  # noqa: E402
from wirefacts.schema import (  # noqa: E402
    Amount,
    Credit,
    DateMention,
    Dateline,
    ErrorInfo,
    ErrorRecord,
    GoldStory,
    Mention,
    Official,
    Organization,
    StoryInput,
    StoryRecord,
)

__all__ = [
    "Amount", "Credit", "DateMention", "Dateline", "ErrorInfo", "ErrorRecord", "Evaluation", "ExtractionError",
    "Extractor", "Finding", "GoldStory", "Mention", "Official", "Organization", "StoryInput", "StoryRecord",
    "__version__", "evaluate", "load", "read_gold", "read_records",
]
