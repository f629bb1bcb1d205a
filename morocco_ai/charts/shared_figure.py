"""A Plotly figure serialised once: every figure the builders make is shared, never changed once built.

``st.plotly_chart`` asks the figure for ``to_dict()`` on every run that shows it: a deep copy of every property,
its arrays encoded again (6 of the adoption page's 30 ms rerun, bench/README.md). The builders make each figure
in one go and the views' cache (morocco_ai/views/blocks.py) hands the same object to every session, so a figure is never
changed after it is drawn (nothing may change it: another reader's page shows it too). Its dict is therefore
made on the first call and kept. tests/test_app.py checks, after every page has run, that each kept dict still
equals a fresh serialisation of its figure; tests/test_charts.py that it is made once.
"""

from __future__ import annotations

import plotly.graph_objects as go

KEPT = "kept_dict"


class SharedFigure(go.Figure):
    """A ``go.Figure`` whose ``to_dict()`` is computed once. Change it only while building it (before it is shown);
    a copy (``go.Figure(figure)``) is a plain figure to change freely, as the briefing does."""

    def to_dict(self) -> dict:
        kept = self.__dict__.get(KEPT)
        if kept is None:
            kept = super().to_dict()
            self.__dict__[KEPT] = kept  # in the instance's dict: plotly's __setattr__ only takes figure properties
        return kept
