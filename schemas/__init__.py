"""Pydantic models of every curated record: one class per table, one instance per row."""

from schemas.figures import Figure
from schemas.places import Agency, Cluster, Region
from schemas.plans import Plan, PlanTask
from schemas.sources import Document, Exclusion, RawFileMeta
from schemas.vocabulary import QUALIFIERS, Category, Indicator, Sector, Unit

#: The curated tables in load order: file name in data/curated/ → record model.
#: Figures live one file per document in data/curated/figures/ and are read separately.
TABLES = {
    "units.csv": Unit,
    "categories.csv": Category,
    "sectors.csv": Sector,
    "indicators.csv": Indicator,
    "regions.csv": Region,
    "agencies.csv": Agency,
    "documents.csv": Document,
    "plans.csv": Plan,
    "plan_tasks.csv": PlanTask,
    "clusters.csv": Cluster,
    "exclusions.csv": Exclusion,
}

__all__ = [
    "QUALIFIERS", "TABLES", "Agency", "Category", "Cluster", "Document", "Exclusion", "Figure",
    "Indicator", "Plan", "PlanTask", "RawFileMeta", "Region", "Sector", "Unit",
]
