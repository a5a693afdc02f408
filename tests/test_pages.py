"""Every page as a user meets it (Streamlit AppTest): both languages, several filter combinations,
the numbers and statuses a user reads, and a download under every table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from etl import build, paths
from tests.conftest import DataCopy, make_comparable

APP = "../app.py"
PAGES = ["pages/overview.py", "pages/tracker.py", "pages/cities.py", "pages/clusters.py", "pages/sources.py",
         "pages/explorer.py"]
TITLES = {
    "zh": ["山东纺织服装指标看板", "规划跟踪", "城市", "集群与基地", "来源", "数据浏览"],
    "en": ["Shandong Textile & Garment Indicator Dashboard", "Plan tracker", "Cities", "Clusters", "Sources",
           "Data explorer"],
}
HAN = re.compile(r"[\u4e00-\u9fff]")
FILTERS = [
    {},
    {"city": "weihai"},
    {"plan": "sd-light-textile-2022"},
    {"cluster": "weihai-torch-fashion", "category": "economy"},
    {"category": "talent", "from": "2026"},
    {"city": "heze", "category": "standards"},  # nothing matches: every page must say so, not fail
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """One warehouse built from data/ for this module's read-only page runs."""
    path = tmp_path_factory.mktemp("pages") / "warehouse.duckdb"
    build.run(paths.DATA, path)
    return path


@pytest.fixture
def app_on(warehouse, monkeypatch):
    monkeypatch.setenv("SDTEX_DB", str(warehouse))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def open_page(page: str, lang: str = "zh", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list[dict]:
    """The plotly figures on the page, as their JSON specs."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def table_with(at: AppTest, column: str):
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "none")
def test_every_page_renders_under_every_filter_in_both_languages(app_on, lang, params):
    for page, title in zip(PAGES, TITLES[lang], strict=True):
        at = open_page(page, lang, **params)
        assert at.title[0].value == title
        assert not at.error
        for frame in at.dataframe:
            headers = " ".join(map(str, frame.value.columns))
            if lang == "en":
                assert not HAN.search(headers), f"{page}: untranslated headers {headers}"
            assert not frame.value.isna().any().any(), f"{page}: a missing value would show as None"
        # every table is downloadable, as CSV and as Excel
        labels = [b.proto.label for b in at.get("download_button")]
        assert labels.count("Download CSV" if lang == "en" else "下载 CSV") == len(at.dataframe)
        assert labels.count("Download Excel" if lang == "en" else "下载 Excel") == len(at.dataframe)
        if not at.dataframe:
            assert at.info, f"{page}: an empty result must say so in words"


def test_numbers_are_shown_as_stated_in_chinese_and_formatted_in_english(app_on):
    zh = {m.label: m.value for m in open_page(PAGES[0], "zh").metric}
    en = {m.label: m.value for m in open_page(PAGES[0], "en").metric}
    assert zh["企业数量（纺织服装）"] == "5万余家"
    assert en["Enterprises (Textiles and garments)"] == "50,000+ enterprises"
    assert zh["年营业收入（工装）"] == "450亿元"
    assert en["Annual operating revenue (Workwear)"] == "CNY 45.0 bn"


def test_each_headline_figure_carries_its_source_and_quote(app_on):
    at = open_page(PAGES[0])
    revenue = next(m for m in at.metric if m.label == "年营业收入（工装）")
    assert "450亿元" in revenue.proto.help
    captions = " ".join(c.value for c in at.caption)
    assert "来源：山东以工装高地建设推动纺织服装产业高质量发展情况新闻发布会（文字实录）" in captions


def test_the_tracker_lists_every_target_as_not_yet_reported_when_no_actual_compares(app_on):
    at = open_page("pages/tracker.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"已完成": "0", "推进中": "0", "未完成": "0", "尚无实际数据": "42"}
    table = table_with(at, "目标原文")
    assert len(table) == 42
    assert set(table["状态"]) == {"尚无实际数据"}
    assert {"20家以上", "10个左右", "突破500亿元"} <= set(table["目标"])  # qualifiers kept verbatim
    assert any("5% 以内" in m.value for m in at.markdown), "the page states its tolerance for 左右"


def test_the_tracker_for_2022_answers_which_targets_have_an_actual(app_on):
    at = open_page("pages/tracker.py", plan="sd-light-textile-2022")
    table = table_with(at, "目标原文")
    assert len(table) == 17
    assert set(table["规划"]) == {"现代轻工纺织产业2022年行动计划"}


def test_the_task_ledger_filters_by_responsible_unit(app_on):
    at = open_page("pages/tracker.py")
    at.selectbox(key="tracker_ledger_plan").set_value("weihai-light-textile-2023-2025").run()
    ledger = table_with(at, "责任单位")
    tasks = (paths.DATA.curated / "plan_tasks.csv").read_text(encoding="utf-8").count("\nweihai-light-textile-2023-2025/")
    assert len(ledger) == tasks
    at.selectbox(key="tracker_ledger_unit").set_value("wh-commerce").run()
    narrowed = table_with(at, "责任单位")
    assert 0 < len(narrowed) < len(ledger)
    assert narrowed["责任单位"].str.contains("市商务局").all()


@pytest.fixture
def comparable_data(data_copy: DataCopy, tmp_path, monkeypatch) -> DataCopy:
    """The data with two targets that have comparable actuals (see make_comparable)."""
    make_comparable(data_copy)
    database = tmp_path / "comparable.duckdb"
    build.run(data_copy, database)
    monkeypatch.setenv("SDTEX_DB", str(database))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield data_copy
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_target_with_a_comparable_actual_shows_its_status_and_completion_rate(comparable_data):
    at = open_page("pages/tracker.py", plan="weihai-light-textile-2023-2025")
    table = table_with(at, "目标原文").set_index("目标")
    assert table.at["5家以上", "状态"] == "已完成"
    assert table.at["5家以上", "实际"] == "11家"
    assert table.at["5家以上", "完成率"] == "220.0%"
    assert table.at["5家以上", "亮灯"].startswith("🟢")
    assert table.at["50家左右", "状态"] == "未完成"
    assert table.at["50家左右", "完成率"] == "20.0%"
    assert table.at["50家左右", "亮灯"].startswith("🔴")
    assert table.at["10个左右", "状态"] == "尚无实际数据"
    chart = next(spec for spec in charts(at) if spec["layout"]["title"]["text"] == "完成率与序时进度")
    assert "220.0%" in chart["data"][0]["text"]


def test_the_cities_page_opens_a_city_and_shows_what_is_known(app_on):
    at = open_page("pages/cities.py")
    assert len(table_with(at, "行政区划代码")) == 16
    at.selectbox(key="cities_city").set_value("weihai").run()
    assert at.header[0].value == "威海市"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["目标"] == "7" and metrics["市级规划"] == "1"
    clusters = table_with(at, "所在城市")
    assert "威海火炬高新区时尚设计制造产业集群" in set(clusters["名称"])
    assert len(table_with(at, "原文")) == 37


def test_the_city_map_draws_all_sixteen_cities_from_the_shipped_boundaries(app_on):
    at = open_page("pages/cities.py", lang="en")
    spec = next(spec for spec in charts(at) if spec["data"][0]["type"] == "choroplethmap")
    assert len(spec["data"][0]["geojson"]["features"]) == 16
    assert sorted(spec["data"][0]["locations"]) == sorted(f["properties"]["code"] for f in spec["data"][0]["geojson"]["features"])
    assert spec["layout"]["map"]["style"] == "white-bg", "the map must need no tiles from the network"


def test_the_clusters_page_shows_the_bases_cities_and_the_torch_cluster_figures(app_on):
    at = open_page("pages/clusters.py")
    listing = table_with(at, "所在城市").set_index("名称")
    bases = listing[listing["层级"] == "产业基地"]
    assert len(bases) == 6
    assert all(cities for cities in bases["所在城市"])
    at.selectbox(key="clusters_cluster").set_value("weihai-torch-fashion").run()
    figures = table_with(at, "原文")
    assert {"105.3亿元", "6.7%", "29.65亿元", "25.7%"} <= set(figures["数值"])


def test_the_sources_page_shows_each_quote_in_its_sentence(app_on):
    at = open_page("pages/sources.py")
    at.selectbox(key="sources_document").set_value("sd-workwear-press-2026").run()
    figures = table_with(at, "原文上下文")
    assert len(figures) == 67
    revenue = figures[figures["数值"] == "450亿元"].iloc[0]
    assert "【" in revenue["原文上下文"] and "450亿元" in revenue["原文上下文"]
    excluded = table_with(at, "原因")
    assert len(excluded) == 21


@pytest.mark.parametrize(("lang", "note", "licence", "column", "reason"), [
    ("zh", "文号为威工信发〔2023〕52号。", "公开的政府或新闻文本，未注明许可；原样保存，供引用和核对数字。", "许可", "原因"),
    ("en", "Issued as 威工信发〔2023〕52号.", "Public government or press text; no license stated.", "Licence", "Reason"),
], ids=["zh", "en"])
def test_the_sources_page_describes_each_document_in_the_readers_language(app_on, lang, note, licence, column, reason):
    at = open_page("pages/sources.py", lang)
    at.selectbox(key="sources_document").set_value("weihai-light-textile-plan-2023").run()
    assert note in [text.value for text in at.text]
    assert any(licence in caption.value for caption in at.caption)
    assert all(value.startswith(licence) for value in table_with(at, column)[column])
    excluded = table_with(at, reason)
    assert excluded.set_index("原文数值" if lang == "zh" else "As stated").at["52 号", reason] == (
        "文号。" if lang == "zh" else "A document number.")


def test_the_explorer_searches_and_pages_through_all_figures(app_on):
    at = open_page("pages/explorer.py")
    assert len(table_with(at, "原文")) == 100
    at.number_input(key="explorer_page").set_value(2).run()
    assert len(table_with(at, "原文")) == 29
    at.number_input(key="explorer_page").set_value(1).run()
    at.segmented_control(key="explorer_sort").set_value("value").run()
    assert table_with(at, "原文").iloc[0]["数值"] == "突破500亿元"  # the largest figure, 500亿元, first
    at.text_input(key="explorer_search").input("450亿").run()
    table = table_with(at, "原文")
    assert "450亿元" in set(table["数值"])
    assert table["原文"].str.contains("450亿").all()
    at.text_input(key="explorer_search").input("no such words anywhere").run()
    assert at.info and not at.dataframe


def test_switching_language_changes_labels_and_keeps_the_filters(app_on):
    at = open_page("pages/tracker.py", city="weihai")
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Plan tracker"
    assert at.query_params["lang"] == "en" and at.query_params["city"] == "weihai"
    table = table_with(at, "Target quote")
    assert set(table["Status"]) == {"Not yet reported"}
    assert "over CNY 50.0 bn" in set(table["Target"])
