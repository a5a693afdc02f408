"""A figure: one quantified statement of a document — a plan target or a reported actual."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from schemas.fields import (
    Amount,
    Id,
    OptionalId,
    OptionalText,
    PartialDate,
    raise_if_any,
)
from schemas.vocabulary import Qualifier, Strict

#: Larger than any amount a provincial industry statistic reaches (10^15 yuan); anything above is a typo.
MAX_VALUE = Decimal("1e15")


class Figure(BaseModel):
    """One row of data/curated/figures/<document id>.csv."""

    model_config = Strict
    id: Id = Field(description="Figure id, unique over all documents.")
    kind: Literal["target", "actual"] = Field(description="target (a plan's goal) or actual (a reported result).")
    indicator_id: Id = Field(description="Indicator (indicators.id).")
    sector_id: Id = Field(description="Statistical scope (sectors.id).")
    region_id: Id = Field(description="Region the figure speaks of (regions.id).")
    cluster_id: OptionalId = Field(default=None, description="Cluster the figure speaks of, where named (clusters.id).")
    plan_id: OptionalId = Field(default=None, description="Plan that sets the target (plans.id); targets only.")
    task_id: OptionalId = Field(default=None, description="Plan task the target belongs to (plan_tasks.id), where known.")
    subject_zh: OptionalText = Field(default=None, description="Narrower subject, e.g. an enterprise or a programme, in Chinese.")
    subject_en: OptionalText = Field(default=None, description="The subject in English.")
    period_start: PartialDate = Field(default=None, description="Start of the period the figure covers.")
    period_end: PartialDate = Field(default=None, description="End of the period; for a target, the year it is due.")
    as_of: PartialDate = Field(default=None, description="Date a stock (a count, a cumulative total) was reported for.")
    value: Amount = Field(description="Value in base units: 450亿元 is 45000000000 (CNY), 6.1% is 6.1.")
    unit_id: Id = Field(description="Unit (units.id); must be the indicator's unit.")
    qualifier: Qualifier = Field(description="exact, more_than (余/超/突破), at_least (以上), about (左右), nearly (近) or at_most (最高).")
    stated: str = Field(min_length=1, description="The number exactly as the quote writes it, e.g. 5万余家.")
    quote: str = Field(min_length=1, max_length=1000, description="The sentence or clause of the document that states the figure, verbatim.")
    note: OptionalText = Field(default=None, description="Anything a reader needs to read the figure right.")

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        problems: list[tuple[str | None, str]] = []
        if abs(self.value) >= MAX_VALUE:
            problems.append(("value", f"implausibly large: the limit is {MAX_VALUE:.0e}"))
        if self.kind == "target":
            if self.plan_id is None:
                problems.append(("plan_id", "a target needs the plan that sets it"))
            if self.period_end is None:
                problems.append(("period_end", "a target needs the year it is due"))
            if self.as_of is not None:
                problems.append(("as_of", "a target has no as_of date; put the year it is due in period_end"))
        else:
            # Reported on the field that is filled in: a task_id on an actual was reported as plan_id.
            for field_name in ("plan_id", "task_id"):
                if getattr(self, field_name) is not None:
                    problems.append((field_name, "an actual belongs to no plan: leave plan_id and task_id empty"))
            if (self.period_end is None) == (self.as_of is None):
                problems.append(("as_of", "an actual needs either period_end (a flow over a period) or as_of (a stock), exactly one"))
        if self.task_id is not None and self.plan_id is not None and not self.task_id.startswith(self.plan_id + "/"):
            problems.append(("task_id", f"not a task of plan {self.plan_id!r}"))
        if self.period_start and self.period_end and _period_key(self.period_start) > _period_key(self.period_end):
            problems.append(("period_start", f"after period_end {self.period_end}"))
        if (self.subject_zh is None) != (self.subject_en is None):
            problems.append(("subject_en", "give the subject in both languages (subject_zh and subject_en) or in neither"))
        if self.stated.strip() not in self.quote and _squash(self.stated) not in _squash(self.quote):
            problems.append(("stated", "does not occur in the quote"))
        raise_if_any(problems)
        return self


def _period_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("-"))


def _squash(text: str) -> str:
    return "".join(text.split())
