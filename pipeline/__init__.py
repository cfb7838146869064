"""wirefacts: officials, organizations, amounts and dates from news wire stories.

The source folder is `pipeline/`; it installs as the import package `wirefacts`.
"""

if __name__.split(".")[0] != "wirefacts":
    # Run from a checkout, `import pipeline` would otherwise find the source folder under a generic name
    # that clashes with other packages, and load a second copy of every module beside `wirefacts`.
    raise ImportError("wirefacts is imported as `import wirefacts`, not under its source folder's name 'pipeline'")

__version__ = "0.1.0"
