"""Adoption & indices parts: usage figures compared across countries, indices over time and peers."""

from __future__ import annotations

import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.i18n import country_name, translator
from morocco_ai.store import Store

from .chart_panel import chart
from .charts import build_grouped_bars, build_index_lines
from .page_context import PageContext
from .provenance import dataset_available, mark_fallbacks
from .tables import data_table

MOROCCO = "MA"


def _percent_comparison(store: Store, years: tuple[int, int], lang: str) -> pd.DataFrame:
    """Percent indicators measured in more than one country (the comparable ones), one bar group per country.

    A figure from a survey other than the indicator's main one (the survey most rows come from) gets its own
    bar group named after that survey, so two surveys of one country never hide behind one bar."""
    t = translator(lang)
    frame = queries.adoption_frame(store, Filters(years=years), lang)
    percent = frame[(frame["unit"] == "percent") & (frame["status"] == "confirmed")]
    countries_per_indicator = percent.groupby("indicator")["country"].nunique()
    comparable = percent[percent["indicator"].isin(countries_per_indicator[countries_per_indicator > 1].index)]
    if comparable.empty:
        return comparable.assign(country_name=[], series=[], value_text=[])
    main_survey = comparable.groupby("indicator")["survey"].agg(lambda s: s.value_counts().index[0])
    series_name = comparable.groupby("indicator")["label"].agg(lambda s: min(s, key=len))
    names = [country_name(code, lang) for code in comparable["country"]]
    other = comparable["survey"] != comparable["indicator"].map(main_survey)
    return comparable.assign(
        country_name=[f"{n} ({s.split(' survey')[0][:40]})" if o else n
                      for n, s, o in zip(names, comparable["survey"], other)],
        series=comparable["indicator"].map(series_name),
        value_text=[t.percent(v) for v in comparable["value"]],
    ).sort_values(["series", "value"], ascending=[True, False])


@functools.lru_cache(maxsize=64)
def adoption_figure(store: Store, years: tuple[int, int], lang: str, dark: bool) -> go.Figure:
    t = translator(lang)
    return build_grouped_bars(_percent_comparison(store, years, lang), category="country_name", series="series",
                              value="value", text="value_text", value_title=t("adoption.axis"), t=t, dark=dark,
                              highlight=country_name(MOROCCO, lang))


def adoption_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "adoption"):
        return
    t = ctx.t
    st.caption(t("adoption.scope"))
    comparison = _percent_comparison(ctx.store, ctx.filters.years, ctx.lang)
    summary = "; ".join(f"{r.country_name} — {r.series}: {r.value_text}" for r in comparison.itertuples())
    chart(adoption_figure(ctx.store, ctx.filters.years, ctx.lang, ctx.dark), comparison, key_prefix=key_prefix,
          alt=t("adoption.alt", summary=summary), file_name="adoption_comparison.csv", t=t,
          columns={"country_name": "column.country", "series": "column.indicator", "value": "column.value",
                   "period": "column.measured", "survey": "column.survey", "sources": "column.sources"})
    frame = queries.adoption_frame(ctx.store, Filters(years=ctx.filters.years), ctx.lang)
    shown = mark_fallbacks(frame, "label", "label_lang", ctx).assign(
                         country_name=[country_name(c, ctx.lang) for c in frame["country"]],
                         value=[t.number(v) for v in frame["value"]], unit=[t(f"unit.{u}") for u in frame["unit"]],
                         status=[t(f"status.{s}") for s in frame["status"]])
    data_table(shown, key_prefix=f"{key_prefix}_all", t=t, file_name="adoption.csv",
               columns={"label": "column.indicator", "country_name": "column.country", "value": "column.value",
                        "unit": "column.unit", "period": "column.measured", "survey": "column.survey",
                        "status": "column.status", "alternatives": "column.other_versions",
                        "sources": "column.sources", "source_url": "column.link"})


def _index_frame(store: Store, years: tuple[int, int], index: str, lang: str) -> pd.DataFrame:
    frame = queries.indices_frame(store, Filters(years=years), lang)
    chosen = frame[(frame["index"] == index) & (frame["pillar"] == "overall") & (frame["rank_scope"] == "global")]
    return chosen.assign(country_name=[country_name(c, lang) for c in chosen["country"]])


@functools.lru_cache(maxsize=64)
def index_figure(store: Store, years: tuple[int, int], index: str, lang: str, dark: bool) -> go.Figure:
    t = translator(lang)
    frame = _index_frame(store, years, index, lang)
    value = "score" if frame["score"].notna().any() else "rank"
    return build_index_lines(frame[frame[value].notna()], value=value, value_title=t(f"indices.{value}"), t=t,
                             dark=dark, highlight=country_name(MOROCCO, lang))


def indices_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "indices"):
        return
    t = ctx.t
    frame = queries.indices_frame(ctx.store, Filters(years=ctx.filters.years), ctx.lang)
    if frame.empty:
        st.info(t("indices.empty"), icon=":material/info:")
        return
    names = dict(zip(frame["index"], frame["index_name"]))
    index = st.selectbox(t("indices.choose"), options=sorted(names), format_func=names.get, key=f"{key_prefix}_index")
    chosen = _index_frame(ctx.store, ctx.filters.years, index, ctx.lang)
    st.caption(t("indices.denominator_note"))
    summary = "; ".join(f"{r.country_name} {r.edition}: {t.number(r.score)} ({r.rank_text or '–'})"
                        for r in chosen.itertuples())
    chart(index_figure(ctx.store, ctx.filters.years, index, ctx.lang, ctx.dark), chosen, key_prefix=key_prefix,
          alt=t("indices.alt", index=names[index], summary=summary), file_name=f"{index}.csv", t=t,
          columns={"edition": "column.edition", "country_name": "column.country", "score": "column.score",
                   "rank_text": "column.rank_of", "sources": "column.sources"})
    table = frame[frame["index"] == index]
    shown = table.assign(country_name=[country_name(c, ctx.lang) for c in table["country"]],
                         pillar=[t(f"pillar.{p}") for p in table["pillar"]],
                         rank_scope=[t(f"rank_scope.{r}") for r in table["rank_scope"]],
                         status=[t(f"status.{s}") for s in table["status"]])
    data_table(shown, key_prefix=f"{key_prefix}_table", t=t, file_name=f"{index}_all.csv",
               columns={"edition": "column.edition", "country_name": "column.country", "pillar": "column.pillar",
                        "score": "column.score", "score_max": "column.score_max", "rank_text": "column.rank_of",
                        "rank_scope": "column.rank_scope", "status": "column.status",
                        "alternatives": "column.other_versions", "sources": "column.sources",
                        "source_url": "column.link"})
