"""Adoption & indices parts: usage figures compared across countries, indices over time and peers."""

from __future__ import annotations

import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.i18n import country_name
from morocco_ai.store import Store

from .chart_panel import chart
from .charts import build_grouped_bars, build_index_lines
from .page_context import PageContext
from .provenance import dataset_available
from .tables import data_table

MOROCCO = "MA"


def _percent_comparison(store: Store, years: tuple[int, int], lang: str) -> pd.DataFrame:
    """Percent indicators measured in more than one country (the comparable ones), one bar group per country.

    A figure from a survey other than the indicator's main one (the survey most rows come from) gets its own
    bar group named after that survey, so two surveys of one country never hide behind one bar."""
    frame = queries.adoption_frame(store, Filters(years=years), lang)
    percent = frame[(frame["unit"] == "percent") & (frame["status"] == "confirmed")]
    countries_per_indicator = percent.groupby("indicator")["country"].nunique()
    comparable = percent[percent["indicator"].isin(countries_per_indicator[countries_per_indicator > 1].index)]
    if comparable.empty:
        return comparable.assign(country_name=[], series=[], value_text=[])
    main_survey = comparable.groupby("indicator")["survey"].agg(lambda s: s.value_counts().index[0])
    series_name = comparable.groupby("indicator")["label"].agg(lambda s: min(s, key=len))
    names = comparable["country"].map(lambda c: country_name(c, lang))
    other = comparable["survey"] != comparable["indicator"].map(main_survey)
    return comparable.assign(
        country_name=[f"{n} ({s.split(' survey')[0][:40]})" if o else n for n, s, o in zip(names, comparable["survey"], other)],
        series=comparable["indicator"].map(series_name),
        value_text=comparable["value"].map(lambda v: f"{v:g}%"),
    ).sort_values(["series", "value"], ascending=[True, False])


@functools.lru_cache(maxsize=64)
def adoption_figure(store: Store, years: tuple[int, int], lang: str, dark: bool) -> go.Figure:
    frame = _percent_comparison(store, years, lang)
    return build_grouped_bars(frame, category="country_name", series="series", value="value", text="value_text",
                              value_title="% of respondents", dark=dark, highlight=country_name(MOROCCO, lang))


def adoption_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx.store, "adoption"):
        return
    st.caption("National figures: the region filter does not apply. Surveys differ in population and method; "
               "each bar's source is in the table.")
    comparison = _percent_comparison(ctx.store, ctx.filters.years, ctx.lang)
    summary = "; ".join(f"{r.country_name} {r.series}: {r.value_text}" for r in comparison.itertuples())
    chart(adoption_figure(ctx.store, ctx.filters.years, ctx.lang, ctx.dark), comparison, key_prefix=key_prefix,
          alt=f"Grouped bars comparing survey figures across countries. {summary}.", file_name="adoption_comparison.csv")
    frame = queries.adoption_frame(ctx.store, Filters(years=ctx.filters.years), ctx.lang)
    data_table(frame.assign(country_name=frame["country"].map(lambda c: country_name(c, ctx.lang))),
               key_prefix=f"{key_prefix}_all", alt="All adoption statistics",
               columns={"label": "Indicator", "country_name": "Country", "value": "Value", "unit": "Unit",
                        "period": "Measured", "survey": "Survey", "status": "Status",
                        "alternatives": "Other versions", "sources": "Sources", "source_url": "Link"},
               file_name="adoption.csv")


def _index_frame(store: Store, years: tuple[int, int], index: str, lang: str) -> pd.DataFrame:
    frame = queries.indices_frame(store, Filters(years=years))
    chosen = frame[(frame["index"] == index) & (frame["pillar"] == "overall") & (frame["rank_scope"] == "global")]
    return chosen.assign(country_name=chosen["country"].map(lambda c: country_name(c, lang)))


@functools.lru_cache(maxsize=64)
def index_figure(store: Store, years: tuple[int, int], index: str, lang: str, dark: bool) -> go.Figure:
    frame = _index_frame(store, years, index, lang)
    value = "score" if frame["score"].notna().any() else "rank"
    return build_index_lines(frame[frame[value].notna()], value=value, value_title=value.capitalize(), dark=dark,
                             highlight=country_name(MOROCCO, lang))


def indices_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx.store, "indices"):
        return
    frame = queries.indices_frame(ctx.store, Filters(years=ctx.filters.years))
    if frame.empty:
        st.info("No index edition in these years.", icon=":material/info:")
        return
    names = dict(zip(frame["index"], frame["index_name"]))
    index = st.selectbox("Index", options=sorted(names), format_func=names.get, key=f"{key_prefix}_index")
    chosen = _index_frame(ctx.store, ctx.filters.years, index, ctx.lang)
    st.caption("Scores are compared within one index only. Every rank is shown with the number of countries "
               "ranked in that edition, since the denominator changes between editions.")
    summary = "; ".join(f"{r.country_name} {r.edition}: score {r.score}, rank {r.rank_text or 'n/a'}"
                        for r in chosen.itertuples())
    chart(index_figure(ctx.store, ctx.filters.years, index, ctx.lang, ctx.dark), chosen, key_prefix=key_prefix,
          alt=f"{names[index]}: score by edition per country. {summary}.", file_name=f"{index}.csv")
    table = frame[frame["index"] == index]
    data_table(table.assign(country_name=table["country"].map(lambda c: country_name(c, ctx.lang))),
               key_prefix=f"{key_prefix}_table", alt=f"{names[index]}: every score and rank recorded",
               columns={"edition": "Edition", "country_name": "Country", "pillar": "Pillar", "score": "Score",
                        "score_max": "Out of", "rank_text": "Rank / countries ranked", "rank_scope": "Rank among",
                        "status": "Status", "alternatives": "Other versions", "sources": "Sources",
                        "source_url": "Link"}, file_name=f"{index}_all.csv")
