"""Figures that contradict each other across a table's columns.

The case review records, per case and requirement, whether the requirement was met
(`vurdering`) and whether Ankestyrelsen voiced criticism (`kritik`). Two things follow:
- a requirement met in full (`ja`) and criticised on the same row cannot both be true: an
  error naming the row, so the wrong cell is corrected before any figure is printed;
- a case whose handling is in accordance with the rules overall (`samlet_vurdering` ja) and
  that is criticised on some requirement can be true (the criticism concerns a detail), but a
  reader adding up "60 % in accordance" and "criticism in 10 of 20 cases" will stumble: a
  warning in the build output and a sentence in the method text that says how many such cases
  there are.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from taskforce_report.core import language
from taskforce_report.core.errors import Problem, raise_row_problems

FILE = "sagsgennemgang.csv"
OVERALL = "samlet_vurdering"  # the criterion of the case's overall assessment


def check_rows(frame: pd.DataFrame | None, source: str = FILE) -> None:
    """Every row that says both "met in full" and "criticised", as one InputError."""
    if frame is None or frame.empty or "kritik" not in frame.columns:
        return
    both = frame[(frame["vurdering"] == "ja") & frame["kritik"]]
    problems = [Problem(source, f"række {row}", f"sag {r['sag']} er vurderet 'ja' (kravet er "
                        f"opfyldt) på {r['kriterium']}, men har også kritik på samme krav; "
                        "begge kan ikke være rigtige: ret vurdering eller kritik")
                for row, r in both.iterrows()]
    raise_row_problems(source, problems)


@dataclass(frozen=True)
class OverallButCriticised:
    """Cases in accordance overall and yet criticised, in one round."""

    runde: str  # "baseline" / "status"
    sager: int

    @property
    def tekst(self) -> str:
        n = self.sager
        cases = f"{language.number_word(n)} {'sag' if n == 1 else 'sager'}"
        where = {"baseline": "baselinemålingen", "status": "statusmålingen"}.get(self.runde)
        opening = f"I {where} er der {cases}" if where else f"Der er {cases}"
        return (f"{opening}, hvor sagsbehandlingen samlet set er vurderet i overensstemmelse "
                "med regler og praksis, selv om Ankestyrelsen har udtalt kritik på et enkelt "
                f"krav; {'den tæller' if n == 1 else 'de tæller'} derfor med i begge tal.")


def overall_but_criticised(frame: pd.DataFrame | None) -> tuple[OverallButCriticised, ...]:
    """Per round, the cases whose overall assessment is ja and that have criticism on any
    requirement; rounds without such cases are left out."""
    if frame is None or frame.empty or "kritik" not in frame.columns:
        return ()
    out = []
    rounds = frame["runde"] if "runde" in frame.columns else pd.Series("", index=frame.index)
    for runde in dict.fromkeys(rounds):
        rows = frame[rounds == runde]
        fine = set(rows[(rows["kriterium"] == OVERALL) & (rows["vurdering"] == "ja")]["sag"])
        criticised = set(rows[rows["kritik"]]["sag"])
        if fine & criticised:
            out.append(OverallButCriticised(str(runde), len(fine & criticised)))
    return tuple(out)


def warnings(found: tuple[OverallButCriticised, ...]) -> tuple[str, ...]:
    """The build's warning lines for `found`."""
    return tuple(f"{FILE}: runde {f.runde}: {f.sager} {'sag er' if f.sager == 1 else 'sager er'}"
                 " samlet set i overensstemmelse med regler og praksis og har samtidig kritik; "
                 "metodeteksten nævner det" for f in found)
