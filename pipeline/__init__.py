"""wirefacts: officials, organizations, amounts and dates from news wire stories."""

__version__ = "0.1.0"
