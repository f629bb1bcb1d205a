"""The map of Morocco's 12 regions: a pure builder (frame in, Plotly figure out), drawn with no tile server.

Two renderers of the one map: "map" (MapLibre, clickable: the pages) and "geo" (d3 SVG: the briefing file,
which browsers open from disk, where MapLibre does not draw, and which prints as vectors).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.geo import EMPTY_TOPOLOGY

from .style import SharedFigure, base_layout, palette

# MapLibre needs a style; an inline one with a transparent background names no tile or glyph server
# (an empty `sources` object is dropped on the way and the map then fails, hence the empty GeoJSON source).
OFFLINE_STYLE = {
    "version": 8,
    "sources": {"none": {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}}},
    "layers": [{"id": "bg", "type": "background", "paint": {"background-color": "rgba(0,0,0,0)"}}],
}
CENTER, ZOOM = {"lat": 28.6, "lon": -9.06}, 4.3
LON_RANGE, LAT_RANGE = [-17.3, -0.9], [20.6, 36.0]  # the 12 regions' extent, with a small margin

# A standalone HTML file (the briefing) sets the empty topology before plotly.js loads (see morocco_ai.geo).
GEO_ASSETS_SCRIPT = (f"window.PlotlyGeoAssets = {{topojson: {{world_110m: {json.dumps(EMPTY_TOPOLOGY)}, "
                     f"world_50m: {json.dumps(EMPTY_TOPOLOGY)}}}}};")


def _selected_indices(codes: Sequence[str], selected: Sequence[str]) -> list[int] | None:
    if not selected:
        return None
    return [i for i, code in enumerate(codes) if code in selected]


def _hover(frame: pd.DataFrame, measure_label: str) -> list[str]:  # labels arrive translated
    return [f"{name} ({code})<br>{measure_label}: {label}"
            for code, name, label in zip(frame["code"], frame["name"], frame["label"])]


def build_region_map(
    geojson: dict | str,
    measure: pd.DataFrame,
    *,
    measure_label: str,
    categorical: bool,
    category_labels: dict[str, str] | None = None,
    category_order: Sequence[str] = (),
    selected: Sequence[str] = (),
    dark: bool = False,
    height: int = 560,
    zoom: float = ZOOM,
    rtl: bool = False,
    renderer: Literal["map", "geo"] = "map",
    code_points: Mapping[str, tuple[float, float]] | None = None,
    ticks: Mapping | None = None,
) -> go.Figure:
    """Regions coloured by ``measure`` (columns code, name, value, label), in one trace (the GeoJSON is the
    figure's bulk: one copy, not one per category).

    ``geojson`` is the FeatureCollection itself, or the URL plotly.js fetches it from (the pages: then every
    run's figure stays a few kilobytes instead of carrying the shapes again).

    Categorical measures get a stepped colour scale whose colour bar names each category in text, and the hover
    repeats it; numeric measures get a sequential scale. ``selected`` regions stay opaque, the others fade.
    ``category_order`` fixes each category's colour (the n-th known category takes the n-th palette colour), so
    a status keeps its colour whatever the data holds.

    ``code_points`` (code -> lon, lat) writes each region's code on a "geo" map (SVG text, no font server; MapLibre
    would fetch its glyphs from a public server). ``ticks``: a numeric measure's colour-bar ticks, written the
    reader's way (style.value_ticks).
    """
    colours = palette(dark)
    codes = list(measure["code"])
    colour_bar = dict(title=dict(text=measure_label, font=dict(color=colours.text)),
                      tickfont=dict(color=colours.text), thickness=14, x=0 if rtl else 1,
                      xanchor="left" if not rtl else "right")
    if categorical:
        labels = category_labels or {}
        present = set(measure["value"])
        known = [c for c in category_order if c in present] + sorted(present - set(category_order))
        palette_index = {c: (list(category_order).index(c) if c in category_order else len(category_order) + i)
                         for i, c in enumerate(known)}
        count = len(known)
        z = [known.index(value) for value in measure["value"]]
        # a stepped scale: category i fills [i/count, (i+1)/count] with its own colour
        scale = [[edge / count, colours.categorical[palette_index[c] % len(colours.categorical)]]
                 for i, c in enumerate(known) for edge in (i, i + 1)]
        colour_bar.update(tickvals=[i for i in range(count)],
                          ticktext=[labels.get(c, str(c).replace("_", " ")) for c in known],
                          len=min(1, 0.12 * count + 0.1))
        extra = dict(zmin=-0.5, zmax=count - 0.5, colorscale=scale)
    else:
        z = measure["value"].astype(float).to_numpy()
        colour_bar.update(ticks or {})
        extra = dict(colorscale=[[i / (len(colours.sequential) - 1), c] for i, c in enumerate(colours.sequential)])
    layout = dict(base_layout(dark, height=height, rtl=rtl), clickmode="event+select", showlegend=False)
    traces = []
    if renderer == "map":
        layout["map"] = dict(style=OFFLINE_STYLE, center=CENTER, zoom=zoom)
    else:
        # the country's extent fills the box at any width (phone included); the colour key sits over the ocean
        layout["geo"] = dict(visible=False, lonaxis=dict(range=LON_RANGE), lataxis=dict(range=LAT_RANGE),
                             domain=dict(x=[0, 1], y=[0, 1]), projection=dict(type="mercator"),
                             bgcolor="rgba(0,0,0,0)")
        colour_bar.update(x=0, xanchor="left", y=1, yanchor="top", len=0.45, thickness=12)
        if code_points:
            shown = [code for code in codes if code in code_points]
            traces.append(go.Scattergeo(
                lon=[code_points[code][0] for code in shown], lat=[code_points[code][1] for code in shown], text=shown,
                mode="text", textfont=dict(color=colours.text, size=13), hoverinfo="skip", showlegend=False))
    trace = go.Choroplethmap if renderer == "map" else go.Choropleth
    traces.insert(0, trace(
        geojson=geojson, featureidkey="id", locations=codes, z=z, customdata=codes, text=_hover(measure, measure_label),
        marker=dict(line=dict(color=colours.border, width=0.8)), colorbar=colour_bar,
        selected=dict(marker=dict(opacity=1.0)), unselected=dict(marker=dict(opacity=0.35)),
        selectedpoints=_selected_indices(codes, selected), hovertemplate="%{text}<extra></extra>", **extra,
    ))
    # one construction from plain values: plotly's update_* methods cost a path lookup per keyword
    return SharedFigure(data=traces, layout=layout)
