"""Line charts: one line per country, over index editions or measurement periods."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.i18n import Translator

from .style import SharedFigure, axis_style, empty_figure, figure_layout, palette, value_axis


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
    layout = figure_layout(t, dark, height)
    layout.update(xaxis=dict(**axis, **axis_style(dark, x_title)),
                  yaxis=dict(autorange="reversed" if reversed_values else True, **value_axis(t),
                             **axis_style(dark, value_title)))
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
