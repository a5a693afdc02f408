"""Meeting decks: slides with plotly charts → PowerPoint (.pptx) and 16:9 PDF, in Chinese or English.

    deck = Deck(title="山东纺织服装指标", lang="zh", theme="light", as_of="2026-03-31", slides=[
        Slide(title="规上纺织服装营收", figure=fig, status="进度 82%",
              footnote="来源：山东省工信厅《……行动方案》（2023）", notes="“到2025年……达到……”"),
        Slide(title="要点", bullets=["……", "……"], footnote="来源：……"),
    ])
    pptx_bytes, pdf_bytes = to_pptx(deck), to_pdf(deck)

Every slide carries a footer with its `footnote` (the sources) and the data's as-of date; the
as-of date is appended when the footnote does not already contain it. `notes` (the verbatim source
quotes) become the PowerPoint speaker notes; the PDF has no notes pane, so they are not in it.
Both formats share one layout (`_boxes`), so a slide looks the same in either file.

Runtime requirements
- Chromium and a CJK font. kaleido (charts) and `to_pdf` drive a headless Chromium: Debian's
  `/usr/bin/chromium` (found on PATH; `BROWSER_PATH` overrides) and `fonts-wqy-microhei`, both
  installed by `scripts/setup.sh --dev` (the runtime-only setup does not install them). Without
  the font, Chinese renders as empty boxes.
- Charts: kaleido 1.x. `pio.to_image` starts a new Chromium per image and waits for a MathJax
  download from a CDN (offline: ~2 s per image). Here all charts of a call share one kaleido
  browser with MathJax disabled (charts use no LaTeX): ~1.3 s to start, then ~0.15 s per chart.
  One tab measured as fast as two on a 2-core machine (the second tab costs as much to open as
  it saves on a dozen charts), so one tab is used.
- PDF: the `chromium --headless --print-to-pdf` command line rather than Playwright, so the
  runtime needs no extra Python package (Playwright stays a test-only dependency). The HTML
  page it prints is self-contained (charts as SVG data URIs) and a Content-Security-Policy
  forbids scripts and network access, so text from the data can only ever be text.

PowerPoint fonts: runs name "Microsoft YaHei" as the East-Asian (`a:ea`) typeface, present on
any PowerPoint machine, with the GB2312 charset hint so other readers (LibreOffice on Linux)
substitute a Chinese font such as WenQuanYi Micro Hei.
"""

from __future__ import annotations

import asyncio
import base64
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import kaleido
import plotly.graph_objects as go
import plotly.io as pio
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["Deck", "Slide", "chart_images", "chart_png", "chart_svg", "portable_figure", "to_pdf", "to_pptx",
           "with_cjk_font"]

# Chinese-capable families first for glyphs Latin fonts lack; Chromium falls back per glyph.
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC")
CHART_FONT = ", ".join(CJK_FONTS) + ", sans-serif"
HTML_FONT = ", ".join(f'"{name}"' for name in ("Microsoft YaHei", *CJK_FONTS)) + ", sans-serif"
PPTX_EA_FONT = "Microsoft YaHei"
PPTX_LATIN_FONT = {"zh": "Microsoft YaHei", "en": "Calibri"}
LANG_TAG = {"zh": ("zh-CN", "en-US"), "en": ("en-US", "zh-CN")}  # (lang, altLang) of the runs

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches; PowerPoint's 16:9 (12192000 × 6858000 EMU)
CHART_PX_PER_INCH = 80  # chart layout pixels per slide inch: 1 px ≈ 0.9 pt, so 16 px text ≈ 14 pt
CHART_FONT_SIZE = 16  # only where a figure sets none; plotly's 12 px is too small for a room
PNG_SCALE = 2  # 160 dpi on the slide, above a 1080p projector's 144 px per slide inch
RENDER_TIMEOUT = 90  # seconds for one chart
PDF_TIMEOUT = 120  # seconds for Chromium to print the whole deck

LABELS = {
    "zh": {"as_of": "数据截至 {as_of}"},
    "en": {"as_of": "Data as of {as_of}"},
}


# --- Data model -------------------------------------------------------------------------------

# Control characters are not allowed in the XML of a .pptx (python-pptx refuses them) and print as
# garbage in a PDF; line-like ones become line breaks, the rest are dropped.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _printable(value: object) -> object:
    if isinstance(value, str):
        return _UNPRINTABLE.sub("", value.replace("\r\n", "\n").translate(_LINE_BREAKS))
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value


class Slide(BaseModel):
    """One slide: a title, then a chart and/or bullets. `footnote` names the sources."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    title: str = Field(min_length=1)
    subtitle: str = ""
    figure: go.Figure | None = None
    bullets: list[str] = []
    status: str = ""
    footnote: str = ""
    notes: str = ""

    _clean = field_validator("title", "subtitle", "bullets", "status", "footnote", "notes", mode="before")(
        _printable)


class Deck(BaseModel):
    """A meeting deck: a title slide (title, as-of date), then `slides` in order."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    slides: list[Slide]
    lang: Literal["zh", "en"] = "zh"
    theme: Literal["light", "dark"] = "light"
    as_of: str = Field(min_length=1)

    _clean = field_validator("title", "as_of", mode="before")(_printable)

    @model_validator(mode="after")
    def _charts_name_their_source(self) -> Deck:
        missing = [f"slide {i} ({s.title!r})" for i, s in enumerate(self.slides, start=2)
                   if s.figure is not None and not s.footnote.strip()]
        if missing:
            raise ValueError("a chart slide needs a footnote naming its source: " + ", ".join(missing))
        return self


@dataclass(frozen=True)
class _Theme:
    background: str
    text: str
    muted: str
    accent: str
    template: str


THEMES = {
    "light": _Theme(background="FFFFFF", text="1F2328", muted="5F6B7A", accent="1F5FAD",
                    template="plotly_white"),
    # Near-black rather than pure black: large black areas look like a dead screen on projectors.
    "dark": _Theme(background="0E1117", text="F2F4F7", muted="A3ABB8", accent="6CB4FF",
                   template="plotly_dark"),
}


# --- Charts -----------------------------------------------------------------------------------

def chart_images(figures: Iterable[go.Figure | dict], fmt: str = "png", width: int = 1600,
                 height: int = 900, scale: float = 1) -> list[bytes]:
    """Render figures to image bytes (png, svg, jpeg, webp or pdf) in one browser session."""
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    return _render([(portable_figure(f), opts) for f in figures])


def chart_png(fig: go.Figure | dict, width: int = 1600, height: int = 900, scale: float = 1) -> bytes:
    return chart_images([fig], "png", width, height, scale)[0]


def chart_svg(fig: go.Figure | dict, width: int = 1600, height: int = 900) -> bytes:
    return chart_images([fig], "svg", width, height)[0]


def portable_figure(fig: go.Figure | dict) -> go.Figure:
    """A copy of the figure that renders outside Streamlit as it does inside: real colours, Chinese fonts.

    Importing Streamlit makes its "streamlit" template the plotly default. That template holds
    placeholder colours (#000001, #000002, …) which only Streamlit's front end replaces, so a
    figure built without an explicit template would export in near-black.
    """
    out = go.Figure(fig)
    if "streamlit" in pio.templates and out.layout.template == pio.templates["streamlit"]:
        out.update_layout(template="plotly_white")
    return with_cjk_font(out)


def with_cjk_font(fig: go.Figure) -> go.Figure:
    """The figure (changed in place) with Chinese-capable fonts after any family it names."""
    family = fig.layout.font.family
    if not family:
        fig.update_layout(font_family=CHART_FONT)
    elif not any(name.lower() in family.lower() for name in CJK_FONTS):
        fig.update_layout(font_family=f"{family}, {CHART_FONT}")
    return fig


def _render(jobs: list[tuple[go.Figure, dict]]) -> list[bytes]:
    """Render (figure, kaleido options) pairs with one Chromium, in order."""
    if not jobs:
        return []

    async def render_all() -> list[bytes]:
        # mathjax=False: kaleido would otherwise load MathJax from a CDN for every chart.
        async with kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_TIMEOUT) as browser:
            return list(await asyncio.gather(*(browser.calc_fig(fig, opts=opts) for fig, opts in jobs)))

    # A thread of its own: the caller (a Streamlit script thread, a test) may have a running loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, render_all()).result()


def _deck_figure(fig: go.Figure, theme: _Theme) -> go.Figure:
    """A copy of the figure themed for the deck: slide background, readable font sizes, tight margins."""
    out = with_cjk_font(go.Figure(fig))  # the theme's template replaces any Streamlit placeholder one
    background = f"#{theme.background}"
    out.update_layout(template=theme.template, paper_bgcolor=background, plot_bgcolor=background,
                      font_color=f"#{theme.text}")
    if out.layout.font.size is None:
        out.update_layout(font_size=CHART_FONT_SIZE)
    # The slide title is the headline, so a figure without its own title needs little top margin.
    default_margin = {"l": 70, "r": 30, "t": 70 if out.layout.title.text else 30, "b": 60}
    out.update_layout(margin={side: value for side, value in default_margin.items()
                              if getattr(out.layout.margin, side) is None})
    return out


def _chart_jobs(deck: Deck, fmt: str) -> list[tuple[go.Figure, dict]]:
    theme = THEMES[deck.theme]
    jobs = []
    for slide in deck.slides:
        if slide.figure is None:
            continue
        _, _, w, h = _boxes(slide)["chart"]
        opts = {"format": fmt, "width": round(w * CHART_PX_PER_INCH), "height": round(h * CHART_PX_PER_INCH),
                "scale": PNG_SCALE if fmt == "png" else 1}
        jobs.append((_deck_figure(slide.figure, theme), opts))
    return jobs


# --- Layout shared by both formats ------------------------------------------------------------

Box = tuple[float, float, float, float]  # left, top, width, height in inches

MARGIN_X = 0.6
CONTENT_W = SLIDE_W - 2 * MARGIN_X
FOOTER_TOP = 6.95
BODY_BOTTOM = 6.75
SIDE_BULLETS_W = 3.8  # bullets beside a chart
SIZES = {"title": 28, "subtitle": 16, "status": 16, "bullets": 22, "side_bullets": 16, "footer": 10,
         "deck_title": 40, "deck_subtitle": 20}  # points


def _boxes(slide: Slide) -> dict[str, Box]:
    boxes: dict[str, Box] = {"title": (MARGIN_X, 0.35, CONTENT_W, 0.75)}
    top = 1.25
    if slide.subtitle or slide.status:
        boxes["subtitle"] = (MARGIN_X, 1.1, CONTENT_W * 0.7, 0.45)
        boxes["status"] = (MARGIN_X + CONTENT_W * 0.7, 1.1, CONTENT_W * 0.3, 0.45)
        top = 1.7
    height = BODY_BOTTOM - top
    if slide.figure is not None and slide.bullets:
        chart_w = CONTENT_W - SIDE_BULLETS_W - 0.3
        boxes["chart"] = (MARGIN_X, top, chart_w, height)
        boxes["bullets"] = (MARGIN_X + chart_w + 0.3, top, SIDE_BULLETS_W, height)
    elif slide.figure is not None:
        boxes["chart"] = (MARGIN_X, top, CONTENT_W, height)
    elif slide.bullets:
        boxes["bullets"] = (MARGIN_X, top + 0.2, CONTENT_W, height - 0.2)
    boxes["rule"] = (MARGIN_X, FOOTER_TOP - 0.08, CONTENT_W, 0)
    boxes["footer"] = (MARGIN_X, FOOTER_TOP, CONTENT_W - 1.2, 0.45)
    boxes["page"] = (SLIDE_W - MARGIN_X - 1.1, FOOTER_TOP, 1.1, 0.45)
    return boxes


def _footer(deck: Deck, footnote: str) -> str:
    as_of = LABELS[deck.lang]["as_of"].format(as_of=deck.as_of)
    if deck.as_of in footnote:
        return footnote
    return f"{footnote} · {as_of}" if footnote.strip() else as_of


def _title_boxes() -> dict[str, Box]:
    return {"bar": (MARGIN_X, 2.55, 0.12, 2.0), "title": (MARGIN_X + 0.45, 2.55, CONTENT_W - 0.45, 1.3),
            "subtitle": (MARGIN_X + 0.45, 3.95, CONTENT_W - 0.45, 0.6),
            "rule": (MARGIN_X, FOOTER_TOP - 0.08, CONTENT_W, 0),
            "footer": (MARGIN_X, FOOTER_TOP, CONTENT_W - 1.2, 0.45),
            "page": (SLIDE_W - MARGIN_X - 1.1, FOOTER_TOP, 1.1, 0.45)}


# --- PowerPoint -------------------------------------------------------------------------------

def to_pptx(deck: Deck) -> bytes:
    """The deck as a 16:9 .pptx: a title slide, then one slide per `Slide`."""
    theme = THEMES[deck.theme]
    images = iter(_render(_chart_jobs(deck, "png")))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    blank = prs.slide_layouts[6]
    total = len(deck.slides) + 1
    writer = _PptxWriter(deck, theme)

    page = prs.slides.add_slide(blank)
    writer.background(page)
    boxes = _title_boxes()
    writer.rectangle(page, boxes["bar"], theme.accent)
    writer.text(page, boxes["title"], deck.title, SIZES["deck_title"], theme.text, bold=True,
                anchor=MSO_ANCHOR.BOTTOM)
    writer.text(page, boxes["subtitle"], LABELS[deck.lang]["as_of"].format(as_of=deck.as_of),
                SIZES["deck_subtitle"], theme.muted)
    writer.footer(page, boxes, _footer(deck, ""), 1, total)

    for number, slide in enumerate(deck.slides, start=2):
        page = prs.slides.add_slide(blank)
        writer.background(page)
        boxes = _boxes(slide)
        writer.text(page, boxes["title"], slide.title, SIZES["title"], theme.text, bold=True,
                    anchor=MSO_ANCHOR.BOTTOM)
        if slide.subtitle:
            writer.text(page, boxes["subtitle"], slide.subtitle, SIZES["subtitle"], theme.muted)
        if slide.status:
            writer.text(page, boxes["status"], slide.status, SIZES["status"], theme.accent, bold=True,
                        align=PP_ALIGN.RIGHT)
        if slide.figure is not None:
            left, top, width, height = boxes["chart"]
            picture = page.shapes.add_picture(io.BytesIO(next(images)), Inches(left), Inches(top),
                                              Inches(width), Inches(height))
            picture._element.nvPicPr.cNvPr.set("descr", slide.title)  # alt text for screen readers
        if slide.bullets:
            size = SIZES["side_bullets" if slide.figure is not None else "bullets"]
            writer.bullets(page, boxes["bullets"], slide.bullets, size)
        writer.footer(page, boxes, _footer(deck, slide.footnote), number, total)
        if slide.notes:
            frame = page.notes_slide.notes_text_frame
            frame.text = slide.notes
            writer.fonts(frame)

    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


class _PptxWriter:
    """Shape helpers that apply the deck's colours, fonts and language to every run."""

    def __init__(self, deck: Deck, theme: _Theme):
        self.theme = theme
        self.latin = PPTX_LATIN_FONT[deck.lang]
        self.lang, self.alt_lang = LANG_TAG[deck.lang]

    def background(self, page) -> None:
        fill = page.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(self.theme.background)

    def rectangle(self, page, box: Box, color: str) -> None:
        shape = page.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(color)
        shape.line.fill.background()

    def text(self, page, box: Box, text: str, size: int, color: str, *, bold: bool = False,
             align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
        shape = page.shapes.add_textbox(*(Inches(v) for v in box))
        frame = shape.text_frame
        frame.word_wrap = True
        # Fixed boxes: PowerPoint's default shrink-to-text would undo the bottom-anchored titles.
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.text = text
        for paragraph in frame.paragraphs:
            paragraph.alignment = align
        self.fonts(frame, size=size, color=color, bold=bold)
        return shape

    def bullets(self, page, box: Box, items: list[str], size: int) -> None:
        # "\n" would start a new paragraph (a new bullet); "\v" is a line break inside one.
        text = "\n".join(item.replace("\n", "\v") for item in items)
        shape = self.text(page, box, text, size, self.theme.text)
        indent = Pt(size * 1.1)
        for paragraph in shape.text_frame.paragraphs:
            paragraph.space_after = Pt(size * 0.6)
            ppr = paragraph._p.get_or_add_pPr()
            ppr.set("marL", str(indent))
            ppr.set("indent", str(-indent))
            # Textboxes carry no bullet style, so the bullet character is set on each paragraph;
            # buChar follows spcAft in the schema's order, hence appended last.
            etree.SubElement(ppr, qn("a:buChar"), char="•")

    def footer(self, page, boxes: dict[str, Box], text: str, number: int, total: int) -> None:
        left, top, width, _ = boxes["rule"]
        line = page.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(left), Inches(top),
                                         Inches(left + width), Inches(top))
        line.line.color.rgb = RGBColor.from_string(self.theme.muted)
        line.line.width = Pt(0.5)
        self.text(page, boxes["footer"], text, SIZES["footer"], self.theme.muted)
        self.text(page, boxes["page"], f"{number} / {total}", SIZES["footer"], self.theme.muted,
                  align=PP_ALIGN.RIGHT)

    def fonts(self, frame, *, size: int | None = None, color: str | None = None, bold: bool = False) -> None:
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                font = run.font
                if size:
                    font.size = Pt(size)
                if color:
                    font.color.rgb = RGBColor.from_string(color)
                font.bold = bold or None
                rpr = run._r.get_or_add_rPr()
                rpr.set("lang", self.lang)
                rpr.set("altLang", self.alt_lang)
                latin = rpr.get_or_add_latin()
                latin.set("typeface", self.latin)
                # python-pptx sets only a:latin; Chinese glyphs take the a:ea typeface, which must
                # follow a:latin. charset -122 (GB2312) tells substituting readers to pick Chinese.
                for old in rpr.findall(qn("a:ea")):
                    rpr.remove(old)
                ea = etree.Element(qn("a:ea"), typeface=PPTX_EA_FONT, pitchFamily="34", charset="-122")
                latin.addnext(ea)


# --- PDF --------------------------------------------------------------------------------------

def to_pdf(deck: Deck) -> bytes:
    """The deck as a 16:9 PDF (13.333 × 7.5 in pages), one page per slide, printed by Chromium."""
    svgs = _render(_chart_jobs(deck, "svg"))
    return _print_pdf(_deck_html(deck, svgs))


def _deck_html(deck: Deck, svgs: list[bytes]) -> str:
    theme = THEMES[deck.theme]
    images = iter(svgs)
    total = len(deck.slides) + 1
    esc = html.escape

    def place(box: Box, css_class: str, content: str, style: str = "") -> str:
        left, top, width, height = box
        return (f'<div class="{css_class}" style="left:{left}in;top:{top}in;width:{width}in;'
                f'height:{height}in;{style}">{content}</div>')

    def footer(boxes: dict[str, Box], text: str, number: int) -> str:
        left, top, width, _ = boxes["rule"]
        return (f'<div class="rule" style="left:{left}in;top:{top}in;width:{width}in"></div>'
                + place(boxes["footer"], "footer", esc(text))
                + place(boxes["page"], "footer page", f"{number} / {total}"))

    boxes = _title_boxes()
    pages = [
        place(boxes["bar"], "bar", "")
        + place(boxes["title"], "deck-title", esc(deck.title))
        + place(boxes["subtitle"], "deck-subtitle", esc(LABELS[deck.lang]["as_of"].format(as_of=deck.as_of)))
        + footer(boxes, _footer(deck, ""), 1)
    ]
    for number, slide in enumerate(deck.slides, start=2):
        boxes = _boxes(slide)
        parts = [place(boxes["title"], "title", esc(slide.title))]
        if slide.subtitle:
            parts.append(place(boxes["subtitle"], "subtitle", esc(slide.subtitle)))
        if slide.status:
            parts.append(place(boxes["status"], "status", esc(slide.status)))
        if slide.figure is not None:
            data = base64.b64encode(next(images)).decode("ascii")
            parts.append(place(boxes["chart"], "chart", f'<img alt="" src="data:image/svg+xml;base64,{data}">'))
        if slide.bullets:
            size = SIZES["side_bullets" if slide.figure is not None else "bullets"]
            items = "".join(f"<li>{esc(item)}</li>" for item in slide.bullets)
            parts.append(place(boxes["bullets"], "bullets", f"<ul>{items}</ul>", f"font-size:{size}pt"))
        parts.append(footer(boxes, _footer(deck, slide.footnote), number))
        pages.append("".join(parts))

    body = "".join(f'<section class="slide">{page}</section>' for page in pages)
    return f"""<!DOCTYPE html>
<html lang="{LANG_TAG[deck.lang][0]}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{esc(deck.title)}</title>
<style>
@page {{ size: {SLIDE_W}in {SLIDE_H}in; margin: 0 }}
html, body {{ margin: 0; padding: 0 }}
.slide {{ position: relative; width: {SLIDE_W}in; height: {SLIDE_H}in; overflow: hidden;
  background: #{theme.background}; color: #{theme.text}; font-family: {HTML_FONT};
  break-after: page; print-color-adjust: exact; -webkit-print-color-adjust: exact }}
.slide:last-child {{ break-after: auto }}
.slide > div {{ position: absolute; box-sizing: border-box; overflow: hidden; line-height: 1.25;
  overflow-wrap: anywhere; white-space: pre-wrap }}
.title {{ font-size: {SIZES["title"]}pt; font-weight: 700; display: flex; align-items: flex-end }}
.subtitle {{ font-size: {SIZES["subtitle"]}pt; color: #{theme.muted} }}
.status {{ font-size: {SIZES["status"]}pt; font-weight: 700; color: #{theme.accent}; text-align: right }}
.chart img {{ display: block; width: 100%; height: 100% }}
.bullets ul {{ margin: 0; padding-left: 1.1em; white-space: normal }}
.bullets li {{ margin-bottom: 0.6em; white-space: pre-wrap }}
.footer {{ font-size: {SIZES["footer"]}pt; color: #{theme.muted} }}
.page {{ text-align: right }}
.rule {{ height: 0; border-top: 0.5pt solid #{theme.muted} }}
.bar {{ background: #{theme.accent} }}
.deck-title {{ font-size: {SIZES["deck_title"]}pt; font-weight: 700; display: flex; align-items: flex-end }}
.deck-subtitle {{ font-size: {SIZES["deck_subtitle"]}pt; color: #{theme.muted} }}
</style></head><body>{body}</body></html>"""


def _browser() -> str:
    for candidate in (os.environ.get("BROWSER_PATH"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    raise RuntimeError("PDF export needs Chromium: install Debian's chromium (scripts/setup.sh) "
                       "or set BROWSER_PATH to a Chrome/Chromium executable")


def _print_pdf(page: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="deck-") as tmp:
        source, target = Path(tmp) / "deck.html", Path(tmp) / "deck.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            _browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            # A private profile: a second Chromium on the same profile would hand the job over and exit.
            f"--user-data-dir={Path(tmp) / 'profile'}", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update",
            f"--print-to-pdf={target}", source.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False)
        if result.returncode != 0 or not target.exists():
            raise RuntimeError(f"Chromium could not print the deck (exit {result.returncode}): "
                               f"{result.stderr.strip()[-2000:]}")
        return target.read_bytes()
