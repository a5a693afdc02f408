-- Tables the pages read, derived from the warehouse once per build so that a page rerun reads one
-- small or pre-joined table instead of joining and sorting every figure (see docs/benchmarks.md).
--   figure_list      every figure with the names it is shown with (zh and en), in display order (rank)
--   target_list      every target with its progress and comparable actual, in display order (rank)
--   figure_summary   figure counts per kind × plan × city × cluster × category × year
--   target_summary   target counts per plan × status × city × cluster × category × year
-- Filter columns (plan_id, city_id, cluster_id, cluster_parent_id, category_id, year) have the same
-- names in all four, so one WHERE fragment filters each of them.
CREATE TABLE figure_list AS
SELECT row_number() OVER (ORDER BY f.ref_date DESC NULLS LAST, f.document_id, f.source_line, f.id) AS rank,
       f.id, f.kind, f.indicator_id, i.name_zh AS indicator_zh, i.name_en AS indicator_en, i.signed,
       i.category_id, cat.name_zh AS category_zh, cat.name_en AS category_en, cat.sort AS category_sort,
       f.sector_id, s.name_zh AS sector_zh, s.name_en AS sector_en,
       f.region_id, r.name_zh AS region_zh, r.name_en AS region_en, r.city_id,
       f.cluster_id, c.parent_id AS cluster_parent_id, c.name_zh AS cluster_zh, c.name_en AS cluster_en,
       f.plan_id, p.name_zh AS plan_zh, p.name_en AS plan_en, f.task_id,
       f.subject_zh, f.subject_en, f.period_start, f.period_end, f.as_of, f.ref_date, year(f.ref_date) AS year,
       f.value, f.unit_id, f.qualifier, f.stated, f.quote, f.quote_start, f.quote_end,
       f.document_id, d.title_zh AS document_zh, d.title_en AS document_en, d.published AS document_date,
       f.source_file, f.source_line
FROM figures f
JOIN indicators i ON i.id = f.indicator_id
JOIN categories cat ON cat.id = i.category_id
JOIN sectors s ON s.id = f.sector_id
JOIN regions r ON r.id = f.region_id
JOIN documents d ON d.id = f.document_id
LEFT JOIN clusters c ON c.id = f.cluster_id
LEFT JOIN plans p ON p.id = f.plan_id
ORDER BY rank;

CREATE TABLE target_list AS
SELECT row_number() OVER (ORDER BY pl.start_year, f.plan_id, f.document_id, f.source_line, f.id) AS rank,
       f.id, f.plan_id, f.plan_zh, f.plan_en, f.task_id, tk.title_zh AS task_zh, tk.title_en AS task_en,
       f.indicator_zh, f.indicator_en, f.region_zh, f.region_en, f.cluster_zh, f.cluster_en,
       f.stated AS target_stated, f.value AS target_value, f.qualifier AS target_qualifier, f.unit_id, f.signed,
       tp.period_start, tp.period_end, tp.status, tp.light, tp.completion, tp.elapsed,
       a.id AS actual_id, a.stated AS actual_stated, a.value AS actual_value, a.qualifier AS actual_qualifier,
       coalesce(a.as_of, a.period_end) AS actual_date,
       f.quote AS target_quote, f.document_zh AS target_document_zh, f.document_en AS target_document_en,
       a.quote AS actual_quote, ad.title_zh AS actual_document_zh, ad.title_en AS actual_document_en,
       f.city_id, f.cluster_id, f.cluster_parent_id, f.category_id, f.year
FROM figure_list f
JOIN target_progress tp ON tp.target_id = f.id
JOIN plans pl ON pl.id = f.plan_id
LEFT JOIN plan_tasks tk ON tk.id = f.task_id
LEFT JOIN figures a ON a.id = tp.actual_id
LEFT JOIN documents ad ON ad.id = a.document_id
ORDER BY rank;

CREATE TABLE figure_summary AS
SELECT kind, plan_id, city_id, cluster_id, cluster_parent_id, category_id, year, count(*) AS figures
FROM figure_list GROUP BY ALL;

CREATE TABLE target_summary AS
SELECT plan_id, status, city_id, cluster_id, cluster_parent_id, category_id, year, count(*) AS targets
FROM target_list GROUP BY ALL;
