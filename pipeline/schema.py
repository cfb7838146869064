"""Pydantic records: the contract of ANNOTATION.md, shared by extraction output and gold files."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Granularity = Literal["day", "week", "month", "quarter", "year"]
Period = Literal["year", "quarter", "month", "week", "day", "hour"]

_DATE_VALUE = re.compile(r"^\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]))?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Record):
    """A stretch of the story: text[start:end] == text."""

    start: int = Field(ge=0, description="Offset of the first character: a Python str index into the story text")
    end: int = Field(ge=0, description="Offset just past the last character (text[start:end] is the mention)")
    text: str = Field(description="The mention exactly as it stands in the story")

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end < self.start:
            raise ValueError(f"mention end {self.end} is before start {self.start}")
        return self


class Amount(Mention):
    """A sum of money or a percentage, normalized."""

    kind: Literal["money", "percent"] = Field(description="money or percent")
    value: int | float | None = Field(
        description="The number in whole units (8 million is 8000000, 5.5 pct is 5.5); the low end of a range"
    )
    value_max: int | float | None = Field(default=None, description="The high end of a range, else null")
    currency: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217 code of a money amount; null for percentages"
    )
    period: Period | None = Field(
        default=None, description="How often the amount recurs (\"$8 million a year\": year), else null"
    )


class DateMention(Mention):
    """A calendar day, week, month, quarter or year, resolved."""

    value: str | None = Field(
        description="ISO value at the granularity given: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY; "
        "null when a relative date has no reference to resolve against"
    )
    granularity: Granularity = Field(description="day, week, month, quarter or year")

    @field_validator("value")
    @classmethod
    def _iso_value(cls, value: str | None) -> str | None:
        if value is not None and not _DATE_VALUE.match(value):
            raise ValueError(f"date value {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or YYYY-Qn")
        return value


COUNTRY = r"^[A-Z]{2}$"


class Organization(_Record):
    """A named organization (or a descriptive reference to one specific body) with all its mentions."""

    name: str = Field(description="The fullest co-referring name in the story")
    country: str | None = Field(
        default=None, pattern=COUNTRY, description="ISO 3166-1 alpha-2 code, only when the text ties the body to it"
    )
    mentions: list[Mention] = Field(description="Every mention of the organization, in text order")


class Official(_Record):
    """A named person with a role, office or position, with all mentions by name."""

    name: str = Field(description="The fullest form of the name, without honorifics or title")
    title: str | None = Field(default=None, description="The position as written, without the name; null if none")
    title_mention: Mention | None = Field(
        default=None, description="Where the title stands in the text (its words as written); null without a title"
    )
    organization: str | None = Field(
        default=None, description="The name of the body the person serves (an entry of organizations); null if none"
    )
    organization_index: int | None = Field(
        default=None,
        ge=0,
        description="Index into this record's organizations list of the official's organization; null when none",
    )
    country: str | None = Field(
        default=None, pattern=COUNTRY, description="ISO 3166-1 alpha-2 code of the government or body served"
    )
    mentions: list[Mention] = Field(description="Every mention by name (later short forms included), in text order")


class Dateline(_Record):
    """The place and date that open a wire story ("Seoul, Jan 13 (IANS)", "TOKYO, March 3 -")."""

    place: str | None = Field(description="The dateline's place as written; null when it names none")
    date: str | None = Field(description="ISO date of the dateline, its year inferred; null when unknown")
    start: int = Field(description="Offset of the dateline's first character in the story text")
    end: int = Field(description="Offset just past the dateline's last character")
    text: str = Field(description="The dateline exactly as it stands in the story")


class Credit(Mention):
    """The agency sign-off or credit line ("—IANS", "Reuter", "(AP)")."""


def check_published(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        head = value.strip()[:10]
        if _ISO_DAY.match(head):
            dt.date.fromisoformat(head)  # raises on 2025-02-30
            return head
    raise ValueError(f"published must be an ISO date YYYY-MM-DD, got {value!r}")


class StoryInput(BaseModel):
    """One story as read from the input, validated once at the edge."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    text: str
    published: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _id_is_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            value = value.strip()
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_date(cls, value: Any) -> str | None:
        return check_published(value)

    @property
    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None


class StoryRecord(_Record):
    """One output line: every fact found in one story."""

    id: str = Field(description="The story's id, unique in the input")
    text: str = Field(description="The story exactly as processed; every offset is a Python str index into it")
    published: str | None = Field(
        default=None, description="Publication date YYYY-MM-DD, the reference for relative dates; null when unknown"
    )
    dateline: Dateline | None = Field(default=None, description="The story's dateline; null when it has none")
    credit: Credit | None = Field(default=None, description="The agency credit or sign-off; null when none")
    officials: list[Official] = Field(default_factory=list, description="People with a role, in order of first mention")
    organizations: list[Organization] = Field(default_factory=list, description="Organizations, in order of first mention")
    amounts: list[Amount] = Field(default_factory=list, description="Money and percentages, in text order")
    dates: list[DateMention] = Field(default_factory=list, description="Calendar dates, in text order")
    meta: dict[str, Any] | None = Field(default=None, description="The input's other fields, passed through; null if none")

    @model_validator(mode="after")
    def _offsets_true(self) -> StoryRecord:
        check_offsets(self)
        link_organizations(self)
        return self


def organization_index(official: Official, organizations: list[Organization]) -> int | None:
    """The index of the organization entity an official serves: the entry of the same name, else of the same
    name as `evaluate` compares names (case, a leading "the", possessive "'s" and punctuation ignored)."""
    from wirefacts.evaluate import name_key  # evaluate imports this module

    if not official.organization:
        return None
    names = [organization.name for organization in organizations]
    if official.organization in names:
        return names.index(official.organization)
    wanted = name_key(official.organization)
    return next((index for index, name in enumerate(names) if name_key(name) == wanted), None)


def link_organizations(record: StoryRecord) -> StoryRecord:
    """Point every official at its organization's entry. Derived from the names, so it is always recomputed:
    records merged or rebuilt elsewhere (long stories cut into pieces) cannot keep a stale index."""
    for official in record.officials:
        official.organization_index = organization_index(official, record.organizations)
    return record


def iter_mentions(story: StoryRecord | GoldStory):
    """Every offset-bearing item of a record or gold line."""
    for official in story.officials or []:
        yield from official.mentions
        if official.title_mention is not None:
            yield official.title_mention
    for organization in story.organizations or []:
        yield from organization.mentions
    yield from story.amounts or []
    yield from story.dates or []
    credit = getattr(story, "credit", None)
    if credit is not None:
        yield credit


def check_offsets(story: StoryRecord | GoldStory) -> None:
    for mention in iter_mentions(story):
        if story.text[mention.start : mention.end] != mention.text:
            raise ValueError(
                f"offset {mention.start}:{mention.end} gives {story.text[mention.start:mention.end]!r}, "
                f"not {mention.text!r}"
            )


class ErrorInfo(_Record):
    """Why a story gave no record."""

    kind: str = Field(description="A short machine-readable kind: json, encoding, invalid, extraction, worker_crash, ...")
    message: str = Field(description="What went wrong, for people")


class ErrorRecord(_Record):
    """The output line of a story that could not be processed."""

    id: str | None = Field(description="The story's id; null when the input line had none")
    error: ErrorInfo = Field(description="Why the story gave no record")
    meta: dict[str, Any] | None = Field(default=None, description="The input's other fields, passed through; null if none")


class GoldStory(BaseModel):
    """A gold line: a record where a missing key means "not scored" for that type."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    published: str | None = None
    officials: list[Official] | None = None
    organizations: list[Organization] | None = None
    amounts: list[Amount] | None = None
    dates: list[DateMention] | None = None
    ignore: list[tuple[int, int]] = Field(default_factory=list)

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_date(cls, value: Any) -> str | None:
        return check_published(value)

    @model_validator(mode="after")
    def _offsets_true(self) -> GoldStory:
        check_offsets(self)
        return self


TYPES = ("officials", "organizations", "amounts", "dates")
LEVELS = ("span", "strict", "record")
