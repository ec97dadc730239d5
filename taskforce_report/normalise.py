"""NORMALISE: the bundle's tables as tidy pandas DataFrames with the domain's column names.

The analysis report of the ten themes needs no table; the key-figure, case-review and audit
tables are added here as their chapters arrive.
"""

from __future__ import annotations

from typing import Any

from taskforce_report.bundle import Bundle


def normalise(bundle: Bundle) -> dict[str, Any]:
    return dict(bundle.tables)
