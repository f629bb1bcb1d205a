"""The stakeholder briefing: exactly what a page shows for its state (filters, language, the page's choices), as
one self-contained HTML file (Plotly inlined, no network), and as PDF where the machine has Chromium.

It writes the blocks the page declares (morocco_ai/views/pages.py), the same list the screen draws. No streamlit
here.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import shutil
import string
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from .charts.region_map import GEO_ASSETS_SCRIPT
from .i18n import Translator, translator
from .places import region_names
from .records import RecordCard, permalink, view_sources
from .schema import Source, is_http_url
from .state import PageState
from .store import Store
from .views.blocks import Cards, Columns, Control, Downloads, Heading, Items, Page, RecordEntry, Section, Text
from .views.pages import page_content
from .wording import source_date

WHOLE_DASHBOARD = "all"
CHROMIUM = "/usr/bin/chromium"
BASE_URL_ENV = "MOROCCO_AI_BASE_URL"  # e.g. https://dashboard.example.org: absolute record links in briefings
# Nothing may load from anywhere: scripts and styles are inline, MapLibre's workers come from blob: URLs.
CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; style-src 'unsafe-inline'; "
       "img-src data: blob:; worker-src blob:; child-src blob:; font-src data:; connect-src data: blob:")

PRINT_CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1b1f24; margin: 2rem auto;
       max-width: 60rem; line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { font-size: 1.35rem; margin-top: 2rem;
     border-bottom: 2px solid #1c5d99; padding-bottom: .2rem; } h3 { font-size: 1.1rem; }
.meta { color: #4a5260; font-size: .95rem; } \
.meta dt { font-weight: bold; float: inline-start; margin-inline-end: .4rem; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: .8rem; }
.card { border: 1px solid #c9ced6; border-radius: .4rem; padding: .6rem .8rem; break-inside: avoid; }
.card .label { font-size: .9rem; color: #4a5260; } .card .value { font-size: 1.6rem; font-weight: bold; }
.card .note { font-size: .8rem; color: #4a5260; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .6rem 0; }
th, td { border: 1px solid #c9ced6; padding: .25rem .4rem; text-align: start; vertical-align: top; }
th { background: #f0f2f6; } tr { break-inside: avoid; }
.chart { break-inside: avoid; margin: .6rem 0; } .refs { font-size: .85rem; color: #4a5260; }
.disagree { color: #8a4b00; } a { color: #1c5d99; }
ol.sources li { margin-bottom: .3rem; font-size: .85rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } a { color: inherit; }
  .chart { page-break-inside: avoid; } }
"""


@functools.lru_cache(maxsize=1)
def plotly_js() -> str:
    return get_plotlyjs()


@dataclass
class SourceList:
    """The briefing's numbered sources: every figure and table row points to its numbers."""

    entries: list[Source] = field(default_factory=list)
    numbers: dict[tuple, int] = field(default_factory=dict)

    def number(self, source: Source) -> int:
        key = (source.publisher, source.title, source.url or "")
        if key not in self.numbers:
            self.entries.append(source)
            self.numbers[key] = len(self.entries)
        return self.numbers[key]

    def refs(self, sources: Iterable[Source]) -> str:
        numbers = sorted({self.number(source) for source in sources})
        return " ".join(f'<a href="#src-{n}">[{n}]</a>' for n in numbers)


def _e(value: object) -> str:
    return html.escape("" if value is None or value != value else str(value))


@dataclass
class Briefing:
    """Writes pages' blocks to HTML, numbering every source their figures and rows rely on."""

    store: Store
    lang: str
    sources: SourceList = field(default_factory=SourceList)
    figure_count: int = 0
    # where a row's record link points: relative (to the server the briefing came from) unless configured
    base_url: str = field(default_factory=lambda: os.environ.get(BASE_URL_ENV, ""))

    @property
    def t(self) -> Translator:
        return translator(self.lang)

    def refs(self, sources: Iterable[Source]) -> str:
        return self.sources.refs(sources)

    def record_link(self, record_id: str) -> str:
        return f'<a href="{_e(permalink(record_id, self.base_url))}">↗</a>'

    # -- one block each --
    def chart(self, section: Section) -> str:
        self.figure_count += 1
        figure = go.Figure(section.figure).update_layout(width=900)
        div = pio.to_html(figure, include_plotlyjs=False, full_html=False, div_id=f"figure-{self.figure_count}",
                          config={"displaylogo": False, "displayModeBar": False, "responsive": False})
        refs = self.refs(view_sources(self.store, section.record_ids))
        label = _e(self.t("source.heading"))
        return (f'<figure class="chart" role="img" aria-label="{_e(section.alt)}">{div}'
                f'<figcaption class="refs">{label} {refs}</figcaption></figure>')

    def table(self, section: Section) -> str:
        """The rows under translated headers; the link column becomes the numbered source references."""
        frame, columns = section.rows, section.columns
        if frame.empty:
            return f"<p>{_e(section.empty or self.t('table.empty'))}</p>"
        shown = [name for name in columns if name not in ("source_url", "url", "sources")]
        head = "".join(f"<th>{_e(self.t(columns[name]))}</th>" for name in shown)
        head += f"<th>{_e(self.t('column.sources'))}</th><th>{_e(self.t('column.open'))}</th>" if "id" in frame else ""
        body = []
        for _, row in frame.iterrows():
            cells = "".join(f"<td>{_e(row[name])}</td>" for name in shown)
            if "id" in frame:
                cells += (f"<td>{self.refs(view_sources(self.store, [row['id']]))}</td>"
                          f"<td>{self.record_link(row['id'])}</td>")
            body.append(f"<tr>{cells}</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    def section(self, section: Section, level: int) -> str:
        """A section as the page shows it: its title, notes, and its chart (with the numbered sources of its
        rows) or its table."""
        parts = [heading_html(section.title, level)] if section.titled else []
        parts += [f'<p class="note">{_e(note)}</p>' for note in section.notes]
        parts.append(self.chart(section) if section.figure is not None else self.table(section))
        return "".join(parts)

    def cards(self, block: Cards) -> str:
        cards = "".join(
            f'<div class="card"><div class="label">{_e(card.label)}</div><div class="value">{_e(card.value)}</div>'
            + (f'<div class="note">{_e(card.delta)}</div>' if card.delta else "")
            + f'<div class="note">{_e(card.help)} {self.refs(card.sources)}</div>'
            + (f'<div class="note disagree">⚖ {_e(card.disagree)}</div>' if card.disagree else "") + "</div>"
            for card in block.cards)
        return f'<div class="cards">{cards}</div>'

    def items(self, block: Items) -> str:
        lines = "".join(
            f"<li><strong>{_e(item.lead)}</strong> — {_e(item.text)}"
            + (f" — <em>{_e(item.emphasis)}</em>" if item.emphasis else "")
            + (f" {self.record_link(item.record_id)}" if item.record_id else "") + "</li>" for item in block.items)
        title = f"<p><strong>{_e(block.title)}</strong></p>" if block.title else ""
        return f"{title}<ul>{lines}</ul>"

    def record(self, card: RecordCard, level: int) -> str:
        t = self.t
        when = f"<strong>{_e(card.when)}</strong> ({_e(t('precision.' + card.precision))}) · " if card.when else ""
        facts = "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in card.facts)
        others = "".join(f'<p class="disagree">⚖ {_e(other.field)}: {_e(other.value)} — {_e(other.note)} '
                         f"{self.refs(other.sources)}</p>" for other in card.others)
        return (f'<div class="record">{heading_html(card.title, level)}'
                f"<p>{when}{_e(t('column.status'))}: <strong>{_e(card.status)}</strong></p>"
                + (f"<p>{_e(card.description)}</p>" if card.description else "")
                + (f'<dl class="facts">{facts}</dl>' if facts else "") + others
                + f'<p class="refs">{_e(t("source.heading"))} {self.refs(card.sources)} '
                  f"{self.record_link(card.id)}</p></div>")

    def blocks(self, blocks, depth: int = 2) -> str:
        """The blocks in order; ``depth`` the level of the last heading written (the page's title is 2 here)."""
        parts = []
        for block in blocks:
            if isinstance(block, Section):
                parts.append(self.section(block, depth + 1))
            elif isinstance(block, Heading):
                depth = block.level + 1
                parts.append(heading_html(block.text, depth))
            elif isinstance(block, Text):
                parts.append(f'<p class="note {block.tone}">{text_html(block)}</p>')
            elif isinstance(block, Cards):
                parts.append(self.cards(block))
            elif isinstance(block, Items):
                parts.append(self.items(block))
            elif isinstance(block, RecordEntry):
                parts.append(self.record(block.card, depth + 1))
            elif isinstance(block, Control):
                chosen = ", ".join(block.label_of(v) for v in block.value.split(",")) if block.kind == "multiselect" \
                    else block.value.replace("-", "–") if block.kind == "range" else block.label_of(block.value)
                parts.append(f'<p class="choice"><strong>{_e(block.label)}</strong>: {_e(chosen)}</p>')
            elif isinstance(block, Downloads):
                parts.append(f'<p class="note">{_e(", ".join(f"{title} ({n})" for _, title, n in block.datasets))}</p>')
            elif isinstance(block, Columns):
                parts += [self.blocks(column, depth) for column in block.columns]
            else:
                raise TypeError(f"no way to write a {type(block).__name__}")
        return "".join(parts)

    def page(self, page: Page) -> str:
        return f"<section><h2>{_e(page.title)}</h2>{self.blocks(page.blocks)}</section>"


def heading_html(text: str, level: int) -> str:
    level = min(level, 6)
    return f"<h{level}>{_e(text)}</h{level}>"


_MARKUP = (("**", "strong"), ("`", "code"))


def text_html(block: Text) -> str:
    """A Text block in HTML: plain text escaped; a catalogue template's bold and code spans kept, its fields
    escaped."""
    if block.fields is None:
        return _e(block.text)
    template = html.escape(block.text, quote=False)
    for marker, tag in _MARKUP:
        pieces = template.split(marker)
        template = "".join(piece if i % 2 == 0 else f"<{tag}>{piece}</{tag}>" for i, piece in enumerate(pieces))
    return _HTML_FIELDS.vformat(template, (), dict(block.fields))


class _HtmlFields(string.Formatter):
    """str.format, each field escaped for HTML after its conversion ({value!r} included)."""

    def format_field(self, value: object, format_spec: str) -> str:
        return _e(super().format_field(value, format_spec))


_HTML_FIELDS = _HtmlFields()


def _filters_text(store: Store, state: PageState, t: Translator) -> tuple[str, str]:
    names = region_names(store, t.lang)
    regions = ", ".join(f"{names.get(c, c)} ({c})" for c in state.filters.regions) or t("sidebar.all_regions")
    return regions, f"{state.filters.years[0]}–{state.filters.years[1]}"


def briefing_pages(store: Store, states: Iterable[PageState]) -> tuple[Page, ...]:
    """The pages the briefing holds, each for its state as a file shows it (light, the figures holding their
    shapes)."""
    return tuple(page_content(store, replace(state, dark=False, on_screen=False, asset_base=None)) for state in states)


def build_briefing(store: Store, states: PageState | Iterable[PageState],
                   generated: dt.datetime | None = None) -> str:
    """The briefing of one page's state, or of several pages (the whole dashboard), as one self-contained HTML
    document."""
    states = (states,) if isinstance(states, PageState) else tuple(states)
    first = states[0]
    t = translator(first.lang)
    briefing = Briefing(store=store, lang=t.lang)
    body = "".join(briefing.page(page) for page in briefing_pages(store, states))
    generated = generated or dt.datetime.now(dt.UTC)
    regions, years = _filters_text(store, first, t)
    title = t("briefing.title", page=t("briefing.whole") if len(states) > 1 else t(f"page.{first.page}"))
    sources = "".join(
        f'<li id="src-{n}">{_e(source.publisher)}, '
        + (f'<a href="{_e(source.url)}">{_e(source.title)}</a>' if is_http_url(source.url) else _e(source.title))
        + f" ({_e(source_date(source, t.lang))})</li>"
        for n, source in enumerate(briefing.sources.entries, start=1))
    return f"""<!doctype html>
<html lang="{t.lang}" dir="{'rtl' if t.rtl else 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="Morocco AI strategy dashboard">
<title>{_e(title)}</title><style>{PRINT_CSS}</style>
<script>{GEO_ASSETS_SCRIPT}</script><script>{plotly_js()}</script></head>
<body><header><h1>{_e(title)}</h1>
<dl class="meta"><dt>{_e(t('briefing.generated'))}</dt>\
<dd>{_e(t.date(generated.date().isoformat()))} {generated:%H:%M} UTC</dd>
<dt>{_e(t('sidebar.regions'))}</dt><dd data-filter="region">{_e(regions)}</dd>
<dt>{_e(t('sidebar.years'))}</dt><dd data-filter="years">{_e(years)}</dd>
<dt>{_e(t('sidebar.language'))}</dt><dd data-filter="lang">{t.lang}</dd></dl>
<p class="meta">{_e(t('briefing.intro'))}</p></header>
<main>{body}</main>
<footer><h2>{_e(t('briefing.sources'))}</h2><ol class="sources">{sources}</ol>
<p class="meta">{_e(t('briefing.credits'))}</p></footer>
</body></html>"""


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def html_to_pdf(document: str, timeout: float = 90.0) -> bytes | None:
    """Print the HTML with headless Chromium (charts drawn first); None when the machine has no Chromium."""
    if not chromium_available():
        return None
    binary = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "briefing.html", Path(folder) / "briefing.pdf"
        source.write_text(document, encoding="utf-8")
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={folder}/profile", "--no-pdf-header-footer", "--virtual-time-budget=15000",
                   "--run-all-compositor-stages-before-draw", f"--print-to-pdf={target}", source.as_uri()]
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        return target.read_bytes() if target.exists() and target.stat().st_size > 0 else None
