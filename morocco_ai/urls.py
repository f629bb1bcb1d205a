"""Every parameter a dashboard address can carry, in one place.

The pages read their state from these parameters and write it back, so a shared link, a citation and a briefing
reproduce the view. Whatever comes from an address is untrusted text: the parsers keep known values only, and
anything echoed to the reader is shown as plain text.
"""

from __future__ import annotations

LANG_PARAM = "lang"
REGION_PARAM = "region"
YEARS_PARAM = "years"
PEERS_PARAM = "peers"
SEARCH_PARAM = "q"
RECORD_PARAM = "record"

# name -> what it holds (for the docs and the tests that send hostile values through every parameter)
URL_PARAMS: dict[str, str] = {
    LANG_PARAM: "interface language: fr, en or ar",
    REGION_PARAM: "regions shown: HCP codes, comma-separated",
    YEARS_PARAM: "year range: START-END",
    PEERS_PARAM: "countries compared with Morocco: ISO 3166 alpha-2 codes, comma-separated",
    SEARCH_PARAM: "search words (search page)",
    RECORD_PARAM: "a record's id: opens its card",
}
