"""Pydantic records: the contract of ANNOTATION.md, shared by extraction output and gold files."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Granularity = Literal["day", "week", "month", "quarter", "year"]
Period = Literal["year", "quarter", "month", "week", "day"]

_DATE_VALUE = re.compile(r"^\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]))?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end < self.start:
            raise ValueError(f"mention end {self.end} is before start {self.start}")
        return self


class Amount(Mention):
    kind: Literal["money", "percent"]
    value: int | float | None
    value_max: int | float | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    period: Period | None = None


class DateMention(Mention):
    value: str | None
    granularity: Granularity

    @field_validator("value")
    @classmethod
    def _iso_value(cls, value: str | None) -> str | None:
        if value is not None and not _DATE_VALUE.match(value):
            raise ValueError(f"date value {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or YYYY-Qn")
        return value


class Organization(_Record):
    name: str
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    mentions: list[Mention]


class Official(_Record):
    name: str
    title: str | None = None
    organization: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    mentions: list[Mention]


class Dateline(_Record):
    place: str | None
    date: str | None = Field(description="ISO date of the dateline, its year inferred; null when unknown")
    start: int
    end: int
    text: str


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

    id: str
    text: str
    published: str | None = None
    dateline: Dateline | None = None
    credit: Credit | None = None
    officials: list[Official] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    meta: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _offsets_true(self) -> StoryRecord:
        check_offsets(self)
        return self


def iter_mentions(story: StoryRecord | GoldStory):
    """Every offset-bearing item of a record or gold line."""
    for official in story.officials or []:
        yield from official.mentions
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
    kind: str
    message: str


class ErrorRecord(_Record):
    """The output line of a story that could not be processed."""

    id: str | None
    error: ErrorInfo
    meta: dict[str, Any] | None = None


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
