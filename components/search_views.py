"""The search page's parts: the box (its query lives in the URL as ``?q=``) and the results grouped by dataset."""

from __future__ import annotations

import streamlit as st

from morocco_ai.search import MAX_QUERY_LENGTH, Segment, search_index
from morocco_ai.urls import SEARCH_PARAM

from .page_context import PageContext
from .text import md_escape, md_record_link

SHOWN_PER_DATASET = 25


def marked_markdown(segments: tuple[Segment, ...]) -> str:
    """Segments as Markdown: every piece escaped (data never becomes markup), the searched words in bold."""
    return "".join(f"**{md_escape(text)}**" if matched and text.strip() else md_escape(text)
                   for text, matched in segments)


def search_box(ctx: PageContext, *, key_prefix: str) -> str:
    """The query, from the URL on arrival, kept in the URL as the reader types (a search can be linked)."""
    key = f"{key_prefix}_query"
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(SEARCH_PARAM) or "").strip()[:MAX_QUERY_LENGTH]
    # no max_chars: its counter overlaps right-to-left text; the query is cut at MAX_QUERY_LENGTH when searched
    query = st.text_input(ctx.t("search.label"), key=key, placeholder=ctx.t("search.placeholder")).strip()
    if query:
        if st.query_params.get(SEARCH_PARAM) != query:
            st.query_params[SEARCH_PARAM] = query
    elif SEARCH_PARAM in st.query_params:
        del st.query_params[SEARCH_PARAM]
    return query


def search_results(ctx: PageContext, query: str) -> None:
    t = ctx.t
    results = search_index(ctx.store).search(query, ctx.lang)
    if not results.terms:
        st.info(t("search.how"), icon=":material/search:")
        return
    if not results.count:
        st.warning(t("search.none", query=query), icon=":material/search_off:")
        return
    if not results.complete:
        st.info(t("search.partial", words=len(results.terms)), icon=":material/info:")
    st.caption(t("search.count", count=results.count, datasets=len(results.groups)))
    for name, matches in results.groups.items():
        st.header(md_escape(f"{ctx.store.dataset(name).text('title', ctx.lang)} ({t.number(len(matches))})"))
        lines = []
        for hit in results.hits(name, SHOWN_PER_DATASET):
            # the record opens in the reader's language
            line = f"- {marked_markdown(hit.title)} {md_record_link(t('search.open'), hit.id, ctx.lang)}"
            if hit.snippet:
                marker = (md_escape(t("fallback.marker", lang=hit.snippet_lang.upper())) + " "
                          if hit.snippet_lang != ctx.lang else "")
                line += f"  \n  {marker}{marked_markdown(hit.snippet)}"
            lines.append(line)
        st.markdown("\n".join(lines))
        if len(matches) > SHOWN_PER_DATASET:
            st.caption(t("search.more", count=len(matches) - SHOWN_PER_DATASET))
