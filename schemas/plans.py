"""Plans and their numbered tasks, goals and measures."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from schemas.fields import MAX_INTEGER, Id, IdList, OptionalId, OptionalText, RuleErrors
from schemas.vocabulary import Strict

PlanLevel = Literal["province", "city", "district"]
TaskKind = Literal["goal", "programme", "task", "action", "measure"]


class Plan(BaseModel):
    """An industry plan whose targets the dashboard tracks."""

    model_config = Strict
    id: Id = Field(description="Plan id.")
    name_zh: str = Field(min_length=1, description="Name exactly as a stating document writes it.")
    name_en: str = Field(min_length=1, description="English name.")
    issuer_zh: OptionalText = Field(default=None, description="Issuer as the documents name it; empty when they do not.")
    issuer_en: OptionalText = Field(default=None, description="Issuer in English.")
    level: PlanLevel = Field(description="province, city or district.")
    region_id: Id = Field(description="Region the plan covers (regions.id).")
    start_year: int = Field(ge=2000, le=2100, description="First year of the plan period.")
    end_year: int = Field(ge=2000, le=2100, description="Last year of the plan period.")
    status: Literal["draft", "issued"] = Field(description="draft (征求意见稿) or issued.")
    document_ids: IdList = Field(min_length=1, description="Documents that state the plan's targets (|-separated documents.id).")

    @model_validator(mode="after")
    def _period_runs_forward(self) -> Plan:
        if self.end_year < self.start_year:
            raise RuleErrors([("end_year", f"before start_year {self.start_year}")])
        return self


class PlanTask(BaseModel):
    """A numbered task, goal, programme or measure of a plan, with its responsible units (责任单位)."""

    model_config = Strict
    id: Id = Field(description="Task id, '<plan id>/<short id>'.")
    plan_id: Id = Field(description="Plan (plans.id).")
    parent_id: OptionalId = Field(default=None, description="Programme a task belongs to (plan_tasks.id).")
    seq: int = Field(ge=1, le=MAX_INTEGER, description="Order within the plan.")
    number: str = Field(min_length=1, description="Number as printed: 一, （三）, 15.")
    kind: TaskKind = Field(description="goal, programme, task, action or measure.")
    title_zh: str = Field(min_length=1, description="Title exactly as the document writes it.")
    title_en: str = Field(min_length=1, description="English title.")
    responsible_zh: OptionalText = Field(default=None,
                                         description="Responsible units exactly as printed, separated by 、 or ，; empty when the document names none.")

    @model_validator(mode="after")
    def _id_names_its_plan(self) -> PlanTask:
        if not self.id.startswith(self.plan_id + "/"):
            raise RuleErrors([("id", f"must start with its plan id {self.plan_id!r} and '/'")])
        return self
