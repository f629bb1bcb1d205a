"""The stakeholder briefing: exactly what a page shows for the current filters and language, as one
self-contained HTML file (Plotly inlined, no network), and as PDF where the machine has Chromium.

Built from components/figures.py, the same figures and rows the pages draw. No streamlit here.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.i18n import Translator, translator
from morocco_ai.records import permalink, view_sources
from morocco_ai.schema import Source
from morocco_ai.store import DatasetUnavailable, Store

from . import figures, sections
from .region_map import GEO_ASSETS_SCRIPT
from .sections import Section

PAGES = ("overview", "regions", "timeline", "diplomacy", "adoption", "strategy", "sources")
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
    store: Store
    filters: Filters
    lang: str
    sources: SourceList = field(default_factory=SourceList)
    figure_count: int = 0
    # where a row's record link points: relative (to the server the briefing came from) unless configured
    base_url: str = field(default_factory=lambda: os.environ.get(BASE_URL_ENV, ""))

    @property
    def t(self) -> Translator:
        return translator(self.lang)

    # -- building blocks --
    def chart(self, figure: go.Figure, ids: Iterable[str], alt: str) -> str:
        self.figure_count += 1
        figure = go.Figure(figure).update_layout(width=900)
        div = pio.to_html(figure, include_plotlyjs=False, full_html=False, div_id=f"figure-{self.figure_count}",
                          config={"displaylogo": False, "displayModeBar": False, "responsive": False})
        refs = self.sources.refs(view_sources(self.store, ids))
        label = _e(self.t("source.heading"))
        return (f'<figure class="chart" role="img" aria-label="{_e(alt)}">{div}'
                f'<figcaption class="refs">{label} {refs}</figcaption></figure>')

    def table(self, frame: pd.DataFrame, columns: Mapping[str, str]) -> str:
        """The rows under translated headers; the link column becomes the numbered source references."""
        shown = [name for name in columns if name not in ("source_url", "url", "sources")]
        head = "".join(f"<th>{_e(self.t(columns[name]))}</th>" for name in shown)
        head += f"<th>{_e(self.t('column.sources'))}</th><th>{_e(self.t('column.open'))}</th>" if "id" in frame else ""
        body = []
        for _, row in frame.iterrows():
            cells = "".join(f"<td>{_e(row[name])}</td>" for name in shown)
            if "id" in frame:
                cells += (f"<td>{self.sources.refs(view_sources(self.store, [row['id']]))}</td>"
                          f'<td><a href="{_e(permalink(row["id"], self.base_url))}">↗</a></td>')
            body.append(f"<tr>{cells}</tr>")
        if not body:
            return f"<p>{_e(self.t('table.empty'))}</p>"
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    def render(self, section: Section, *, heading: bool = True) -> str:
        """A section as the app shows it: its chart (with the numbered sources of its rows) or its table, and
        its notes."""
        parts = [f"<h3>{_e(section.title)}</h3>"] if heading else []
        parts += [f'<p class="note">{_e(note)}</p>' for note in section.notes]
        if section.figure is not None:
            parts.append(self.chart(section.figure, section.record_ids, section.alt))
        else:
            parts.append(self.table(section.rows, section.columns))
        return "".join(parts)

    def section(self, heading: str, *parts: str) -> str:
        return f"<section><h2>{_e(heading)}</h2>{''.join(parts)}</section>"

    # -- what each page holds: the Sections its views render --
    def cards(self) -> str:
        t = self.t
        cards = []
        for headline in queries.headline_figures(self.store):
            key, fields = headline.note
            note = t(key, **dict(fields)) if key else ""
            others = ", ".join(f"{figures.headline_value(headline, v, t)} ({p})" for v, p in headline.others)
            disagree = f'<div class="note disagree">⚖ {_e(t("card.disagree", others=others))}</div>' if others else ""
            cards.append(f'<div class="card"><div class="label">{_e(t("card." + headline.key))}</div>'
                         f'<div class="value">{_e(figures.headline_value(headline, headline.value, t))}</div>'
                         f'<div class="note">{_e(note)} {self.sources.refs([headline.source])}</div>{disagree}</div>')
        return f'<div class="cards">{"".join(cards)}</div>'

    def region_map(self, measure: str) -> str:
        return self.render(sections.region_map(self.store, measure, self.filters.years, self.filters.regions,
                                               self.lang, False, renderer="geo"), heading=False)

    def overview(self) -> str:
        return self.section(self.t("overview.title"), self.cards(),
                            self.render(sections.recent_milestones(self.store, self.filters, self.lang)),
                            f"<h3>{_e(self.t('overview.map'))}</h3>", self.region_map("jazari_status"))

    def regions(self) -> str:
        parts = [self.region_map("jazari_status")]
        only = Filters(regions=self.filters.regions, years=self.filters.years)
        if self.filters.regions:
            parts += [self.render(sections.institutions_table(self.store, only, self.lang)),
                      self.render(sections.milestones_table(self.store, only, self.lang, False))]
        parts.append(self.render(sections.jazari_table(self.store, only, self.lang)))
        return self.section(self.t("page.regions"), *parts)

    def timeline(self) -> str:
        include_national = True
        return self.section(
            self.t("page.timeline"),
            self.render(sections.timeline(self.store, self.filters, self.lang, False, include_national), heading=False),
            self.render(sections.milestones_table(self.store, self.filters, self.lang, include_national),
                        heading=False))

    def diplomacy(self) -> str:
        years = self.filters.years
        return self.section(self.t("page.diplomacy"), self.render(sections.resolutions(self.store, years, self.lang)),
                            self.render(sections.activity(self.store, years, self.lang, False)))

    def adoption(self) -> str:
        store, years, lang = self.store, self.filters.years, self.lang
        parts = [self.render(sections.adoption_comparison(store, years, lang, False))]
        parts += [self.render(sections.adoption_series(store, years, indicator, lang, False))
                  for indicator in figures.adoption_series_names(store, years, lang)]
        parts.append(self.render(sections.adoption_table(store, years, lang)))
        for index in figures.index_names(store, years, lang):
            peers = figures.chosen_peers(self.filters.peers, figures.index_countries(store, years, index))
            parts += [self.render(sections.index_chart(store, years, index, lang, False, "score", peers)),
                      self.render(sections.index_peer_places(store, years, index, lang, peers)),
                      self.render(sections.index_table(store, years, index, lang))]
        return self.section(self.t("page.adoption"), *parts)

    def strategy(self) -> str:
        parts = []
        for programme in figures.programmes(self.store, self.lang):
            progress = sections.target_progress(self.store, programme, self.lang, False)
            parts.append(f"<h3>{_e(progress.title)}</h3>")
            if progress.figure is not None:
                parts.append(self.render(progress, heading=False))
            parts.append(self.render(sections.plan_table(self.store, programme, self.lang)))
            parts.append(self.render(sections.target_table(self.store, programme, self.lang)))
        return self.section(self.t("strategy.title"), *parts)

    def sources_page(self) -> str:
        return self.section(self.t("page.sources"), self.render(sections.catalogue(self.store, self.lang)),
                            self.render(sections.disagreements(self.store, self.lang)))

    def page(self, name: str) -> str:
        builders: dict[str, Callable[[], str]] = {
            "overview": self.overview, "regions": self.regions, "timeline": self.timeline,
            "diplomacy": self.diplomacy, "adoption": self.adoption, "strategy": self.strategy,
            "sources": self.sources_page}
        try:
            return builders[name]()
        except DatasetUnavailable as exc:  # a broken dataset: say so in the briefing, keep the rest
            message = self.t("error.dataset_unreadable", title=exc.dataset.title, file=exc.dataset.path,
                             reason=exc.dataset.broken)
            return self.section(self.t(f"page.{name}"), f"<p>{_e(message)}</p>")


def _filters_text(store: Store, filters: Filters, t: Translator) -> tuple[str, str]:
    names = queries.region_names(store, t.lang)
    regions = ", ".join(f"{names.get(c, c)} ({c})" for c in filters.regions) or t("sidebar.all_regions")
    return regions, f"{filters.years[0]}–{filters.years[1]}"


def build_briefing(store: Store, page: str, filters: Filters, lang: str,
                   generated: dt.datetime | None = None) -> str:
    """The briefing of ``page`` (or "all" for the whole dashboard) as one self-contained HTML document."""
    if page not in (*PAGES, WHOLE_DASHBOARD):
        raise ValueError(f"unknown page {page!r}; expected one of {', '.join((*PAGES, WHOLE_DASHBOARD))}")
    t = translator(lang)
    briefing = Briefing(store=store, filters=filters, lang=t.lang)
    pages = PAGES if page == WHOLE_DASHBOARD else (page,)
    body = "".join(briefing.page(name) for name in pages)
    generated = generated or dt.datetime.now(dt.UTC)
    regions, years = _filters_text(store, filters, t)
    title = t("briefing.title", page=t("briefing.whole") if page == WHOLE_DASHBOARD else t(f"page.{page}"))
    sources = "".join(
        f'<li id="src-{n}">{_e(source.publisher)}, '
        + (f'<a href="{_e(source.url)}">{_e(source.title)}</a>' if source.url and re.match(r"^https?://", source.url)
           else _e(source.title))
        + f" ({_e(queries.source_date(source, t.lang))})</li>"
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
