-- Tables the pages read, derived from the warehouse once per build so that a page rerun reads one
-- small or pre-joined table instead of joining and sorting every figure (see docs/benchmarks.md).
--   figure_list      every figure with the names it is shown with (zh and en), in display order (rank),
--                    and its quote's place in the document's text (up to 80 characters each side)
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
       substr(d.text, greatest(1, f.quote_start + 1 - 80), least(f.quote_start, 80)) AS context_before,
       substr(d.text, f.quote_start + 1, f.quote_end - f.quote_start) AS context_quote,
       substr(d.text, f.quote_end + 1, 80) AS context_after,
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

-- The actuals the overview leads with: the indicators an official asks about first, in this order.
CREATE TABLE headline_actuals AS
SELECT h.position, f.*
FROM figure_list f
JOIN (VALUES (1, 'enterprises', 'textile_garment'), (2, 'employment_monthly_avg', 'textile_garment'),
             (3, 'national_clusters', 'textile_garment'), (4, 'enterprises', 'workwear'),
             (5, 'operating_revenue', 'workwear'), (6, 'independent_brands', 'workwear'))
     AS h(position, indicator_id, sector_id) ON h.indicator_id = f.indicator_id AND h.sector_id = f.sector_id
WHERE f.kind = 'actual'
ORDER BY h.position, f.rank;

-- The 16 cities with what they host (clusters, industrial bases and sub-bases, city plans).
CREATE TABLE city_list AS
WITH located AS (
    SELECT DISTINCT rr.city_id, cl.id, cl.kind
    FROM cluster_regions cr JOIN regions rr ON rr.id = cr.region_id JOIN clusters cl ON cl.id = cr.cluster_id
), hosted AS (
    SELECT city_id, count(*) FILTER (WHERE kind NOT IN ('industrial_base', 'sub_base')) AS clusters,
           count(*) FILTER (WHERE kind IN ('industrial_base', 'sub_base')) AS bases
    FROM located GROUP BY city_id
), planned AS (
    SELECT rr.city_id, count(*) AS plans FROM plans p JOIN regions rr ON rr.id = p.region_id
    WHERE rr.city_id IS NOT NULL GROUP BY rr.city_id
)
SELECT r.id AS city_id, r.code, r.name_zh, r.name_en, coalesce(hosted.clusters, 0)::INTEGER AS clusters,
       coalesce(hosted.bases, 0)::INTEGER AS bases, coalesce(planned.plans, 0)::INTEGER AS plans
FROM regions r LEFT JOIN hosted ON hosted.city_id = r.id LEFT JOIN planned ON planned.city_id = r.id
WHERE r.level = 'city'
ORDER BY r.code;

-- Every cluster and base with its cities and regions, named in both languages, in display order.
CREATE TABLE cluster_list AS
WITH places AS (
    SELECT cr.cluster_id, list(DISTINCT city.name_zh ORDER BY city.name_zh) AS cities_zh,
           list(DISTINCT coalesce(city.name_en, city.name_zh) ORDER BY coalesce(city.name_en, city.name_zh)) AS cities_en,
           list(DISTINCT city.id ORDER BY city.id) AS city_ids,
           string_agg(rr.name_zh, '、' ORDER BY cr.position) AS regions_zh,
           string_agg(coalesce(rr.name_en, rr.name_zh), ', ' ORDER BY cr.position) AS regions_en
    FROM cluster_regions cr JOIN regions rr ON rr.id = cr.region_id
    LEFT JOIN regions city ON city.id = rr.city_id
    GROUP BY cr.cluster_id
)
SELECT row_number() OVER (ORDER BY CASE cl.kind WHEN 'featured_cluster' THEN 1 WHEN 'industrial_base' THEN 2
                                                WHEN 'sub_base' THEN 3 ELSE 4 END, cl.id) AS rank,
       cl.id, cl.kind, cl.name_zh, cl.name_en, cl.parent_id, parent.name_zh AS parent_zh, parent.name_en AS parent_en,
       coalesce(places.cities_zh, []) AS cities_zh, coalesce(places.cities_en, []) AS cities_en,
       coalesce(places.city_ids, []) AS city_ids, coalesce(places.regions_zh, '') AS regions_zh,
       coalesce(places.regions_en, '') AS regions_en, d.title_zh AS document_zh, d.title_en AS document_en
FROM clusters cl
LEFT JOIN clusters parent ON parent.id = cl.parent_id
LEFT JOIN places ON places.cluster_id = cl.id
LEFT JOIN documents d ON d.id = cl.document_id
ORDER BY rank;
