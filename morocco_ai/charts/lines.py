"""Line charts: one line per series (a country, or a country as one survey measures it), over index editions or
measurement periods, each line named at its end instead of in a legend the eye would travel to."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.i18n import Translator

from .style import HIGHLIGHT, SMALL_TEXT, SharedFigure, axis_style, empty_figure, figure_layout, palette, value_ticks

LABEL_GAP = 18  # pixels from one line-end label to the next (13 px text)
CHAR_WIDTH = 7.2  # pixels a character of the labels' text takes, about (13 px font)
PLOT_MARGIN = 110  # pixels of a chart's height outside its plot, at most (toolbar, axis labels and titles)
NUMERIC_DATE_TICKS = [  # every zoom level in numbers: plotly.js would name months in English ("Jan 2024")
    dict(dtickrange=[None, "M11"], value="%m/%Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


def end_label_positions(ends: list[float], low: float, high: float, plot_height: float,
                        reversed_values: bool = False) -> list[float]:
    """Where to write each line's name (in data units), as near its last value as labels LABEL_GAP pixels apart
    allow: the labels are pushed apart upwards in the order they stand, then the whole column moved back down into
    the plot if it went past its top. ``reversed_values``: the axis runs from ``high`` at the bottom to ``low``
    (ranks)."""
    span = (high - low) or 1.0

    def pixel(value: float) -> float:  # from the bottom of the plot
        return ((high - value) if reversed_values else (value - low)) / span * plot_height

    heights = [pixel(value) for value in ends]
    placed, previous = {}, None
    for i in sorted(range(len(ends)), key=lambda i: heights[i]):
        placed[i] = previous = heights[i] if previous is None else max(heights[i], previous + LABEL_GAP)
    excess = max(0.0, (previous or 0.0) - plot_height)
    return [(high - (placed[i] - excess) / plot_height * span) if reversed_values
            else (low + (placed[i] - excess) / plot_height * span) for i in range(len(ends))]


def build_series_lines(frame: pd.DataFrame, *, series: str, x: str, value: str, x_axis: dict, value_title: str,
                       hover: str, customdata: list[str], empty: str, t: Translator, dark: bool = False,
                       height: int = 380, highlight: str | None = None, reversed_values: bool = False,
                       kind: str = "number") -> go.Figure:
    """One line per ``series`` over ``x``, the highlighted one drawn thicker, each named at its last point.
    ``hover`` is a Plotly template holding the literal ``{series}``; ``customdata`` columns feed it. ``kind``:
    how the value axis writes its numbers (number or percent)."""
    if frame.empty:
        return empty_figure(empty, t=t, dark=dark)
    colours = palette(dark)
    symbols = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon"]
    traces, names, ends = [], [], []
    # the highlighted series in the colour Morocco has on every chart, the others in the rest of the palette
    others = [colour for position, colour in enumerate(colours.categorical) if position != HIGHLIGHT]
    for position, (name, part) in enumerate(frame.groupby(series, sort=True)):
        part = part.sort_values(x)
        main = name == highlight
        colour = colours.categorical[HIGHLIGHT] if main else others[position % len(others)]
        traces.append(go.Scatter(
            x=part[x].to_numpy(), y=part[value].to_numpy(), name=name, mode="lines+markers",
            line=dict(width=4 if main else 1.5, color=colour),
            marker=dict(symbol=symbols[position % len(symbols)], size=10 if main else 7),
            customdata=part[customdata].fillna("").to_numpy(),
            hovertemplate=hover.replace("{series}", str(name)) + "<extra></extra>",
        ))
        names.append((name, colour, main))
        ends.append(float(part[value].iloc[-1]))
    values = frame[value].astype(float)
    low, high = (0.0 if not reversed_values and values.min() >= 0 else float(values.min())), float(values.max())
    pad = (high - low) * 0.06 or 1.0
    low, high = low - (pad if low else 0), high + pad
    label_y = end_label_positions(ends, low, high, height - PLOT_MARGIN, reversed_values)
    axis = dict(x_axis)
    x_title = axis.pop("title", "")
    layout = figure_layout(t, dark, height)
    widest = max(len(str(name)) for name, _, _ in names)
    layout.update(
        margin=dict(layout["margin"], r=int(16 + CHAR_WIDTH * widest)),
        xaxis=dict(**axis, **axis_style(dark, x_title)),
        yaxis=dict(range=[high, low] if reversed_values else [low, high],
                   **value_ticks(values, t, kind=kind, zero=not reversed_values), **axis_style(dark, value_title)),
        annotations=[dict(xref="paper", x=1, xanchor="left", xshift=6, yref="y", y=y, yanchor="middle",
                          text=f"<b>{name}</b>" if main else str(name), showarrow=False,
                          font=dict(color=colours.text, size=SMALL_TEXT))  # the line's colour can be too pale
                     for (name, _, main), y in zip(names, label_y)])
    return SharedFigure(data=traces, layout=layout)


def build_index_lines(frame: pd.DataFrame, *, value: str, value_title: str, t: Translator, dark: bool = False,
                      height: int = 380, highlight: str | None = None,
                      edition_notes: dict[int, str] | None = None) -> go.Figure:
    """One line per country over editions; the hover gives the score as published and the rank with its
    denominator ("88 / 193"). ``edition_notes``: editions whose scale or method changed, marked on the chart by a
    dashed line and a label (the full notes go beside the chart)."""
    figure = build_series_lines(
        frame, series="country_name", x="edition", value=value,
        x_axis=dict(tickmode="array", tickvals=sorted(set(frame["edition"])), title=t("axis.edition")),
        value_title=value_title, hover=t("indices.hover", country="{series}"), customdata=["rank_text", "score_text"],
        empty=t("indices.empty"), t=t, dark=dark, height=height, highlight=highlight,
        reversed_values=value == "rank")
    editions = sorted(edition_notes or {})
    if frame.empty or not editions:
        return figure
    colours = palette(dark)
    figure.update_layout(  # one update: plotly's add_vline / add_annotation cost a layout update each
        shapes=[dict(type="line", x0=edition, x1=edition, xref="x", y0=0, y1=1, yref="y domain",
                     line=dict(dash="dash", width=1, color=colours.muted_text)) for edition in editions],
        annotations=[*figure.layout.annotations, *(
            dict(x=edition, y=1, yref="paper", yanchor="bottom", showarrow=False,
                 text=t("indices.note_marker", edition=edition), font=dict(color=colours.text, size=SMALL_TEXT))
            for edition in editions)])
    return figure


def build_adoption_lines(frame: pd.DataFrame, *, value_title: str, t: Translator, dark: bool = False,
                         height: int = 380, highlight: str | None = None, kind: str = "number") -> go.Figure:
    """One indicator over time, one line per series (``series_name``: a country, or a country as one survey
    measures it), each point at the middle of the period it measures."""
    return build_series_lines(
        frame, series="series_name", x="when", value="value",
        x_axis=dict(type="date", tickformatstops=NUMERIC_DATE_TICKS, title=t("adoption.period_axis")),
        value_title=value_title, hover=t("adoption.hover", country="{series}"),
        customdata=["period_label", "value_text"], empty=t("adoption.empty"), t=t, dark=dark, height=height,
        highlight=highlight, kind=kind)
