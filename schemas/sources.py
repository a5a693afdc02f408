"""The source documents: their bibliographic records and the provenance of their raw files."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from schemas.fields import Id, OptionalText, PartialDate, RuleErrors
from schemas.vocabulary import Strict

DocumentKind = Literal["plan_text", "news_report", "press_transcript"]


class Document(BaseModel):
    """One source document, stored unchanged in data/raw/."""

    model_config = Strict
    id: Id = Field(description="Document id; data/raw/<file> holds its text.")
    file: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*\.txt$", description="File name of the text in data/raw/.")
    title_zh: str = Field(min_length=1, description="Title in Chinese.")
    title_en: str = Field(min_length=1, description="Title in English.")
    publisher_zh: OptionalText = Field(default=None, description="Publisher as the document names it; empty when it names none.")
    publisher_en: OptionalText = Field(default=None, description="Publisher in English.")
    published: PartialDate = Field(default=None, description="Publication date (YYYY, YYYY-MM or YYYY-MM-DD); empty when unknown.")
    kind: DocumentKind = Field(description="plan_text, news_report or press_transcript.")
    url: OptionalText = Field(default=None, pattern=r"^https?://\S+$", description="Where the document was published, where known.")
    note_zh: OptionalText = Field(default=None, description="Anything a reader should know about the document, in Chinese.")
    note_en: OptionalText = Field(default=None, description="The same note in English.")

    @model_validator(mode="after")
    def _note_in_both_languages(self) -> Document:
        if (self.note_zh is None) != (self.note_en is None):
            missing = "note_en" if self.note_en is None else "note_zh"
            raise RuleErrors([(missing, "a note is written in both languages (note_zh and note_en) or not at all")])
        return self


class RawFileMeta(BaseModel):
    """The sidecar data/raw/<file>.meta.yml: what the raw file is and how to check it is unchanged."""

    model_config = Strict
    document_id: Id = Field(description="The document this file holds (documents.id).")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes, checked on every build.")
    bytes: int = Field(gt=0, description="Size of the file in bytes.")
    encoding: Literal["utf-8"] = Field(description="Text encoding of the file.")
    source: str = Field(min_length=1, description="Who published the text.")
    source_url: OptionalText = Field(default=None, description="Where it was published, where known.")
    license_zh: str = Field(min_length=1, description="Terms under which the text is kept here, in Chinese.")
    license_en: str = Field(min_length=1, description="The same terms in English.")
    license_url: OptionalText = Field(default=None, description="Link to the license, where there is one.")
    received: PartialDate = Field(description="When the file entered the project.")


class Exclusion(BaseModel):
    """A number in a document that was deliberately not loaded as a figure, and why."""

    model_config = Strict
    document_id: Id = Field(description="Document (documents.id).")
    stated: str = Field(min_length=1, description="The number as the document writes it.")
    quote: str = Field(min_length=1, description="The passage it stands in, verbatim.")
    reason_zh: str = Field(min_length=1, description="Why it is not a figure, in Chinese.")
    reason_en: str = Field(min_length=1, description="The same reason in English.")
