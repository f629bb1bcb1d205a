"""Pure figure builders: frames in, Plotly figures out. No streamlit here; tested as plain functions.

Every word a figure shows comes from the translator ``t`` (titles, axes, legends, hover); in a right-to-left
language the value axis moves to the right and legends align right.

Each figure is made by one ``SharedFigure(data=..., layout=...)`` (a ``go.Figure`` serialised once: shared_figure.py)
from plain values and numpy arrays: plotly validates it all the same, while its ``update_*`` / ``add_*`` methods (a
path lookup per keyword) and pandas inputs (converted through narwhals per property) cost several times more per
figure.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.i18n import Translator

from .palette import base_layout, palette
from .shared_figure import SharedFigure

TRACK_ORDER = ("strategy", "diplomacy", "institutions", "regulation", "events", "partnerships")


def _axis_style(dark: bool, title: str = "") -> dict:
    colours = palette(dark)
    return dict(tickfont=dict(color=colours.text), title=dict(text=title, font=dict(color=colours.text)),
                automargin=True, gridcolor=colours.grid, linecolor=colours.grid, zerolinecolor=colours.grid)


def _layout(t: Translator, dark: bool, height: int, legend_y: float | None = None) -> dict:
    layout = base_layout(dark, height=height, rtl=t.rtl)
    if legend_y is not None:
        layout["legend"].update(orientation="h", y=legend_y, yanchor="bottom" if legend_y > 0.5 else "top")
    return layout


def _value_axis(t: Translator) -> dict:
    """Where the value (y) axis stands: on the right in a right-to-left language."""
    return dict(side="right") if t.rtl else {}


def empty_figure(message: str, *, t: Translator, dark: bool = False, height: int = 220) -> go.Figure:
    """A figure that says why it is empty (used when a filter leaves nothing to draw)."""
    layout = _layout(t, dark, height)
    layout.update(annotations=[dict(text=message, showarrow=False, font=dict(color=palette(dark).text, size=15),
                                    xref="paper", yref="paper", x=0.5, y=0.5)],
                  xaxis=dict(visible=False), yaxis=dict(visible=False))
    return SharedFigure(data=[], layout=layout)


# the columns a hover reads (itertuples over only these: a row of every column costs a pandas lookup per column)
HOVER_FIELDS = ["title", "date_label", "precision", "region_name", "city", "is_future", "status",
                "has_alternatives", "n_sources"]


def _milestone_hover(row, t: Translator) -> str:
    place = row.region_name + (f", {row.city}" if row.city else "")
    flags = []
    if row.is_future:
        flags.append(t("timeline.hover_future", status=t(f"status.{row.status}")))
    if row.has_alternatives:
        flags.append(t("timeline.hover_disputed"))
    note = ("<br><i>" + "; ".join(flags) + "</i>") if flags else ""
    return (f"<b>{row.title}</b><br>{row.date_label} ({t('precision.' + row.precision)})<br>{place}<br>"
            f"{t('timeline.hover_sources', count=row.n_sources)}{note}")


DAY_MS = 86_400_000
# Date ticks in numbers at every zoom level: plotly.js would otherwise name months in English ("Jan 2024") on a
# French or Arabic page; hovers carry the Babel-formatted date instead.
NUMERIC_DATE_TICKS = [
    dict(dtickrange=[None, 27 * DAY_MS], value="%d/%m/%Y"),
    dict(dtickrange=[27 * DAY_MS, "M11"], value="%m/%Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


def build_timeline(milestones: pd.DataFrame, *, t: Translator, dark: bool = False, height: int = 460) -> go.Figure:
    """Milestones by track. Past ones are filled circles; announced or planned ones are open diamonds, so the
    difference is in shape as well as colour. A thick outline marks an entry on which sources disagree."""
    if milestones.empty:
        return empty_figure(t("timeline.empty"), t=t, dark=dark)
    colours = palette(dark)
    tracks = [track for track in TRACK_ORDER if track in set(milestones["track"])]
    track_names = {track: t(f"track.{track}") for track in tracks}
    traces = []
    # multi-day events whose both ends are real days: one bar each, all in one trace (shapes are slow to build)
    spans = milestones[(milestones["precision"] == "day") & (milestones["end_date"] != "")]
    if not spans.empty:
        x, y = [], []
        for start, finish, track in zip(spans["start"], spans["finish"], spans["track"]):
            x += [start, finish, None]
            y += [track_names[track]] * 2 + [None]
        traces.append(dict(type="scatter", x=x, y=y, mode="lines", line=dict(color=colours.muted_text, width=3),
                           hoverinfo="skip", showlegend=False))
    groups = ((t("timeline.recorded"), False, "circle", colours.categorical[2]),
              (t("timeline.future"), True, "diamond-open", colours.categorical[1]))
    for name, future, symbol, colour in groups:
        part = milestones[milestones["is_future"] == future]
        if part.empty:
            continue
        disputed = part["has_alternatives"].tolist()
        traces.append(dict(
            type="scatter", x=(part["start"] + (part["finish"] - part["start"]) / 2).to_numpy(),
            y=[track_names[x] for x in part["track"]], mode="markers", name=name,
            marker=dict(symbol=symbol, size=[15 if d else 12 for d in disputed], color=colour,
                        line=dict(width=[2.5 if d else 1 for d in disputed], color=colours.text)),
            customdata=part["id"].to_numpy(),
            hovertext=[_milestone_hover(row, t) for row in part[HOVER_FIELDS].itertuples()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    layout = _layout(t, dark, height, legend_y=1.02)
    layout.update(hovermode="closest", clickmode="event+select", dragmode="pan",
                  yaxis=dict(categoryorder="array", categoryarray=[track_names[x] for x in reversed(tracks)],
                             **_value_axis(t), **_axis_style(dark)),
                  xaxis=dict(type="date", tickformatstops=NUMERIC_DATE_TICKS, **_axis_style(dark)))
    return SharedFigure(dict(data=traces, layout=layout))


def build_activity_chart(activity: pd.DataFrame, *, t: Translator, dark: bool = False,
                         height: int = 360) -> go.Figure:
    """Morocco's multilateral actions per year, stacked by kind (counts printed on the bars, kinds also told
    apart by pattern)."""
    if activity.empty:
        return empty_figure(t("diplomacy.activity_empty"), t=t, dark=dark)
    colours = palette(dark)
    traces = []
    for position, (kind, part) in enumerate(activity.groupby("kind", sort=True)):
        name = t(f"kind.{kind}")
        colour = colours.categorical[position % len(colours.categorical)]
        traces.append(go.Bar(
            x=part["year"].astype(str).to_numpy(), y=part["count"].to_numpy(), name=name, text=part["count"].to_numpy(),
            textposition="inside",
            # the pattern is drawn over the solid colour (not instead of it), so the count stays readable
            marker=dict(color=colour, pattern=dict(shape=["", "/", ".", "x", "-", "|", "+"][position % 7],
                                                   fillmode="overlay", fgopacity=0.35, fgcolor=_readable_on(colour))),
            insidetextfont=dict(color=_readable_on(colour)),
            hovertemplate=t("diplomacy.activity_hover", kind=name) + "<extra></extra>",
        ))
    layout = _layout(t, dark, height, legend_y=-0.2)
    layout.update(barmode="stack", xaxis=dict(type="category", **_axis_style(dark, t("axis.year"))),
                  yaxis=dict(dtick=1, **_value_axis(t), **_axis_style(dark, t("diplomacy.activity_axis"))))
    return SharedFigure(data=traces, layout=layout)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _readable_on(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour`` (text on a coloured bar)."""
    luminance = _luminance(colour)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def build_grouped_bars(frame: pd.DataFrame, *, category: str, series: str, value: str, text: str,
                       value_title: str, t: Translator, dark: bool = False, height: int = 380,
                       highlight: str | None = None) -> go.Figure:
    """Bars of ``value`` per ``category``, one colour-and-pattern per ``series``, values written on the bars.
    ``highlight`` (a category) is outlined so Morocco stands out without relying on colour."""
    if frame.empty:
        return empty_figure(t("chart.empty"), t=t, dark=dark)
    colours = palette(dark)
    traces = []
    for position, (name, part) in enumerate(frame.groupby(series, sort=False)):
        categories = part[category].to_numpy()
        traces.append(go.Bar(
            x=categories, y=part[value].to_numpy(), name=str(name), text=part[text].to_numpy(),
            textposition="outside", textfont=dict(color=colours.text),
            marker=dict(color=colours.categorical[position % len(colours.categorical)],
                        pattern=dict(shape=["", "/", ".", "x"][position % 4]),
                        line=dict(width=[3 if c == highlight else 0 for c in categories], color=colours.text)),
            hovertemplate="%{x}: %{text}<extra>" + str(name) + "</extra>",
        ))
    # the legend above the bars: below them it collides with long (rotated) country labels on a phone
    layout = _layout(t, dark, height, legend_y=1.02)
    layout.update(barmode="group",
                  xaxis=dict(type="category", autorange="reversed" if t.rtl else True, **_axis_style(dark)),
                  yaxis=dict(rangemode="tozero", **_value_axis(t), **_axis_style(dark, value_title)))
    return SharedFigure(data=traces, layout=layout)


def build_country_lines(frame: pd.DataFrame, *, x: str, value: str, x_axis: dict, value_title: str, hover: str,
                        customdata: list[str], empty: str, t: Translator, dark: bool = False, height: int = 380,
                        highlight: str | None = None, reversed_values: bool = False) -> go.Figure:
    """One line per country (``country_name``) over ``x``; the highlighted country drawn thicker. ``hover`` is a
    Plotly template holding the literal ``{country}``, replaced by each line's country; ``customdata`` columns
    feed it."""
    if frame.empty:
        return empty_figure(empty, t=t, dark=dark)
    colours = palette(dark)
    symbols = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon"]
    traces = []
    for position, (country, part) in enumerate(frame.groupby("country_name", sort=True)):
        part = part.sort_values(x)
        main = country == highlight
        traces.append(go.Scatter(
            x=part[x].to_numpy(), y=part[value].to_numpy(), name=country, mode="lines+markers",
            line=dict(width=4 if main else 1.5, color=colours.categorical[position % len(colours.categorical)]),
            marker=dict(symbol=symbols[position % len(symbols)], size=10 if main else 7),
            customdata=part[customdata].fillna("").to_numpy(),
            hovertemplate=hover.replace("{country}", country) + "<extra></extra>",
        ))
    axis = dict(x_axis)
    x_title = axis.pop("title", "")
    layout = _layout(t, dark, height)
    layout.update(xaxis=dict(**axis, **_axis_style(dark, x_title)),
                  yaxis=dict(autorange="reversed" if reversed_values else True, **_value_axis(t),
                             **_axis_style(dark, value_title)))
    return SharedFigure(data=traces, layout=layout)


def build_index_lines(frame: pd.DataFrame, *, value: str, value_title: str, t: Translator, dark: bool = False,
                      height: int = 380, highlight: str | None = None,
                      edition_notes: dict[int, str] | None = None) -> go.Figure:
    """One line per country over editions; the hover gives the score as published and the rank with its
    denominator ("88 / 193"). ``edition_notes``: editions whose scale or method changed, marked on the chart by a
    dashed line and a label (the full notes go beside the chart)."""
    figure = build_country_lines(
        frame, x="edition", value=value, x_axis=dict(dtick=1, title=t("axis.edition")), value_title=value_title,
        hover=t("indices.hover", country="{country}"), customdata=["rank_text", "score_text"],
        empty=t("indices.empty"), t=t, dark=dark, height=height, highlight=highlight,
        reversed_values=value == "rank")
    if frame.empty:
        return figure
    colours = palette(dark)
    editions = sorted(edition_notes or {})
    if not editions:
        return figure
    figure.update_layout(  # one update: plotly's add_vline / add_annotation cost a layout update each
        shapes=[dict(type="line", x0=edition, x1=edition, xref="x", y0=0, y1=1, yref="y domain",
                     line=dict(dash="dash", width=1, color=colours.muted_text)) for edition in editions],
        annotations=[dict(x=edition, y=1, yref="paper", yanchor="bottom", showarrow=False,
                          text=t("indices.note_marker", edition=edition), font=dict(color=colours.text, size=11))
                     for edition in editions])
    return figure


def build_adoption_lines(frame: pd.DataFrame, *, value_title: str, t: Translator, dark: bool = False,
                         height: int = 380, highlight: str | None = None) -> go.Figure:
    """One indicator over time, one line per country, each point at the middle of the period it measures."""
    return build_country_lines(
        frame, x="when", value="value", x_axis=dict(type="date", title=t("adoption.period_axis")),
        value_title=value_title, hover=t("adoption.hover", country="{country}"),
        customdata=["period_label", "value_text"], empty=t("adoption.empty"), t=t, dark=dark, height=height,
        highlight=highlight)


def build_target_progress(targets: pd.DataFrame, *, t: Translator, dark: bool = False,
                          height: int | None = None) -> go.Figure:
    """Each target's baseline (and latest value) as a share of the target: comparable across units.
    Rank targets (lower is better) are left out here, and so is a value published in another unit than its
    target's (it is never converted); their table rows say baseline -> target."""
    usable = targets[(targets["unit"] != "rank") & targets["baseline_value"].notna()
                     & (targets["baseline_unit"] == "")].copy()
    if usable.empty:
        return empty_figure(t("strategy.no_baseline"), t=t, dark=dark)
    colours = palette(dark)
    usable["baseline_share"] = 100 * usable["baseline_value"] / usable["target_value"]
    labels = [f"{row.indicator} ({row.target_date})" for row in usable.itertuples()]
    traces = [
        go.Bar(y=labels, x=[100] * len(usable), orientation="h", name=t("strategy.target"),
               marker=dict(color=colours.grid), hovertemplate="%{y}<extra></extra>"),
        go.Bar(y=labels, x=usable["baseline_share"].to_numpy(), orientation="h", name=t("strategy.baseline"),
               marker=dict(color=colours.categorical[2], pattern=dict(shape="/")),
               text=[t("strategy.share_label", share=t.percent(round(share)), date=row.baseline_date)
                     for share, row in zip(usable["baseline_share"], usable.itertuples())],
               textposition="outside", textfont=dict(color=colours.text),
               hovertemplate="%{y}: %{text}<extra></extra>"),
    ]
    latest = usable[usable["latest_value"].notna() & (usable["latest_unit"] == "")]
    if not latest.empty:
        positions = [list(usable.index).index(i) for i in latest.index]
        traces.append(go.Scatter(
            y=[labels[p] for p in positions], x=(100 * latest["latest_value"] / latest["target_value"]).to_numpy(),
            mode="markers", name=t("strategy.latest"),
            marker=dict(symbol="diamond", size=13, color=colours.categorical[1],
                        line=dict(width=1, color=colours.text)),
            hovertemplate="%{y}: %{x:.0f}%<extra></extra>",
        ))
    layout = _layout(t, dark, height or 90 + 42 * len(usable), legend_y=1.02)
    layout.update(barmode="overlay",
                  xaxis=dict(range=[130, 0] if t.rtl else [0, 130], **_axis_style(dark, t("strategy.share_axis"))),
                  yaxis=dict(autorange="reversed", **_value_axis(t), **_axis_style(dark)))
    return SharedFigure(data=traces, layout=layout)
