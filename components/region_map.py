"""The map of Morocco's 12 regions: a pure builder (frame in, Plotly figure out), drawn with no tile server.

Two renderers of the one map: "map" (MapLibre, clickable: the pages) and "geo" (d3 SVG: the briefing file,
which browsers open from disk, where MapLibre does not draw, and which prints as vectors).
"""

from __future__ import annotations

import json
from typing import Literal, Sequence

import pandas as pd
import plotly.graph_objects as go

from .palette import base_layout, palette

# MapLibre needs a style; an inline one with a transparent background names no tile or glyph server
# (an empty `sources` object is dropped on the way and the map then fails, hence the empty GeoJSON source).
OFFLINE_STYLE = {
    "version": 8,
    "sources": {"none": {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}}},
    "layers": [{"id": "bg", "type": "background", "paint": {"background-color": "rgba(0,0,0,0)"}}],
}
CENTER, ZOOM = {"lat": 28.6, "lon": -9.06}, 4.3

# The "geo" renderer asks plotly.js for a world topojson (from a CDN) unless one is already on the page: an
# empty topology, set before plotly.js loads, keeps a standalone HTML file offline (our GeoJSON draws the map).
_EMPTY_TOPOLOGY = {"type": "Topology", "arcs": [], "bbox": [-180, -90, 180, 90], "objects": {
    layer: {"type": "GeometryCollection", "geometries": []}
    for layer in ("land", "ocean", "coastlines", "lakes", "rivers", "countries", "subunits")}}
GEO_ASSETS_SCRIPT = ("window.PlotlyGeoAssets = {topojson: {world_110m: %s, world_50m: %s}};"
                     % (json.dumps(_EMPTY_TOPOLOGY), json.dumps(_EMPTY_TOPOLOGY)))


def _selected_indices(codes: Sequence[str], selected: Sequence[str]) -> list[int] | None:
    if not selected:
        return None
    return [i for i, code in enumerate(codes) if code in selected]


def _hover(frame: pd.DataFrame, measure_label: str) -> list[str]:  # labels arrive translated
    return [f"{name} ({code})<br>{measure_label}: {label}"
            for code, name, label in zip(frame["code"], frame["name"], frame["label"])]


def build_region_map(
    geojson: dict,
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
) -> go.Figure:
    """Regions coloured by ``measure`` (columns code, name, value, label).

    Categorical measures get one trace per category, so the legend names each colour and the hover repeats it
    in text; numeric measures get a sequential scale with a colour bar. ``selected`` regions stay opaque.
    ``category_order`` fixes each category's colour (the n-th known category takes the n-th palette colour), so
    a status keeps its colour whatever the data holds.
    """
    colours = palette(dark)
    marker_line = dict(color=colours.border, width=0.8)
    common = dict(geojson=geojson, featureidkey="id", marker=dict(line=marker_line),
                  selected=dict(marker=dict(opacity=1.0)), unselected=dict(marker=dict(opacity=0.35)),
                  hovertemplate="%{text}<extra></extra>")
    trace = go.Choroplethmap if renderer == "map" else go.Choropleth
    figure = go.Figure()
    if categorical:
        labels = category_labels or {}
        known = list(category_order) + sorted(set(measure["value"]) - set(category_order))
        for category, group in sorted(measure.groupby("value"), key=lambda item: known.index(item[0])):
            colour = colours.categorical[known.index(category) % len(colours.categorical)]
            codes = list(group["code"])
            figure.add_trace(trace(
                locations=codes, z=[1] * len(codes), customdata=codes, text=_hover(group, measure_label),
                colorscale=[[0, colour], [1, colour]], showscale=False, showlegend=True,
                name=labels.get(category, str(category).replace("_", " ")),
                selectedpoints=_selected_indices(codes, selected), **common,
            ))
    else:
        codes = list(measure["code"])
        figure.add_trace(trace(
            locations=codes, z=measure["value"].astype(float), customdata=codes,
            text=_hover(measure, measure_label),
            colorscale=[[i / (len(colours.sequential) - 1), c] for i, c in enumerate(colours.sequential)],
            colorbar=dict(title=dict(text=measure_label, font=dict(color=colours.text)),
                          tickfont=dict(color=colours.text), thickness=14),
            selectedpoints=_selected_indices(codes, selected), **common,
        ))
    figure.update_layout(**base_layout(dark, height=height, rtl=rtl), clickmode="event+select",
                         showlegend=categorical)
    if renderer == "map":
        figure.update_layout(map=dict(style=OFFLINE_STYLE, center=CENTER, zoom=zoom))
    else:
        figure.update_geos(visible=False, fitbounds="locations", projection_type="mercator",
                           bgcolor="rgba(0,0,0,0)")
    figure.update_layout(legend=dict(x=0.99 if rtl else 0.01, xanchor="right" if rtl else "left", y=0.99,
                                     bgcolor="rgba(0,0,0,0)", title=dict(text=measure_label)))
    return figure
