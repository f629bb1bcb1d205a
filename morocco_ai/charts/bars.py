"""Bar charts: counts per year and kind, one figure per country, targets as shares of the way."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.i18n import Translator

from .style import (
    HIGHLIGHT,
    SharedFigure,
    axis_style,
    empty_figure,
    figure_layout,
    palette,
    readable_on,
    value_axis,
    value_ticks,
)


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
                                                   fillmode="overlay", fgopacity=0.35, fgcolor=readable_on(colour))),
            insidetextfont=dict(color=readable_on(colour)),
            hovertemplate=t("diplomacy.activity_hover", kind=name) + "<extra></extra>",
        ))
    totals = activity.groupby("year")["count"].sum()
    layout = figure_layout(t, dark, height, legend_below=True)
    layout.update(barmode="stack", xaxis=dict(type="category", **axis_style(dark, t("axis.year"))),
                  yaxis=dict(**value_ticks(range(int(totals.max()) + 1), t, count=min(5, int(totals.max()))),
                             **value_axis(t), **axis_style(dark, t("diplomacy.activity_axis"))))
    return SharedFigure(data=traces, layout=layout)


def build_bars(frame: pd.DataFrame, *, category: str, value: str, text: str, value_title: str, t: Translator,
               dark: bool = False, highlight: str | None = None, kind: str = "number") -> go.Figure:
    """One horizontal bar per ``category`` (a country), largest first, its value written at its end: the names
    read across on a phone too. ``highlight`` (Morocco) is outlined and coloured apart, so it stands out without
    relying on colour alone; a row marked ``uncertain`` (a figure not confirmed) is hatched. ``kind``: how the value
    axis writes its numbers (number or percent)."""
    if frame.empty:
        return empty_figure(t("chart.empty"), t=t, dark=dark)
    colours = palette(dark)
    frame = frame.sort_values(value, ascending=True)  # Plotly draws the first category at the bottom
    names = frame[category].to_numpy()
    main = [name == highlight for name in names]
    trace = go.Bar(
        y=names, x=frame[value].to_numpy(), orientation="h", text=frame[text].to_numpy(), textposition="outside",
        textfont=dict(color=colours.text, size=13), cliponaxis=False,
        marker=dict(color=[colours.categorical[HIGHLIGHT] if m else colours.categorical[2] for m in main],
                    line=dict(width=[2.5 if m else 0 for m in main], color=colours.text),
                    pattern=dict(shape=["/" if u else "" for u in (frame["uncertain"] if "uncertain" in frame
                                                                   else [False] * len(frame))],
                                 fillmode="overlay", fgcolor=colours.background, fgopacity=0.6)),
        hovertemplate="%{y}: %{text}<extra></extra>")
    layout = figure_layout(t, dark, 100 + 34 * len(frame))
    # the longest value label needs room beyond the longest bar
    top = float(frame[value].max()) * 1.18
    layout.update(bargap=0.3,
                  xaxis=dict(range=[top, 0] if t.rtl else [0, top], **value_ticks(frame[value], t, kind=kind),
                             **axis_style(dark, value_title)),
                  yaxis=dict(type="category", side="right" if t.rtl else "left", **axis_style(dark)))
    return SharedFigure(data=[trace], layout=layout)


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
        shares = (100 * latest["latest_value"] / latest["target_value"]).to_numpy()
        traces.append(go.Scatter(
            y=[labels[p] for p in positions], x=shares, mode="markers", name=t("strategy.latest"),
            marker=dict(symbol="diamond", size=13, color=colours.categorical[1],
                        line=dict(width=1, color=colours.text)),
            text=[t.percent(round(share)) for share in shares], hovertemplate="%{y}: %{text}<extra></extra>",
        ))
    layout = figure_layout(t, dark, height or 120 + 42 * len(usable), legend_below=True)
    layout.update(barmode="overlay",
                  xaxis=dict(range=[130, 0] if t.rtl else [0, 130], **value_ticks([0, 125], t, kind="percent"),
                             **axis_style(dark, t("strategy.share_axis"))),
                  yaxis=dict(autorange="reversed", **value_axis(t), **axis_style(dark)))
    return SharedFigure(data=traces, layout=layout)
