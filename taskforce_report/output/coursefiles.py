"""The course files a document of a course travels with (archive.py): so that its PDF alone
rebuilds it, years later, as `regenerate` and `verify` do for an ordinary bundle.

A document of a course reads more than its own bundle: forloeb.yaml, every document's
rapport.yaml (the course's checks), the analysis bundle (baseline, recommendations, citations),
the plan (activities, goals), the latest status report (the TF status report's trace) and the
course's audit log. Its PDF carries them under `forloeb/`, each keeping its place in the course:
`forloeb/forloeb.yaml`, `forloeb/ledelsestilsyn.csv`, `forloeb/analyse/rapport.yaml`. Every
other document of the course travels whole (its input files as its own PDF publishes them), which
is simpler than following which of its files were read and leaves nothing out. The document's own
files keep their plain names, and the manifest's `forloeb.dokument` names its subfolder.

The personal-data guard reads all of it (`problems`), each sibling by its own `skjul` and
exemptions, as it reads the bundle's own files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from taskforce_report.core.errors import Problem

# The folder the course's files travel under inside a PDF.
COURSE_DIR = "forloeb"


def _course_root_files(course) -> list[str]:
    """The course root's own files: forloeb.yaml and the shared audit log (its CSV, or the
    workbook it is read from when there is no CSV)."""
    from taskforce_report.core.safeio import present
    from taskforce_report.load.course import AUDIT_FILE, COURSE_FILE
    from taskforce_report.load.workbook import WORKBOOK

    names = [COURSE_FILE]
    if present(course.root / AUDIT_FILE):
        names.append(AUDIT_FILE)
    elif present(course.root / WORKBOOK):
        names.append(WORKBOOK)
    return names


def siblings(bundle) -> list[tuple[object, object]]:
    """The other documents of the bundle's course, (member, bundle): each loaded as an ordinary
    bundle, or None for one that does not load on its own (its own build tells why; of it the
    course read only its rapport.yaml, which is all that travels). [] outside a course."""
    from taskforce_report.core.errors import InputError

    course = getattr(bundle, "course", None)
    if course is None:
        return []
    own = Path(bundle.path).resolve().name
    found = []
    for member in course.ordered():
        if member.folder == own:
            continue
        try:  # the analysis report and the plan as the course loaded them already
            loaded = course.bundle_of(member)
        except InputError:
            loaded = None
        found.append((member, loaded))
    return found


def _report_only(member) -> dict[str, bytes]:
    """A sibling that does not load: its rapport.yaml, as the course read it, published."""
    from taskforce_report.core.safeio import read_input
    from taskforce_report.guard.privacy import without_hidden
    from taskforce_report.load.course import REPORT_FILE

    raw = read_input(member.path / REPORT_FILE, member.file, root=member.path)
    return {REPORT_FILE: without_hidden(raw, member.doc)}


def files(bundle) -> dict[str, bytes]:
    """The course's files the bundle's PDF carries, by their name in the PDF (`forloeb/…`); {}
    outside a course."""
    from taskforce_report.core.safeio import read_input
    from taskforce_report.guard.privacy import published_files

    course = getattr(bundle, "course", None)
    if course is None:
        return {}
    found = {f"{COURSE_DIR}/{name}": read_input(course.root / name, name, root=course.root)
             for name in _course_root_files(course)}
    for member, sibling in siblings(bundle):
        published = _report_only(member) if sibling is None else published_files(sibling)
        for name, data in published.items():
            found[f"{COURSE_DIR}/{member.folder}/{name}"] = data
    return found


def problems(bundle) -> list[Problem]:
    """What the personal-data guard finds in the course's files the PDF carries: each sibling
    checked as its own build checks it (its files named inside the course, `analyse/…`), the
    course root's files by the document's own `skjul`."""
    from taskforce_report.core.redact import allowed_values
    from taskforce_report.core.safeio import read_input
    from taskforce_report.guard import privacy
    from taskforce_report.load.course import AUDIT_FILE, COURSE_FILE
    from taskforce_report.load.tables import SPECS, read_csv
    from taskforce_report.load.workbook import WORKBOOK, read_workbook

    course = getattr(bundle, "course", None)
    if course is None:
        return []
    found: list[Problem] = []
    for member, sibling in siblings(bundle):
        if sibling is None:  # its rapport.yaml line by line, by its own `skjul`
            data = member.doc.data if isinstance(member.doc.data, dict) else {}
            skjul = data.get("skjul")
            theirs = [str(n) for n in skjul] if isinstance(skjul, list) else []
            mine = privacy.published_problems(_report_only(member), theirs, [])
        else:
            mine = privacy.check(sibling)
        folder = member.folder
        found += [p if p.file.startswith(f"{folder}/") else replace(p, file=f"{folder}/{p.file}")
                  for p in mine]
    hidden = [str(name) for name in getattr(bundle.report, "skjul", []) or []]
    allowed = allowed_values(bundle.report)
    root_files = _course_root_files(course)
    raw = {name: read_input(course.root / name, name, root=course.root) for name in root_files}
    tables = []
    if AUDIT_FILE in root_files:
        tables.append(read_csv(course.root / AUDIT_FILE, SPECS["ledelsestilsyn"]))
    elif WORKBOOK in root_files:
        tables += list(read_workbook(course.root / WORKBOOK).values())
    own: list[Problem] = []
    for table in tables:
        own += privacy.table_problems(table, hidden, allowed)
    own += privacy.published_problems({COURSE_FILE: raw[COURSE_FILE],
                                       **{n: raw[n] for n in root_files if n == WORKBOOK}},
                                      hidden, own, allowed)
    found += [p if p.file.startswith(f"{course.name}/") else
              replace(p, file=f"{course.name}/{p.file}") for p in own]
    return found
