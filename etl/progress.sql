-- Each target beside its comparable actual, with status, 完成率 and 序时进度: the plan tracker's rules.
--
-- Comparable: an actual of the same indicator, sector, region and cluster, dated from the start of
-- the target's period to one year after its end (year-end results are published the next year);
-- the latest such actual counts. Status respects both qualifiers:
--   以上 (at_least) and plain targets are met by an equal actual; 超过/突破 (more_than) only by a
--   greater one (or an actual itself stated as "more than" the same number); 左右/约 (about) and
--   近 (nearly) are met within the tolerance $tolerance below the target; 最高/不超过 (at_most) by an
--   actual not above it. An actual stated as 近 (nearly) X is below X.
-- Not met by an actual dated at or after the end of the period: missed; earlier: in progress.
-- No comparable actual: not reported (never hidden, never filled in).
-- 完成率 = actual / target where that means something (not for growth rates, ranks, percentage
-- points or ceilings); 序时进度 = share of the period elapsed on the actual's date.
-- Light: met → green; missed → red; in progress → green if 完成率 ≥ 序时进度, else amber;
-- not reported → grey.
CREATE TABLE target_progress AS
WITH target AS (
    SELECT f.id, f.indicator_id, f.sector_id, f.region_id, f.cluster_id, f.value, f.qualifier, f.unit_id,
           make_date(coalesce(CAST(left(f.period_start, 4) AS INTEGER), p.start_year), 1, 1) AS starts,
           coalesce(f.ref_date, make_date(p.end_year, 12, 31)) AS ends
    FROM figures f JOIN plans p ON p.id = f.plan_id
    WHERE f.kind = 'target'
), matched AS (
    SELECT t.id AS target_id, a.id AS actual_id, a.value AS actual, a.qualifier AS actual_qualifier,
           a.ref_date AS actual_date
    FROM target t JOIN figures a
      ON a.kind = 'actual' AND a.indicator_id = t.indicator_id AND a.sector_id = t.sector_id
     AND a.region_id = t.region_id AND a.cluster_id IS NOT DISTINCT FROM t.cluster_id
     AND a.ref_date BETWEEN t.starts AND t.ends + INTERVAL 1 YEAR
    QUALIFY row_number() OVER (PARTITION BY t.id ORDER BY a.ref_date DESC, a.id DESC) = 1
), judged AS (
    SELECT t.id AS target_id, m.actual_id, t.starts AS period_start, t.ends AS period_end, m.actual_date,
           CASE WHEN m.actual_id IS NULL THEN NULL
                WHEN t.qualifier = 'at_most' THEN m.actual <= t.value
                WHEN t.qualifier = 'more_than' THEN m.actual > t.value
                     OR (m.actual = t.value AND m.actual_qualifier = 'more_than')
                WHEN t.qualifier IN ('about', 'nearly') THEN m.actual >= t.value * (1 - $tolerance)
                ELSE m.actual > t.value OR (m.actual = t.value AND m.actual_qualifier NOT IN ('nearly', 'at_most'))
           END AS met,
           CASE WHEN m.actual_id IS NOT NULL AND t.value > 0 AND t.qualifier <> 'at_most'
                     AND t.unit_id NOT IN ('pp', 'rank') AND NOT i.signed
                THEN m.actual / t.value END AS completion,
           CASE WHEN m.actual_id IS NOT NULL
                THEN least(1.0, greatest(0.0, date_diff('day', t.starts, m.actual_date)
                                              / greatest(1, date_diff('day', t.starts, t.ends)))) END AS elapsed
    FROM target t
    JOIN indicators i ON i.id = t.indicator_id
    LEFT JOIN matched m ON m.target_id = t.id
)
SELECT target_id, actual_id, period_start, period_end, completion, elapsed,
       CASE WHEN actual_id IS NULL THEN 'not_reported' WHEN met THEN 'met'
            WHEN actual_date >= period_end THEN 'missed' ELSE 'in_progress' END AS status,
       CASE WHEN actual_id IS NULL THEN 'grey' WHEN met THEN 'green'
            WHEN actual_date >= period_end THEN 'red'
            WHEN completion IS NOT NULL AND completion >= elapsed THEN 'green' ELSE 'amber' END AS light
FROM judged;
