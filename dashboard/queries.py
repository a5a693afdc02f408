"""Every SQL query the pages run. Pages call these and never write SQL themselves.

Filtering, joining, aggregating and limiting happen in DuckDB, so a page fetches only the rows it
shows: a million figures cost a page no more than a hundred. Queries that name things take the
language and return `…_name` columns in it.
"""

from __future__ import annotations

import functools

import pandas as pd

from dashboard.db import cached_query, query
from dashboard.filters import Filters

TABLE_LIMIT = 200  # rows a page table shows (the newest first); the explorer pages through everything


def _name(alias: str, column: str, lang: str) -> str:
    """SQL for a name in the language, falling back to Chinese where English is missing.

    The language picks a column when the statement is written (one of two known values, never user
    text), so DuckDB plans a plain column read rather than a CASE on every row.
    """
    if lang == "zh":
        return f"{alias}.{column}_zh"
    if lang == "en":
        return f"coalesce({alias}.{column}_en, {alias}.{column}_zh)"
    raise ValueError(f"unknown language {lang!r}")


# The sidebar filters as one WHERE fragment over f: figure_list, target_list or one of the summaries
# (etl/summaries.sql), which share these columns. Only the filters that are set appear, as plain
# comparisons with bound values, so DuckDB pushes them into the scan (a "$x IS NULL OR …" form
# would make it test every row). A cluster includes its sub-bases: the cluster and its children are
# looked up first, so the scan tests one column against them (an OR over cluster_id and
# cluster_parent_id cannot be pushed into the scan, which then reads every column of every row).
_CONDITIONS = {
    "plan": "f.plan_id = $plan",
    "city": "f.city_id = $city",
    "cluster": "f.cluster_id IN (SELECT id FROM clusters WHERE id = $cluster OR parent_id = $cluster)",
    "category": "f.category_id = $category",
    "year_from": "f.year >= $year_from",
    "year_to": "f.year <= $year_to",
}


def _where(filters: Filters | None) -> str:
    f = filters or Filters()
    return " AND ".join([_CONDITIONS[key] for key in _CONDITIONS if getattr(f, key) is not None] or ["TRUE"])


def _params(filters: Filters | None, lang: str = "zh", **more) -> dict:
    f = filters or Filters()
    return {"plan": f.plan, "city": f.city, "cluster": f.cluster, "category": f.category,
            "year_from": f.year_from, "year_to": f.year_to, "lang": lang, **more}


@functools.cache
def _figure_columns(lang: str) -> str:
    return f"""
    f.id, f.kind, f.indicator_id, {_name('f', 'indicator', lang)} AS indicator_name, {_name('f', 'category', lang)} AS category_name,
    {_name('f', 'sector', lang)} AS sector_name, f.region_id, {_name('f', 'region', lang)} AS region_name, f.cluster_id,
    coalesce({_name('f', 'cluster', lang)}, '') AS cluster_name, f.plan_id, coalesce({_name('f', 'plan', lang)}, '') AS plan_name,
    coalesce({"f.subject_en, " if lang == "en" else ""}f.subject_zh, '') AS subject,
    f.period_start, f.period_end, f.as_of, f.ref_date, f.value, f.unit_id, f.qualifier, f.signed,
    f.stated, f.quote, f.document_id, {_name('f', 'document', lang)} AS document_name, f.document_date,
    f.source_file, f.source_line
"""


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
def figures(kind: str | None = None, filters: Filters | None = None, lang: str = "zh",
            limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    """Figures with their names, document and quote, newest first, narrowed by the filters (at most `limit`)."""
    return query(f"""
        SELECT {_figure_columns(lang)} FROM figure_list f
        WHERE {"f.kind = $kind AND " if kind else ""}{_where(filters)}
        LIMIT $limit  -- the first rows in stored (display) order: the scan stops once it has them
    """, _params(filters, lang, kind=kind, limit=limit))


@cached_query
def headline(filters: Filters | None = None, lang: str = "zh") -> pd.DataFrame:
    """The latest actual of each headline indicator (etl/summaries.sql) within the filters, with its source;
    the province's own figure first where there is one."""
    return query(f"""
        SELECT {_figure_columns(lang)}, f.position FROM headline_actuals f
        WHERE {_where(filters)}
        QUALIFY row_number() OVER (PARTITION BY f.position ORDER BY (f.region_id = 'shandong') DESC, f.rank) = 1
        ORDER BY f.position
    """, _params(filters, lang))


@cached_query
def by_category(filters: Filters | None = None, lang: str = "zh") -> pd.DataFrame:
    """Number of targets and actuals per indicator category."""
    return query(f"""
        SELECT {_name('cat', 'name', lang)} AS category_name, cat.sort, f.kind, sum(f.figures)::INTEGER AS figures
        FROM figure_summary f JOIN categories cat ON cat.id = f.category_id
        WHERE {_where(filters)}
        GROUP BY ALL ORDER BY cat.sort, f.kind
    """, _params(filters, lang))


@cached_query
def progress(filters: Filters | None = None, lang: str = "zh", limit: int | None = TABLE_LIMIT) -> pd.DataFrame:
    """Each target beside its comparable actual, status, 完成率 and 序时进度 (today's where no actual exists)."""
    return query(f"""
        SELECT f.id, f.plan_id, {_name('f', 'plan', lang)} AS plan_name, f.task_id, coalesce({_name('f', 'task', lang)}, '') AS task_name,
               {_name('f', 'indicator', lang)} AS indicator_name, {_name('f', 'region', lang)} AS region_name,
               coalesce({_name('f', 'cluster', lang)}, '') AS cluster_name,
               f.target_stated, f.target_value, f.target_qualifier, f.unit_id, f.signed,
               f.period_start, f.period_end, f.status, f.light, f.completion,
               coalesce(f.elapsed, least(1.0, greatest(0.0, date_diff('day', f.period_start, current_date)
                                                        / greatest(1, date_diff('day', f.period_start, f.period_end))))) AS elapsed,
               f.actual_id, f.actual_stated, f.actual_value, f.actual_qualifier, f.actual_date,
               f.target_quote, {_name('f', 'target_document', lang)} AS target_document,
               f.actual_quote, {_name('f', 'actual_document', lang)} AS actual_document
        FROM target_list f
        WHERE {_where(filters)}
        LIMIT $limit  -- the first rows in stored (display) order: the scan stops once it has them
    """, _params(filters, lang, limit=limit))


@cached_query
def status_counts(filters: Filters | None = None, lang: str = "zh") -> pd.DataFrame:
    """Targets per plan and status."""
    return query(f"""
        SELECT f.plan_id, {_name('p', 'name', lang)} AS plan_name, p.start_year, f.status, sum(f.targets)::INTEGER AS targets
        FROM target_summary f JOIN plans p ON p.id = f.plan_id
        WHERE {_where(filters)}
        GROUP BY ALL ORDER BY p.start_year, f.plan_id, f.status
    """, _params(filters, lang))


@cached_query
def plans(lang: str = "zh") -> pd.DataFrame:
    """Every plan with its period, issuer, level and number of targets (for the timeline)."""
    return query(f"""
        SELECT p.id, {_name('p', 'name', lang)} AS plan_name, {_name('p', 'issuer', lang)} AS issuer, p.level, p.region_id,
               {_name('r', 'name', lang)} AS region_name,
               p.start_year, p.end_year, p.status,
               (SELECT count(*) FROM figures f WHERE f.plan_id = p.id AND f.kind = 'target') AS targets
        FROM plans p JOIN regions r ON r.id = p.region_id
        ORDER BY p.start_year, p.id
    """, {"lang": lang})


@cached_query
def task_ledger(plan_id: str, lang: str = "zh") -> pd.DataFrame:
    """A plan's tasks in document order: responsible units, targets and their statuses."""
    return query(f"""
        WITH targets AS (
            SELECT f.task_id, count(*) AS targets,
                   string_agg(f.stated, '；' ORDER BY f.source_line) AS target_stated,
                   count(*) FILTER (WHERE tp.status = 'met') AS met,
                   count(*) FILTER (WHERE tp.status = 'in_progress') AS in_progress,
                   count(*) FILTER (WHERE tp.status = 'missed') AS missed,
                   count(*) FILTER (WHERE tp.status = 'not_reported') AS not_reported
            FROM figures f JOIN target_progress tp ON tp.target_id = f.id
            WHERE f.plan_id = $plan AND f.task_id IS NOT NULL GROUP BY f.task_id
        ), units AS (
            SELECT ta.task_id, list({_name('ag', 'name', lang)} ORDER BY ta.position) AS units, list(ag.id ORDER BY ta.position) AS unit_ids
            FROM task_agencies ta JOIN agencies ag ON ag.id = ta.agency_id GROUP BY ta.task_id
        )
        SELECT tk.id, tk.seq, tk.number, tk.kind, {_name('tk', 'title', lang)} AS task_name, tk.parent_id,
               coalesce(u.units, []) AS units, coalesce(u.unit_ids, []) AS unit_ids,
               coalesce(t.targets, 0) AS targets, coalesce(t.target_stated, '') AS target_stated,
               coalesce(t.met, 0) AS met, coalesce(t.in_progress, 0) AS in_progress,
               coalesce(t.missed, 0) AS missed, coalesce(t.not_reported, 0) AS not_reported
        FROM plan_tasks tk LEFT JOIN targets t ON t.task_id = tk.id LEFT JOIN units u ON u.task_id = tk.id
        WHERE tk.plan_id = $plan
        ORDER BY tk.seq
    """, {"plan": plan_id, "lang": lang})


@cached_query
def city_measures(filters: Filters | None = None, lang: str = "zh") -> pd.DataFrame:
    """Per prefecture-level city: figures, targets, actuals (within the filters), clusters, bases and plans."""
    return query(f"""
        WITH counted AS (
            SELECT f.city_id, sum(f.figures)::INTEGER AS figures,
                   coalesce(sum(f.figures) FILTER (WHERE f.kind = 'target'), 0)::INTEGER AS targets,
                   coalesce(sum(f.figures) FILTER (WHERE f.kind = 'actual'), 0)::INTEGER AS actuals
            FROM figure_summary f WHERE {_where(filters)} AND f.city_id IS NOT NULL GROUP BY f.city_id
        )
        SELECT c.city_id, c.code, {_name('c', 'name', lang)} AS city_name, coalesce(counted.figures, 0) AS figures,
               coalesce(counted.targets, 0) AS targets, coalesce(counted.actuals, 0) AS actuals,
               c.clusters, c.bases, c.plans
        FROM city_list c LEFT JOIN counted ON counted.city_id = c.city_id
        ORDER BY c.code
    """, _params(filters, lang))


@cached_query
def clusters(filters: Filters | None = None, lang: str = "zh") -> pd.DataFrame:
    """Every cluster and base with its cities and regions and its number of figures (within the filters)."""
    return query(f"""
        WITH counted AS (
            SELECT f.cluster_id, sum(f.figures)::INTEGER AS figures
            FROM figure_summary f WHERE {_where(filters)} AND f.cluster_id IS NOT NULL GROUP BY ALL
        )
        SELECT cl.id, cl.kind, {_name('cl', 'name', lang)} AS cluster_name, cl.parent_id, coalesce({_name('cl', 'parent', lang)}, '') AS parent_name,
               cl.cities_{lang} AS cities, cl.city_ids,
               {_name('cl', 'regions', lang)} AS regions, coalesce(counted.figures, 0) AS figures,
               {_name('cl', 'document', lang)} AS document_name
        FROM cluster_list cl LEFT JOIN counted ON counted.cluster_id = cl.id
        WHERE ($city IS NULL OR list_contains(cl.city_ids, $city))
          AND ($cluster IS NULL OR cl.id = $cluster OR cl.parent_id = $cluster)
        ORDER BY cl.rank
    """, _params(filters, lang))


@cached_query
def filter_options(lang: str = "zh") -> dict[str, dict[str, str]]:
    """The values each sidebar filter accepts (id → name), in display order."""
    return _id_names({
        "plan": f"SELECT id, {_name('x', 'name', lang)} FROM plans x ORDER BY start_year, id",
        "city": f"SELECT id, {_name('x', 'name', lang)} FROM regions x WHERE level = 'city' ORDER BY code",
        "cluster": f"SELECT id, {_name('x', 'name', lang)} FROM clusters x ORDER BY kind, id",
        "category": f"SELECT id, {_name('x', 'name', lang)} FROM categories x ORDER BY sort",
    }, lang)


@cached_query
def year_range() -> tuple[int, int]:
    """First and last year any figure refers to."""
    low, high = query("SELECT min(year(ref_date)), max(year(ref_date)) FROM figures").iloc[0]
    return int(low), int(high)


@cached_query
def documents(lang: str = "zh") -> pd.DataFrame:
    """Every document with its metadata and the number of figures and exclusions taken from it."""
    return query(f"""
        SELECT d.id, {_name('d', 'title', lang)} AS title, d.title_zh, d.title_en, {_name('d', 'publisher', lang)} AS publisher,
               d.published, d.kind, d.url, {_name('d', 'license', lang)} AS license, {_name('d', 'note', lang)} AS note, d.file, d.sha256,
               (SELECT count(*) FROM figures f WHERE f.document_id = d.id) AS figures,
               (SELECT count(*) FROM exclusions e WHERE e.document_id = d.id) AS exclusions
        FROM documents d
        ORDER BY d.published DESC NULLS LAST, d.id
    """, {"lang": lang})


@cached_query
def quotes_in_context(document_id: str, filters: Filters | None = None, lang: str = "zh",
                      limit: int | None = TABLE_LIMIT, large: bool = False) -> pd.DataFrame:
    """A document's figures in document order, each quote with the text around it (cut once per build,
    etl/summaries.sql).

    `large` (see `large_document`): the document has so many figures that sorting them whole costs
    more than picking the page's rows on narrow columns first and then fetching only those. Measured
    in a warehouse of 1M figures: a document holding all of them 92 → 22 ms; a document with few
    figures would pay for the second pass instead (1.4 → 2.8 ms).
    """
    rows = f"{_of_document(filters)} ORDER BY f.source_line, f.rank LIMIT $limit"
    if large:
        rows = f"f.rank IN (SELECT f.rank FROM figure_list f WHERE {rows}) ORDER BY f.source_line, f.rank"
    return query(f"""
        SELECT {_figure_columns(lang)}, f.quote_start, f.quote_end,
               f.context_before AS before, f.context_quote AS matched, f.context_after AS after
        FROM figure_list f WHERE {rows}
    """, _params(filters, lang, document=document_id, limit=limit))


def _of_document(filters: Filters | None) -> str:
    return f"f.document_id = $document AND {_where(filters)}"


@cached_query
def document_figure_count(document_id: str, filters: Filters | None = None) -> int:
    """How many of a document's figures the filters let through (its table shows the first TABLE_LIMIT)."""
    frame = query(f"SELECT count(*) AS n FROM figure_list f WHERE {_of_document(filters)}",
                  _params(filters, document=document_id))
    return int(frame.at[0, "n"])


# Figures of a document above which the second pass pays: an estimate between the two measured cases.
LARGE_DOCUMENT = 20_000


@cached_query
def _large_documents() -> frozenset[str]:
    docs = documents("zh")  # with each document's number of figures, read once per build
    return frozenset(docs.loc[docs["figures"] > LARGE_DOCUMENT, "id"])


def large_document(document_id: str) -> bool:
    """Whether quotes_in_context should read this document's rows in two passes."""
    return document_id in _large_documents()


@cached_query
def exclusions(document_id: str, lang: str = "zh") -> pd.DataFrame:
    """The numbers of a document deliberately not loaded as figures, and why."""
    return query(f"SELECT e.stated, e.quote, {_name('e', 'reason', lang)} AS reason FROM exclusions e WHERE e.document_id = $document",
                 {"document": document_id})


def _explorer_where(filters: Filters | None, kind, search, units, qualifiers, documents_) -> str:
    """The sidebar filters and the explorer's own, only those that are set."""
    conditions = [_where(filters)]
    if kind:
        conditions.append("f.kind = $kind")
    if search and search.strip():
        conditions.append("""(f.quote ILIKE $search OR f.stated ILIKE $search OR f.indicator_zh ILIKE $search
            OR f.indicator_en ILIKE $search OR f.region_zh ILIKE $search OR f.region_en ILIKE $search
            OR coalesce(f.subject_zh, '') ILIKE $search OR f.id ILIKE $search)""")
    for values, column, name in ((units, "unit_id", "units"), (qualifiers, "qualifier", "qualifiers"),
                                 (documents_, "document_id", "documents")):
        if values:
            conditions.append(f"list_contains(${name}, f.{column})")
    return "WHERE " + " AND ".join(conditions)


def _explorer_params(filters, lang, kind, search, units, qualifiers, documents_):
    pattern = f"%{search.strip()}%" if search and search.strip() else None
    return _params(filters, lang, kind=kind, search=pattern, units=list(units), qualifiers=list(qualifiers),
                   documents=list(documents_))


@cached_query
def explorer_count(filters: Filters | None = None, kind: str | None = None, search: str = "",
                   units: tuple = (), qualifiers: tuple = (), documents_: tuple = ()) -> int:
    where = _explorer_where(filters, kind, search, units, qualifiers, documents_)
    # Without the explorer's own column filters the count is a sum over the summary's few rows.
    counted = "coalesce(sum(f.figures), 0)" if not ((search and search.strip()) or units or qualifiers or documents_) else None
    frame = query(f"SELECT {counted} AS n FROM figure_summary f {where}" if counted else
                  f"SELECT count(*) AS n FROM figure_list f {where}",
                  _explorer_params(filters, "zh", kind, search, units, qualifiers, documents_))
    return int(frame.at[0, "n"])


@cached_query
def explorer_page(filters: Filters | None = None, lang: str = "zh", kind: str | None = None, search: str = "",
                  units: tuple = (), qualifiers: tuple = (), documents_: tuple = (), sort: str = "date",
                  page: int = 1, page_size: int = 100) -> pd.DataFrame:
    """One page of the explorer's rows (the rest stay in DuckDB)."""
    where = _explorer_where(filters, kind, search, units, qualifiers, documents_)
    if sort == "date":  # the stored order: the scan stops once it has the page
        sql = f"SELECT {_figure_columns(lang)} FROM figure_list f {where} LIMIT $limit OFFSET $offset"
    else:  # the page's rows are picked on narrow columns, then only they are fetched whole
        order = {"value": "f.value DESC, f.rank", "indicator": f"{_name('f', 'indicator', lang)}, f.rank", "id": "f.id"}[sort]
        sql = f"""SELECT {_figure_columns(lang)} FROM figure_list f
                  WHERE f.rank IN (SELECT f.rank FROM figure_list f {where} ORDER BY {order} LIMIT $limit OFFSET $offset)
                  ORDER BY {order}"""
    return query(sql, {**_explorer_params(filters, lang, kind, search, units, qualifiers, documents_),
          "limit": page_size, "offset": (page - 1) * page_size})


@cached_query
def vocabulary(lang: str = "zh") -> dict[str, dict[str, str]]:
    """Names of units, qualifiers and documents (id → name) for the explorer's column filters."""
    return _id_names({
        "unit": f"SELECT id, {_name('x', 'name', lang)} FROM units x ORDER BY id",
        "qualifier": f"SELECT id, {_name('x', 'name', lang)} FROM qualifiers x",
        "document": f"SELECT id, {_name('x', 'title', lang)} FROM documents x ORDER BY published DESC",
    }, lang)


def _id_names(statements: dict[str, str], lang: str) -> dict[str, dict[str, str]]:
    """For each statement selecting (id, name): an id → name mapping, in the statement's order."""
    return {key: dict(query(sql, {"lang": lang}).itertuples(index=False, name=None)) for key, sql in statements.items()}


@cached_query
def build_stamp() -> dict:
    """When the warehouse was built and from which data: shown as the data's 'as of' on pages."""
    frame = query("SELECT built_at, source_digest, figures FROM build_info")
    row = frame.iloc[0]
    return {"built_at": row["built_at"], "digest": row["source_digest"][:12], "figures": int(row["figures"])}


@cached_query
def latest_as_of() -> str:
    """The latest date a figure refers to: the 'as of' date of the data shown."""
    return str(query("SELECT max(coalesce(as_of, period_end)) AS d FROM figures WHERE kind = 'actual'").at[0, "d"])
