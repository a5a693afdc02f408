"""Where figures belong: regions, the agencies responsible for plan tasks, clusters and bases."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from schemas.fields import Id, IdList, OptionalId, OptionalText, RuleErrors, TextList
from schemas.vocabulary import Strict

RegionLevel = Literal["province", "city", "district", "county", "county_city", "zone"]


class Region(BaseModel):
    """Shandong, its 16 prefecture-level cities and the districts or zones the documents name."""

    model_config = Strict
    id: Id = Field(description="Region id, e.g. weihai, qingdao-jimo.")
    # [0-9], not \d: the pattern is matched with Unicode digits, so "３７００００" passed.
    code: OptionalText = Field(default=None, pattern=r"^[0-9]{6}$",
                               description="GB/T 2260 administrative division code; empty for zones that have none.")
    name_zh: str = Field(min_length=1, description="Chinese name.")
    name_en: str = Field(min_length=1, description="English name.")
    level: RegionLevel = Field(description="province, city (prefecture level), district, county, county_city or zone.")
    parent_id: OptionalId = Field(default=None, description="The region this one belongs to (regions.id); empty for the province.")

    @model_validator(mode="after")
    def _province_has_no_parent(self) -> Region:
        if (self.level == "province") != (self.parent_id is None):
            raise RuleErrors([("parent_id", "only the province has no parent_id; every other region needs one")])
        return self


class Agency(BaseModel):
    """A government unit named as responsible (责任单位) for plan tasks."""

    model_config = Strict
    id: Id = Field(description="Agency id.")
    name_zh: str = Field(min_length=1, description="Name as the plans write it.")
    name_en: str = Field(min_length=1, description="English name.")
    region_id: Id = Field(description="Region the agency serves (regions.id).")
    aliases_zh: TextList = Field(description="Other spellings the documents use for the same unit (|-separated).")


ClusterKind = Literal["featured_cluster", "industrial_base", "sub_base", "cluster", "hub"]


class Cluster(BaseModel):
    """A named industrial cluster, base or hub, with the region(s) it lies in."""

    model_config = Strict
    id: Id = Field(description="Cluster id.")
    kind: ClusterKind = Field(description="featured_cluster, industrial_base, sub_base (part of a base), cluster or hub.")
    name_zh: str = Field(min_length=1, description="Name exactly as the document writes it.")
    name_en: str = Field(min_length=1, description="English name.")
    parent_id: OptionalId = Field(default=None, description="The base a sub-base belongs to (clusters.id).")
    region_ids: IdList = Field(min_length=1, description="Regions the cluster lies in (|-separated regions.id).")
    document_id: Id = Field(description="Document that names the cluster (documents.id).")

    @model_validator(mode="after")
    def _sub_bases_have_parents(self) -> Cluster:
        if (self.kind == "sub_base") != (self.parent_id is not None):
            raise RuleErrors([("parent_id", "a sub_base needs a parent_id, and only a sub_base has one")])
        return self
