"""A bundle far larger than any real one, to show that no stage of the pipeline is quadratic.

    python3 bench/make_scale_bundle.py [FOLDER] [--cases 2000] [--indicators 300] [--years 15]
    taskforce-report validate output/skala && taskforce-report build output/skala -o /tmp/skala

Writes FOLDER (default output/skala/): rapport.yaml (an analysis report with all ten themes),
sagsgennemgang.csv (every criterion of the catalogue for each case), noegletal.csv (every
indicator of the package's catalogue plus synthetic ones from the bundle's indikatorer.yaml, so
that there are `--indicators` in all, over `--years` years for the municipality, its reference
group of five and Hele landet), selvevaluering.csv (every question, three respondents) and
interviews.yaml. The figures are random but plausible and the same for the same arguments
(seeded). `bench/scale_timing.py` times load, normalise and analyse at several sizes.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATALOGUES = ROOT / "taskforce_report" / "catalogues"
KOMMUNE = "Skalby Kommune"
REFERENCE = ["Nordby Kommune", "Sydby Kommune", "Østby Kommune", "Vestby Kommune",
             "Midtby Kommune"]
LAND = "Hele landet"
SECTIONS = ["socioekonomi", "sagsbehandling", "forebyggelse", "anbringelse", "oekonomi"]
THEMES = ["politik_og_strategi", "tidlig_indsats", "underretninger",
          "boernefaglige_undersoegelser", "handleplan", "eftervaern", "personrettet_tilsyn",
          "afslutning_af_sager", "faglig_ledelse_og_sparring", "ledelsesinformation_og_styring"]
GRADES = ["i høj grad", "i nogen grad", "i mindre grad", "slet ikke", "ved ikke"]

# Population per area, as a share of the country: the municipality and its reference group are
# mid-sized; Hele landet is the whole.
SIZE = {KOMMUNE: 0.016, **{name: 0.01 + 0.002 * i for i, name in enumerate(REFERENCE)},
        LAND: 1.0}


def _catalogue(name: str, key: str) -> list[dict]:
    return yaml.safe_load((CATALOGUES / name).read_text(encoding="utf-8"))[key]


def synthetic_indicators(count: int) -> list[dict]:
    """`count` indicators of the units the catalogue has, spread over the five sections."""
    kinds = [
        {"enhed": "antal", "naevner": "befolkning_0_17", "pr": 1000, "decimaler": 1},
        {"enhed": "procent", "vaegt": "befolkning_0_17", "decimaler": 1},
        {"enhed": "gennemsnit", "decimaler": 1},
        {"enhed": "kr", "naevner": "befolkning_0_17", "pr": 1},
        {"enhed": "indeks", "vaegt": "befolkning"},
    ]
    out = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        out.append({"id": f"syntetisk_{i + 1:03d}", "titel": f"Syntetisk nøgletal {i + 1}",
                    "navn": f"det syntetiske nøgletal nr. {i + 1}",
                    "afsnit": SECTIONS[(i // len(kinds)) % len(SECTIONS)], **kind})
    return out


def _value(indicator: dict, area: str, year: int, rng: random.Random) -> float:
    """A plausible figure in the indicator's unit for the area and year."""
    size, trend = SIZE[area], 1 + 0.01 * (year - 2010)
    unit, ident = indicator["enhed"], indicator["id"]
    if ident.startswith("befolkning"):
        people = {"befolkning": 5_800_000, "befolkning_0_17": 1_200_000,
                  "befolkning_18_22": 340_000}.get(ident, 1_000_000)
        return round(people * size * (1 + 0.002 * (year - 2010)))
    if unit in ("antal", "aarsvaerk"):
        per_thousand = rng.uniform(2, 60) if indicator.get("naevner") else rng.uniform(0.5, 5)
        return round(1_200_000 * size * per_thousand / 1000 * trend)
    if unit == "kr":
        return round(1_200_000 * size * rng.uniform(8_000, 14_000) * trend)
    if unit == "procent":
        return round(rng.uniform(2, 60), 1)
    if unit == "pr_1000_0_17":
        return round(rng.uniform(5, 40), 1)
    if unit == "indeks":
        return round(rng.uniform(0.8, 1.2) * 100, 1)
    return round(rng.uniform(15, 45), 1)  # gennemsnit


def _number(value: float) -> str:
    """Danish, as Excel writes it: decimal comma, no thousands separator."""
    text = f"{value:.1f}" if value != int(value) else str(int(value))
    return text.replace(".", ",")


def write_key_figures(folder: Path, indicators: int, years: int, rng: random.Random) -> int:
    catalogue = _catalogue("indikatorer.yaml", "indikatorer")
    own = synthetic_indicators(max(0, indicators - len(catalogue)))
    if own:
        (folder / "indikatorer.yaml").write_text(
            "# Syntetiske nøgletal til skalatesten (bench/make_scale_bundle.py)\n"
            + yaml.safe_dump({"indikatorer": own}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
    rows = 0
    with open(folder / "noegletal.csv", "w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, delimiter=";")
        out.writerow(["indikator", "omraade", "aar", "vaerdi", "kilde", "note"])
        for indicator in catalogue + own:
            for area in [KOMMUNE, *REFERENCE, LAND]:
                for year in range(2025 - years, 2025):
                    missing = rng.random() < 0.01 and not indicator["id"].startswith("befolkning")
                    value = "" if missing else _number(_value(indicator, area, year, rng))
                    out.writerow([indicator["id"], area, year, value, "Danmarks Statistik",
                                  "Ikke opgjort." if missing else ""])
                    rows += 1
    return rows


def write_case_review(folder: Path, cases: int, rng: random.Random) -> int:
    criteria = [c["id"] for c in _catalogue("kriterier.yaml", "kriterier")]
    rows = 0
    with open(folder / "sagsgennemgang.csv", "w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, delimiter=";")
        out.writerow(["sag", "kriterium", "vurdering", "kritik", "bemaerkning"])
        for case in range(1, cases + 1):
            for criterion in criteria:
                grade = rng.choices(["ja", "delvist", "nej", "ikke relevant"],
                                    weights=[55, 10, 20, 15])[0]
                criticism = "ja" if grade == "nej" and rng.random() < 0.5 else "nej"
                out.writerow([f"S{case:05d}", criterion, grade, criticism, ""])
                rows += 1
    return rows


def write_self_evaluation(folder: Path, rng: random.Random) -> int:
    questions = _catalogue("spoergsmaal.yaml", "spoergsmaal")
    rows = 0
    with open(folder / "selvevaluering.csv", "w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, delimiter=";")
        out.writerow(["tema", "spoergsmaal", "vurdering", "respondent", "kommentar"])
        for question in questions:
            for respondent in ("Ledelsen", "Myndighed", "Udfører"):
                out.writerow([question["tema"], question["id"], rng.choice(GRADES[:4]),
                              respondent, "Besvaret i skalatesten."])
                rows += 1
    return rows


def write_report(folder: Path, cases: int) -> None:
    theme = {
        "praesentation": "Kommunen har en modtagelse, et børneteam og et ungeteam.\n\n"
                         "- Der er skriftlige retningslinjer.\n- De følges op årligt.",
        "analyse": "I {sagsgennemgang.underretning_24t.ikke_opfyldt} ud af de "
                   "{sagsgennemgang.underretning_24t.relevante} sager er underretningen ikke "
                   "vurderet inden for 24 timer.",
        "styrker": ["Der er en opdateret børnepolitik."],
        "udfordringer": ["Målene følges ikke op."],
        "anbefalinger": ["Sikrer opfølgning på målene."],
    }
    report = {
        "dokument": "analyserapport",
        "kommune": KOMMUNE,
        "dato": dt.date(2024, 11, 12),
        "referencegruppe": REFERENCE,
        "dataindsamling": {"fra": dt.date(2024, 4, 24), "til": dt.date(2024, 9, 9)},
        "resume": f"Skalatesten gennemgår {cases} sager: {{sagsgennemgang.sager}} i alt.",
        "anbefalinger": ["Sikrer skriftlige retningslinjer for underretninger."],
        "temaer": {theme_id: copy.deepcopy(theme) for theme_id in THEMES},  # no YAML aliases
        "sagsgennemgang": {"udvaelgelse": "Sagerne er udtrukket tilfældigt.",
                           "afgoerelser_foer": dt.date(2024, 4, 15)},
        "noegletal": {"udvaelgelse": "Referencegruppen er valgt efter størrelse."},
    }
    text = yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=100)
    (folder / "rapport.yaml").write_text(text, encoding="utf-8")
    (folder / "interviews.yaml").write_text(
        "grupper:\n  - navn: Socialrådgivere\n    antal: 12\n"
        "boern:\n  antal: 6\n  temaer:\n    - id: skift\n      emne: Skift af socialrådgiver\n"
        "      antal: 5\n      fund: Fem af de seks børn har haft flere socialrådgivere.\n",
        encoding="utf-8")


def make(folder: Path, cases: int = 2000, indicators: int = 300, years: int = 15,
         seed: int = 2024) -> dict[str, int]:
    """Writes the bundle; returns the rows of each table."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in ("indikatorer.yaml",):  # a smaller earlier run may have left one
        (folder / old).unlink(missing_ok=True)
    rng = random.Random(seed)
    write_report(folder, cases)
    return {"sagsgennemgang": write_case_review(folder, cases, rng),
            "noegletal": write_key_figures(folder, indicators, years, rng),
            "selvevaluering": write_self_evaluation(folder, rng)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "output" / "skala"))
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=15)
    args = parser.parse_args()
    rows = make(Path(args.folder), args.cases, args.indicators, args.years)
    print(f"Skrev {args.folder}: " + ", ".join(f"{name}.csv {n} rækker"
                                               for name, n in rows.items()))


if __name__ == "__main__":
    main()
