"""Every SQL query the pages run. Pages call these and never write SQL themselves."""

from __future__ import annotations

import pandas as pd

from dashboard.db import cached_query, query
from dashboard.filters import Filters


@cached_query
def table_counts() -> dict[str, int]:
    frame = query("""
        SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM plans) AS plans,
               (SELECT count(*) FROM figures WHERE kind = 'target') AS targets,
               (SELECT count(*) FROM figures WHERE kind = 'actual') AS actuals,
               (SELECT count(*) FROM clusters) AS clusters, (SELECT count(*) FROM indicators) AS indicators
    """)
    return {column: int(frame.at[0, column]) for column in frame.columns}


@cached_query
def figures(kind: str | None = None, filters: Filters | None = None) -> pd.DataFrame:
    """Figures with their indicator, region, document and quote, newest first, narrowed by the filters."""
    f = filters or Filters()
    return query("""
        SELECT f.id, f.kind, i.name_zh AS indicator_zh, i.name_en AS indicator_en, s.name_zh AS sector_zh,
               r.name_zh AS region_zh, r.name_en AS region_en, coalesce(c.name_zh, '') AS cluster_zh,
               coalesce(p.name_zh, '') AS plan_zh, coalesce(f.subject_zh, '') AS subject_zh,
               coalesce(f.as_of, f.period_end) AS period, f.period_start, f.value, f.unit_id,
               f.qualifier, f.stated, f.quote, d.title_zh AS document_zh, f.document_id
        FROM figures f
        JOIN indicators i ON i.id = f.indicator_id
        JOIN sectors s ON s.id = f.sector_id
        JOIN regions r ON r.id = f.region_id
        JOIN documents d ON d.id = f.document_id
        LEFT JOIN clusters c ON c.id = f.cluster_id
        LEFT JOIN plans p ON p.id = f.plan_id
        WHERE ($kind IS NULL OR f.kind = $kind)
          AND ($plan IS NULL OR f.plan_id = $plan)
          AND ($city IS NULL OR r.city_id = $city)
          AND ($cluster IS NULL OR f.cluster_id = $cluster OR c.parent_id = $cluster)
          AND ($category IS NULL OR i.category_id = $category)
          AND ($year_from IS NULL OR year(f.ref_date) >= $year_from)
          AND ($year_to IS NULL OR year(f.ref_date) <= $year_to)
        ORDER BY f.ref_date DESC, f.document_id, f.source_line
    """, {"kind": kind, "plan": f.plan, "city": f.city, "cluster": f.cluster, "category": f.category,
          "year_from": f.year_from, "year_to": f.year_to})


@cached_query
def filter_options() -> dict[str, dict[str, str]]:
    """The values each sidebar filter accepts (id → name), in display order."""
    sql = {
        "plan": "SELECT id, name_zh FROM plans ORDER BY start_year, id",
        "city": "SELECT id, name_zh FROM regions WHERE level = 'city' ORDER BY code",
        "cluster": "SELECT id, name_zh FROM clusters ORDER BY kind, id",
        "category": "SELECT id, name_zh FROM categories ORDER BY sort",
    }
    return {key: dict(query(statement).itertuples(index=False, name=None)) for key, statement in sql.items()}


@cached_query
def year_range() -> tuple[int, int]:
    """First and last year any figure refers to."""
    low, high = query("SELECT min(year(ref_date)), max(year(ref_date)) FROM figures").iloc[0]
    return int(low), int(high)


@cached_query
def documents() -> pd.DataFrame:
    return query("""
        SELECT d.id, d.title_zh, d.title_en, d.publisher_zh, d.published, d.kind, d.url,
               count(f.id) AS figures
        FROM documents d LEFT JOIN figures f ON f.document_id = d.id
        GROUP BY ALL ORDER BY d.published DESC NULLS LAST
    """)


@cached_query
def build_stamp() -> dict:
    """When the warehouse was built and from which data: shown as the data's 'as of' on pages."""
    frame = query("SELECT built_at, source_digest, figures FROM build_info")
    row = frame.iloc[0]
    return {"built_at": row["built_at"], "digest": row["source_digest"][:12], "figures": int(row["figures"])}
