"""Every parameter a dashboard address can carry, in one place.

The pages read their state from these parameters and write it back, so a shared link, a citation and a briefing
reproduce the view. Whatever comes from an address is untrusted text: the parsers keep known values only, and
anything echoed to the reader is shown as plain text.
"""

from __future__ import annotations

LANG_PARAM = "lang"
REGION_PARAM = "region"
YEARS_PARAM = "years"
SEARCH_PARAM = "q"
RECORD_PARAM = "record"
# the pages' own choices
MEASURE_PARAM = "measure"
NATIONAL_PARAM = "national"
MILESTONE_PARAM = "milestone"
INDICATOR_PARAM = "indicator"
INDEX_PARAM = "index"
PEERS_PARAM = "peers"
SHOW_PARAM = "show"
EDITIONS_PARAM = "editions"

# name -> what it holds (for the docs and the tests that send hostile values through every parameter)
URL_PARAMS: dict[str, str] = {
    LANG_PARAM: "interface language: fr, en or ar",
    REGION_PARAM: "regions shown: HCP codes, comma-separated",
    YEARS_PARAM: "year range: START-END",
    SEARCH_PARAM: "search words (search page)",
    RECORD_PARAM: "a record's id: opens its card",
    MEASURE_PARAM: "what colours the regions map (regions page)",
    NATIONAL_PARAM: "with national and international milestones beside the chosen regions' (timeline): 1 or 0",
    MILESTONE_PARAM: "the milestone whose entry is open (timeline)",
    INDICATOR_PARAM: "the adoption series shown (adoption page)",
    INDEX_PARAM: "the readiness index shown (adoption page)",
    PEERS_PARAM: "countries compared with Morocco: ISO 3166 alpha-2 codes, comma-separated (adoption page)",
    SHOW_PARAM: "the index's scores or ranks (adoption page): score or rank",
    EDITIONS_PARAM: "the index editions shown (adoption page): FIRST-LAST",
}
SHARED_PARAMS = (LANG_PARAM, REGION_PARAM, YEARS_PARAM)  # kept on every page
CHOICE_PARAMS = (MEASURE_PARAM, NATIONAL_PARAM, MILESTONE_PARAM, INDICATOR_PARAM, INDEX_PARAM, PEERS_PARAM,
                 SHOW_PARAM, EDITIONS_PARAM)
