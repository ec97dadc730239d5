"""What a chart is, as plain data: the `ChartSpec` the analysis builds (what to draw; the
drawers in charts/ decide how) and the URL by which the PDF's HTML names a drawn chart.

The only thing the analysis imports from charts/: it imports nothing but the standard library,
so it sits as low as the models (tests/test_import_graph.py, MODULE_STAGE).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ChartSpec:
    id: str  # unique in the document, stable: "noegletal-underretninger"
    kind: str  # a key of charts.drawers.DRAWERS: "line", "bars", ...
    title: str
    alt: str  # alt text, said in words from the data it shows
    data: dict[str, Any] = field(default_factory=dict)
    width_cm: float = 15.5
    height_cm: float = 7.0


# Charts are referenced as `<img src="figur:<id>">` and fetched from the build, not from a file:
# so the layout can start before they are drawn (LayoutProcess) and wait for each as needed.
CHART_SCHEME = "figur"


def chart_url(chart_id: str) -> str:
    return f"{CHART_SCHEME}:{chart_id}"
