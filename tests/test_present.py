"""Meeting mode: the present page as a user meets it (AppTest), and the deck it exports.

The deck of the full data is built and exported once per module; the page runs against one
warehouse built from data/.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from pathlib import Path

import pytest
import streamlit as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard import deck as deck_module
from dashboard import slides
from dashboard.filters import Filters
from etl import build, paths
from tests.conftest import DataCopy, make_comparable

APP = "../app.py"
PAGE = "pages/present.py"
HAN = re.compile(r"[\u4e00-\u9fff]")
H1 = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)


def curated_quotes() -> set[str]:
    quotes = set()
    for path in (paths.DATA.curated / "figures").glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            quotes |= {row["quote"] for row in csv.DictReader(handle)}
    return quotes


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("present") / "warehouse.duckdb"
    build.run(paths.DATA, path)
    return path


def _fresh_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app_on(warehouse, monkeypatch):
    monkeypatch.setenv("SDTEX_DB", str(warehouse))
    _fresh_caches()
    yield warehouse
    _fresh_caches()


@pytest.fixture(scope="module")
def full_deck(warehouse):
    """The Chinese deck of all the data, and its .pptx and PDF renderings."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDTEX_DB", str(warehouse))
        _fresh_caches()
        built = slides.build_deck(Filters(), "zh", "light")
        english = slides.build_deck(Filters(), "en", "dark")
    _fresh_caches()
    return built, english, deck_module.to_pptx(built), deck_module.to_pdf(built)


def open_present(lang: str = "zh", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def htmls(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def slide_title(at: AppTest) -> str:
    """The <h1> of the slide on screen (slides are written as HTML so data stays text)."""
    for body in htmls(at):
        if "present-head" in body or "present-cover" in body:
            return html.unescape(H1.search(body).group(1))
    raise AssertionError("no slide on the page")


def position(at: AppTest) -> tuple[int, int]:
    """The "k / n" of the navigation bar."""
    for markdown in at.markdown:
        if match := re.fullmatch(r"\*\*(\d+) / (\d+)\*\*", markdown.value):
            return int(match[1]), int(match[2])
    raise AssertionError("no 'k / n' on the page")


# --- The page --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("params", [{}, {"city": "weihai"}, {"plan": "sd-light-textile-2022"},
                                    {"city": "heze", "category": "standards"}],
                         ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "none")
def test_the_page_opens_on_the_title_slide_of_the_current_view(app_on, lang, params):
    at = open_present(lang, **params)
    snapshot = at.session_state["present_snapshot"]
    assert position(at) == (1, snapshot.total)
    assert snapshot.filters == Filters(**params) and snapshot.lang == lang
    title = slide_title(at)
    if lang == "en":
        assert not HAN.search(title)
    if params.get("city") == "weihai":
        assert ("威海" if lang == "zh" else "Weihai") in title, "the title slide names the filter"
    footer = next(body for body in htmls(at) if "present-footer" in body)
    assert f"1 / {snapshot.total}" in footer
    assert ("数据截至" if lang == "zh" else "Data as of") in footer


def test_next_and_previous_change_the_slide(app_on):
    at = open_present()
    first, total = slide_title(at), position(at)[1]
    at.button(key="present_next").click().run()
    assert position(at) == (2, total)
    assert slide_title(at) == "最新实际数据" != first
    at.button(key="present_next").click().run()
    assert position(at) == (3, total)
    assert slide_title(at) == "各规划目标完成状态"
    assert at.get("plotly_chart"), "a chart slide shows its chart"
    at.button(key="present_prev").click().run()
    assert position(at) == (2, total) and slide_title(at) == "最新实际数据"
    assert at.button(key="present_prev").proto.shortcut == "left"
    assert at.button(key="present_next").proto.shortcut == "right"


def test_a_chart_is_shown_large_for_the_room_and_made_once_per_snapshot_and_theme(app_on):
    at = open_present()
    at.button(key="present_next").click().run()
    at.button(key="present_next").click().run()
    snapshot = at.session_state["present_snapshot"]
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert (layout["height"], layout["font"]["size"], layout["hoverlabel"]["font"]["size"]) == (560, 20, 18)
    assert "text" not in layout.get("title", {}), "the slide's heading is its title"
    shown = slides.screen_figure(snapshot, "light", 3)
    at.button(key="present_prev").click().run()
    at.button(key="present_next").click().run()
    assert slides.screen_figure(snapshot, "light", 3) is shown, "not remade on a slide change"
    deck_figure = snapshot.decks["light"].slides[1].figure
    assert deck_figure.layout.height != 560 and deck_figure.layout.font.size == 15, "the deck's figure is left alone"
    at.segmented_control(key="present_theme").set_value("dark").run()
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert (layout["height"], layout["paper_bgcolor"], layout["plot_bgcolor"]) == (520, "#000000", "#000000")


def test_the_page_hides_the_app_around_the_slide_and_switches_to_the_dark_16_9_stage(app_on):
    at = open_present()
    at.button(key="present_next").click().run()
    style = next(body for body in htmls(at) if "<style>" in body)
    assert "[data-testid=\"stSidebar\"]" in style and "display: none" in style
    assert "aspect-ratio" not in style
    snapshot = at.session_state["present_snapshot"]
    at.segmented_control(key="present_theme").set_value("dark").run()
    style = next(body for body in htmls(at) if "<style>" in body)
    assert "aspect-ratio: 16 / 9" in style and "#000000" in style
    assert position(at)[0] == 2, "the theme changes, the slide does not"
    assert at.session_state["present_snapshot"] is snapshot, "nor does the data"


def test_the_deck_stays_as_it_was_opened_until_reloaded(app_on, data_copy: DataCopy, tmp_path):
    at = open_present()
    snapshot = at.session_state["present_snapshot"]
    at.button(key="present_next").click().run()
    # The warehouse is rebuilt from changed data in the middle of the talk.
    data_copy.edit("documents.csv", 0, note_zh="重建的数据库", note_en="a rebuilt warehouse")
    rebuilt = tmp_path / "rebuilt.duckdb"
    build.run(data_copy, rebuilt)
    os.replace(rebuilt, app_on)
    at.button(key="present_next").click().run()
    assert at.session_state["present_snapshot"] is snapshot
    assert position(at)[0] == 3
    assert any("数据已更新" in caption.value for caption in at.caption)
    at.button(key="present_refresh").click().run()
    assert at.session_state["present_snapshot"].digest != snapshot.digest
    assert position(at)[0] == 1


def test_leaving_and_reopening_the_page_takes_a_new_snapshot_only_when_the_data_changed(app_on):
    at = open_present()
    snapshot = at.session_state["present_snapshot"]
    at.switch_page("pages/overview.py").run()
    at.switch_page(PAGE).run()
    assert at.session_state["present_snapshot"] is snapshot


def test_auto_advance_moves_on_when_its_time_is_due_and_the_pause_key_holds_it(app_on):
    at = open_present()
    at.toggle(key="present_auto").set_value(True).run()
    assert position(at)[0] == 1, "the first slide gets its full interval"
    at.session_state["present_due"] = 0  # the interval has passed: the timer's rerun advances
    at.run()
    assert position(at)[0] == 2
    assert at.button(key="present_pause").proto.shortcut == "p"
    at.button(key="present_pause").click().run()
    at.session_state["present_due"] = 0
    at.run()
    assert position(at)[0] == 2, "paused"
    assert any("P" in caption.value for caption in at.caption)


def test_export_buttons_are_offered_for_the_deck_and_the_chart_on_screen(app_on):
    at = open_present("en")
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["PowerPoint deck", "PDF (16:9)"], "the title slide has no chart"
    at.button(key="present_next").click().run()
    at.button(key="present_next").click().run()
    labels = [button.proto.label for button in at.get("download_button")]
    assert {"This chart as PNG", "This chart as SVG", "PowerPoint deck", "PDF (16:9)"} == set(labels)


# --- The deck --------------------------------------------------------------------------------

def test_the_exported_pptx_has_a_slide_for_the_title_and_each_deck_slide(full_deck):
    built, _, pptx_bytes, _ = full_deck
    pptx = Presentation(io.BytesIO(pptx_bytes))
    assert len(pptx.slides) == len(built.slides) + 1
    assert (pptx.slide_width, pptx.slide_height) == (12192000, 6858000), "16:9"
    texts = [[shape.text_frame.text for shape in page.shapes if shape.has_text_frame] for page in pptx.slides]
    assert built.title in texts[0]
    for page, slide in zip(texts[1:], built.slides, strict=True):
        assert slide.title in page
    titles = [slide.title for slide in built.slides]
    assert titles[:2] == ["最新实际数据", "各规划目标完成状态"]
    assert {"规划期限", "各市数字条数", "各市承载的产业集群与基地"} <= set(titles)
    assert "威海火炬高新区时尚设计制造产业集群 · 人民币元" in titles
    plans = [t for t in titles if t.endswith("行动方案（征求意见稿）") or "行动计划" in t or "行动方案(" in t]
    assert len(set(plans)) == 4, "every plan has its targets on a slide"


def test_every_chart_slide_has_its_picture_and_quotes_in_the_speaker_notes(full_deck):
    built, _, pptx_bytes, _ = full_deck
    pptx = Presentation(io.BytesIO(pptx_bytes))
    quotes = curated_quotes()
    charts = 0
    for page, slide in zip(list(pptx.slides)[1:], built.slides, strict=True):
        notes = page.notes_slide.notes_text_frame.text if page.has_notes_slide else ""
        assert notes, f"{slide.title}: speaker notes"
        if slide.figure is None:
            continue
        charts += 1
        assert any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in page.shapes), slide.title
        if slide.title != "各市承载的产业集群与基地":  # memberships carry no quote; its notes list them
            assert any(f"“{quote}”" in notes for quote in quotes), f"{slide.title}: a quote from the data"
    assert charts >= 8
    status = next(page for page, slide in zip(list(pptx.slides)[1:], built.slides, strict=True)
                  if slide.title == "各规划目标完成状态")
    assert "“培育出工装独立品牌500余个”" not in status.notes_slide.notes_text_frame.text, "targets' quotes only"
    assert "打造50家左右产值过亿元的知名品牌企业" in status.notes_slide.notes_text_frame.text


def test_every_slide_names_its_sources_and_the_as_of_date(full_deck):
    built, _, pptx_bytes, _ = full_deck
    pptx = Presentation(io.BytesIO(pptx_bytes))
    as_of = deck_module.LABELS["zh"]["as_of"].format(as_of=built.as_of)
    for number, page in enumerate(pptx.slides, start=1):
        text = "\n".join(shape.text_frame.text for shape in page.shapes if shape.has_text_frame)
        assert as_of in text, f"slide {number}: as-of date"
        assert f"{number} / {len(pptx.slides)}" in text
        if number > 1:
            assert "来源：" in text, f"slide {number}: sources"


def test_a_plan_without_comparable_actuals_lists_its_targets_as_not_yet_reported(full_deck):
    built = full_deck[0]
    pages = [s for s in built.slides if s.title == "现代轻工纺织产业2022年行动计划"]
    assert [s.subtitle for s in pages] == ["目标与实际对照（1/3）", "目标与实际对照（2/3）", "目标与实际对照（3/3）"]
    bullets = [b for s in pages for b in s.bullets]
    assert len(bullets) == 17 and all(b.endswith("· 尚无实际数据") for b in bullets)
    assert "百亿级企业：20家以上 · 尚无实际数据" in bullets
    assert all(s.figure is None and s.status == "尚无实际数据 17" for s in pages), "never a blank chart"


def test_the_pdf_has_one_16_9_page_per_slide(full_deck):
    built, _, _, pdf_bytes = full_deck
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    assert len(pdf.pages) == len(built.slides) + 1
    box = pdf.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 3) == round(16 / 9, 3)
    assert "最新实际数据" in pdf.pages[1].extract_text()


def test_the_english_deck_is_in_english_and_fits_its_boxes(full_deck):
    built, english = full_deck[0], full_deck[1]
    assert english.theme == "dark" and len(english.slides) >= len(built.slides) - 2
    for slide in english.slides:
        assert slides._fits(slide.title, "title"), slide.title
        assert not slide.subtitle or slides._fits(slide.subtitle, "subtitle"), slide.subtitle
        assert not slide.status or slides._fits(slide.status, "status"), slide.status
        assert slides._fits(slides.footer_text(english, slide.footnote), "footer"), slide.footnote
    labels = [s.title for s in english.slides if s.title.split(" (")[0] in
              ("Latest reported actuals", "Targets of each plan by status", "Plan periods", "Figures by city")]
    assert len(labels) == 4 and not any(HAN.search(label) for label in labels)
    assert "Enterprises (Textiles and garments): 50,000+ enterprises" in english.slides[0].bullets


def test_a_chart_exports_as_png_and_svg_with_its_title_and_source(full_deck):
    built = full_deck[0]
    number = next(n for n, s in enumerate(built.slides, start=2) if s.figure is not None)
    figure = slides.export_figure(built, number)
    assert built.slides[number - 2].title in figure.layout.title.text
    assert "来源" in figure.layout.title.subtitle.text and built.as_of in figure.layout.title.subtitle.text
    png, svg = deck_module.chart_images([figure, figure], "png", *slides.EXPORT_PX, scale=2)[0], \
        deck_module.chart_svg(figure, *slides.EXPORT_PX)
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == slides.EXPORT_PX[0] * 2
    assert "各规划目标完成状态" in svg.decode("utf-8")


# Where an actual compares with a target, the plan gets its 完成率 chart (same data as test_pages).
@pytest.fixture
def comparable_warehouse(data_copy: DataCopy, tmp_path, monkeypatch):
    make_comparable(data_copy)
    database = tmp_path / "comparable.duckdb"
    build.run(data_copy, database)
    monkeypatch.setenv("SDTEX_DB", str(database))
    _fresh_caches()
    yield database
    _fresh_caches()


def test_a_plan_with_comparable_actuals_gets_its_completion_chart(comparable_warehouse):
    built = slides.build_deck(Filters(plan="weihai-light-textile-2023-2025"), "zh", "dark")
    assert built.title == "山东纺织服装指标：威海市现代轻工纺织产业发展三年行动计划（2023-2025年）"
    chart = next(s for s in built.slides if s.subtitle == "完成率与序时进度")
    # The full breakdown ("已完成 1 · 未完成 1 · 尚无实际数据 5") is too long for the status box.
    assert chart.figure is not None and chart.status == "已完成 1 / 7"
    assert "220.0%" in chart.figure.data[0].text
    assert "“打造50家左右产值过亿元的知名品牌企业”" in chart.notes
    targets = [b for s in built.slides if s.subtitle.startswith("目标与实际对照") for b in s.bullets]
    assert any(b.endswith("已完成 · 实际 11家 · 完成率 220.0%") for b in targets), targets
