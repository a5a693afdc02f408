"""Meeting-deck export: the .pptx and PDF files a deck turns into, and single chart images."""

from __future__ import annotations

import io

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu
from pydantic import ValidationError
from pypdf import PdfReader

from dashboard.deck import (
    THEMES,
    Deck,
    Slide,
    _deck_figure,
    _deck_html,
    chart_png,
    chart_svg,
    portable_figure,
    to_pdf,
    to_pptx,
    with_cjk_font,
)

AS_OF = "2026-03-31"
SOURCE = "来源：山东省工业和信息化厅《纺织服装产业高质量发展行动方案》"
QUOTES = ["“到2025年，全省纺织服装产业营业收入达到6000亿元。”",
          "“2024年，全省规上纺织服装企业营业收入5210亿元。”",
          "“培育职业装产业集群3个以上。”"]
CITIES = ["济南", "青岛", "潍坊"]


def figures() -> list[go.Figure]:
    bars = go.Figure([go.Bar(x=CITIES, y=[3, 5, 4], name="规划目标"), go.Bar(x=CITIES, y=[2, 6, 4], name="实际完成")])
    bars.update_layout(yaxis_title="亿元")
    line = go.Figure(go.Scatter(x=["2022", "2023", "2024"], y=[4800, 5000, 5210], name="营业收入（亿元）"))
    pie = go.Figure(go.Pie(labels=["纺织", "服装", "职业装"], values=[50, 35, 15]))
    return [bars, line, pie]


def chart_deck(**options) -> Deck:
    slides = [Slide(title=f"指标{n}：纺织服装营业收入", subtitle="目标与实际", status="进度 87%", figure=figure,
                    footnote=SOURCE, notes=quote)
              for n, (figure, quote) in enumerate(zip(figures(), QUOTES), start=1)]
    slides.append(Slide(title="要点", bullets=["营收同比增长5.2%", "职业装集群：潍坊、青岛\n两地过半"],
                        footnote="来源：山东省统计局"))
    return Deck(title="山东纺织服装指标", slides=slides, as_of=AS_OF, **options)


@pytest.fixture(scope="module")
def deck() -> Deck:
    return chart_deck(lang="zh", theme="light")


@pytest.fixture(scope="module")
def pptx(deck: Deck):
    return Presentation(io.BytesIO(to_pptx(deck)))


@pytest.fixture(scope="module")
def pdf(deck: Deck) -> PdfReader:
    return PdfReader(io.BytesIO(to_pdf(deck)))


def slide_text(page) -> str:
    return "\n".join(shape.text_frame.text for shape in page.shapes if shape.has_text_frame)


# --- PowerPoint --------------------------------------------------------------------------------

def test_pptx_should_be_16_9(pptx):
    assert (pptx.slide_width, pptx.slide_height) == (Emu(12192000), Emu(6858000))
    assert round(pptx.slide_width.inches, 3) == 13.333 and pptx.slide_height.inches == 7.5


def test_pptx_should_have_a_title_slide_then_one_slide_per_slide(pptx, deck):
    pages = list(pptx.slides)
    assert len(pages) == len(deck.slides) + 1
    assert deck.title in slide_text(pages[0])
    for page, slide in zip(pages[1:], deck.slides):
        assert slide.title in slide_text(page)


def test_pptx_chart_slides_should_hold_one_picture_and_the_quote_in_the_notes(pptx, deck):
    for page, slide in zip(list(pptx.slides)[1:], deck.slides):
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if slide.figure is None:
            assert not pictures
            continue
        assert len(pictures) == 1
        assert page.has_notes_slide and page.notes_slide.notes_text_frame.text == slide.notes
        assert slide.status in slide_text(page)


def test_pptx_should_show_sources_and_as_of_date_on_every_slide(pptx, deck):
    pages = list(pptx.slides)
    assert all(AS_OF in slide_text(page) for page in pages)
    for page, slide in zip(pages[1:], deck.slides):
        assert slide.footnote in slide_text(page)


def test_pptx_text_slide_should_keep_one_bullet_per_item(pptx, deck):
    page = list(pptx.slides)[-1]
    body = next(s for s in page.shapes if s.has_text_frame and "营收同比" in s.text_frame.text)
    paragraphs = body.text_frame.paragraphs
    assert len(paragraphs) == len(deck.slides[-1].bullets)
    assert all(p._p.pPr.find(qn("a:buChar")) is not None for p in paragraphs)


def test_pptx_chinese_runs_should_name_an_east_asian_font(pptx):
    for page in pptx.slides:
        for shape in page.shapes:
            if not shape.has_text_frame:
                continue
            for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                ea = run._r.rPr.find(qn("a:ea"))
                assert ea is not None and ea.get("typeface"), run.text


def test_dark_pptx_should_have_a_near_black_background_and_light_text():
    deck = Deck(title="山东纺织服装指标", theme="dark", lang="en", as_of=AS_OF,
                slides=[Slide(title="Key points", bullets=["营收同比增长5.2%"], footnote="Source: 山东省统计局")])
    pages = list(Presentation(io.BytesIO(to_pptx(deck))).slides)
    assert len(pages) == 2
    for page in pages:
        assert sum(page.background.fill.fore_color.rgb) < 3 * 0x30
    title = next(s for s in pages[1].shapes if s.has_text_frame and s.text_frame.text == "Key points")
    assert sum(title.text_frame.paragraphs[0].runs[0].font.color.rgb) > 3 * 0xC0
    assert f"Data as of {AS_OF}" in slide_text(pages[0])


def test_it_should_keep_markup_as_text_and_drop_control_characters():
    hostile = "<script>alert(1)</script>\x00\x1b&amp;"
    deck = Deck(title="t", as_of=AS_OF, slides=[Slide(title=hostile, bullets=[hostile], notes=hostile)])
    assert deck.slides[0].title == "<script>alert(1)</script>&amp;"
    page = list(Presentation(io.BytesIO(to_pptx(deck))).slides)[1]
    assert deck.slides[0].title in slide_text(page)
    page_html = _deck_html(deck, [])
    assert "<script>" not in page_html and "&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;" in page_html


# --- PDF ---------------------------------------------------------------------------------------

def test_pdf_should_have_one_16_9_page_per_slide(pdf, deck):
    assert len(pdf.pages) == len(deck.slides) + 1
    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (960, 540)  # 13.333 × 7.5 in


def test_pdf_should_carry_titles_sources_and_as_of_date(pdf, deck):
    texts = [page.extract_text() for page in pdf.pages]
    assert deck.title in texts[0] and AS_OF in texts[0]
    for text, slide in zip(texts[1:], deck.slides):
        assert slide.title in text and AS_OF in text
        assert "山东省" in text  # the source line


# --- Charts and the model ----------------------------------------------------------------------

def test_chart_images_should_be_png_and_svg():
    figure = figures()[0]
    assert chart_png(figure, width=400, height=300).startswith(b"\x89PNG\r\n\x1a\n")
    svg = chart_svg(figure, width=400, height=300)
    assert svg.lstrip().startswith(b"<svg") and "济南".encode() in svg


@pytest.mark.parametrize("family", [None, "Arial"])
def test_figures_should_be_given_a_chinese_font(family):
    figure = go.Figure(layout={"font": {"family": family}})
    assert "WenQuanYi Micro Hei" in with_cjk_font(figure).layout.font.family
    if family:
        assert figure.layout.font.family.startswith(family)


def test_it_should_reject_a_chart_slide_without_a_source():
    with pytest.raises(ValidationError, match="footnote"):
        Deck(title="t", as_of=AS_OF, slides=[Slide(title="图", figure=figures()[0])])


def test_deck_charts_should_be_themed_copies():
    figure = figures()[0]
    before = figure.to_plotly_json()
    themed = _deck_figure(figure, THEMES["dark"])
    assert figure.to_plotly_json() == before
    assert themed.layout.paper_bgcolor == f"#{THEMES['dark'].background}"
    assert "WenQuanYi Micro Hei" in themed.layout.font.family


@pytest.fixture
def placeholder():
    """A stand-in for the template Streamlit registers: colours only its front end resolves."""
    template = go.layout.Template(layout={"colorway": ["#000001", "#000002"]})
    saved = pio.templates["streamlit"] if "streamlit" in pio.templates else None  # noqa: SIM401 (no .get)
    pio.templates["streamlit"] = template
    yield template
    if saved is None:
        del pio.templates["streamlit"]
    else:
        pio.templates["streamlit"] = saved


def test_it_should_replace_streamlits_placeholder_template(placeholder):
    figure = go.Figure(go.Bar(x=CITIES, y=[1, 2, 3]), layout={"template": placeholder})
    assert portable_figure(figure).layout.template.layout.colorway[0] != "#000001"
    assert figure.layout.template == placeholder
