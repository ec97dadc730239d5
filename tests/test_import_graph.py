"""The package's import graph, read from the source (not by importing it): every `import` and
`from … import` inside taskforce_report, at module level or lazily inside a function, absolute
or relative. The pipeline's stages only hold if no module can reach itself through its imports:
a cycle, even one closed by a lazy import, ties every module on it into one lump that must be
understood, tested and moved as a whole (issue 18).

The graph also holds the stages in their order: a module imports only from its own stage and
the ones below (`STAGES`), and no module grows past the line limit. What does not yet keep
the line limit is listed (`STILL_LONG`); the list may only shrink, and
`pytest -s tests/test_import_graph.py` prints what remains."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "taskforce_report"
SOURCE = Path(__file__).resolve().parent.parent / PACKAGE
# the house rule in ../shared/architecture.md: past this a module has found its seams
LINE_LIMIT = 400
# modules that import nothing of the package, so that any module may use them (docs/architecture.md)
LEAVES = ("core.redact", "core.language", "core.paths", "core.colours")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def resolve(name: str, known: set[str]) -> str | None:
    """The package module an imported dotted name lives in (`taskforce_report.a.b.func` → the
    longest prefix that is a module), or None for a name outside the package."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The package modules `module` imports anywhere in its body."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # relative: a package's own __init__ is its level-1 anchor; a module's is its parent
                anchor = module.split(".")
                drop = node.level - 1 if is_package else node.level
                anchor = anchor[: len(anchor) - drop]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from pkg import sub` imports the submodule sub when there is one, else a name of pkg
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                     for alias in node.names]
        else:
            continue
        for name in names:
            target = resolve(name, known)
            if target is not None and target != module:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {module: imports_of(module, path, known) for module, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path that ends where it starts, or None (depth-first, three colours)."""
    state: dict[str, int] = {}  # absent: not seen; 1: on the current path; 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that reach each other (Tarjan), largest first: the whole extent of
    the tangles, where `find_cycle` shows one loop through them."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups, key=len, reverse=True)


def short(module: str) -> str:
    return module.removeprefix(PACKAGE + ".")


def test_graph_reader_sees_lazy_relative_and_absolute_imports(tmp_path):
    """The reader itself: a lazy relative import inside a method and an absolute one both count,
    and the cycle they close is found (so the real test cannot pass by seeing nothing)."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("import pkg.c as c\n")
    (package / "c.py").write_text("class P:\n    def f(self):\n        from .a import x\n")
    known = {"pkg", "pkg.a", "pkg.b", "pkg.c"}
    graph = {
        name: imports_of(name, package / f"{name.split('.')[-1]}.py", known)
        for name in ("pkg.a", "pkg.b", "pkg.c")
    }
    assert graph == {"pkg.a": {"pkg.b"}, "pkg.b": {"pkg.c"}, "pkg.c": {"pkg.a"}}
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]
    assert strongly_connected(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
    del graph["pkg.c"]
    assert find_cycle(graph) is None


def test_the_package_graph_is_read():
    """A reader that found no imports would pass the cycle test vacuously."""
    graph = import_graph()
    assert len(graph) > 30
    assert sum(len(targets) for targets in graph.values()) > 100
    assert f"{PACKAGE}.core.errors" in graph[f"{PACKAGE}.load.bundle"]


def test_no_import_cycle():
    graph = import_graph()
    groups = strongly_connected(graph)
    cycle = find_cycle(graph)
    message = "\n".join(
        [f"import cycle: {' → '.join(map(short, cycle or []))}"]
        + [f"modules that import each other ({len(g)}): {', '.join(map(short, g))}" for g in groups]
    )
    assert cycle is None and not groups, message


def test_leaves_import_nothing_of_the_package():
    """errors.Problem masks every message with redact.mask: were redact to import anything of
    the package, every module would be tied to it again."""
    graph = import_graph()
    assert {leaf: sorted(map(short, graph[f"{PACKAGE}.{leaf}"])) for leaf in LEAVES} == {
        leaf: [] for leaf in LEAVES}
    assert sorted(map(short, graph[f"{PACKAGE}.core.errors"])) == ["core.redact"]


# The pipeline's stages, lowest first (docs/architecture.md). A module may import from its own
# package and from packages below it, never from one above: data flows one way.
STAGES = ("core", "models", "load", "analyse", "words", "documents", "charts", "render", "guard",
          "output", "build", "tools", "cli", "__main__")
# Packages and modules that sit beside a stage: the data files' loader is a leaf; the course
# build chains the pipeline like build.
SAME_STAGE_AS = {"catalogues": "core", "coursebuild": "build"}
# Modules that sit below their package's stage: the chart spec is plain data the analysis builds
# (it imports nothing but the standard library), so it stands with the models, and analyse/
# imports it without reaching up to the charts stage.
MODULE_STAGE = {"charts.spec": "models"}
# Modules still over the line limit, with the length they may not grow past.
STILL_LONG: dict[str, int] = {}


def stage(module: str) -> tuple[int, str]:
    """The stage a module belongs to, as (rank, package)."""
    if short(module) in MODULE_STAGE:
        top = MODULE_STAGE[short(module)]
        return STAGES.index(top), top
    top = short(module).split(".")[0] if module != PACKAGE else "core"
    top = SAME_STAGE_AS.get(top, top)
    return STAGES.index(top), top


def upward_imports(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(short(module), short(target))
            for module, targets in graph.items() for target in targets
            if stage(target)[0] > stage(module)[0]}


def test_a_module_placed_below_its_package_imports_only_from_below():
    """A module of MODULE_STAGE is held to its own stage: the chart spec, placed with the
    models, may import nothing of the charts (or anything above the models)."""
    graph = import_graph()
    for module, placed in MODULE_STAGE.items():
        assert stage(f"{PACKAGE}.{module}") == (STAGES.index(placed), placed)
        assert [short(t) for t in graph[f"{PACKAGE}.{module}"]
                if stage(t)[0] > STAGES.index(placed)] == []
    assert ("analyse.casereview", "charts.draw") in upward_imports(
        {f"{PACKAGE}.analyse.casereview": {f"{PACKAGE}.charts.draw", f"{PACKAGE}.charts.spec"}})
    assert upward_imports({f"{PACKAGE}.charts.spec": {f"{PACKAGE}.charts.style"}}) == {
        ("charts.spec", "charts.style")}


def test_every_module_has_a_stage():
    assert [short(m) for m in import_graph() if short(m).split(".")[0] not in
            (*STAGES, *SAME_STAGE_AS, PACKAGE)] == []


def test_stages_import_only_downwards():
    upward = upward_imports(import_graph())
    assert sorted(upward) == [], "imports that run up the stages"


def test_stage_rule_catches_an_upward_import():
    graph = {f"{PACKAGE}.load.bundle": {f"{PACKAGE}.render.render", f"{PACKAGE}.core.errors"},
             f"{PACKAGE}.render.render": {f"{PACKAGE}.load.bundle"}}
    assert upward_imports(graph) == {("load.bundle", "render.render")}


def test_no_module_over_the_line_limit():
    lengths = {short(module): len(path.read_text(encoding="utf-8").splitlines())
               for module, path in modules().items()}
    over = {module: n for module, n in lengths.items()
            if n > STILL_LONG.get(module, LINE_LIMIT)}
    assert over == {}, f"modules over {LINE_LIMIT} lines: split them along their seams"
    print(f"\nstill over {LINE_LIMIT} lines:",
          *sorted(f"{m}: {n}" for m, n in lengths.items() if n > LINE_LIMIT), sep="\n  ")


def test_the_architecture_page_names_every_module():
    """docs/architecture.md lists the modules one line each: a module added or moved without
    its line would leave a newcomer's map wrong."""
    page = (SOURCE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    def named(relative: str) -> bool:
        # a package's __init__ is named by its folder (`load/`), any other module by its path
        folder = relative.removesuffix("__init__.py")
        return f"`{relative}`" in page or (folder != relative and f"`{folder}`" in page)

    missing = [path.relative_to(SOURCE).as_posix() for path in modules().values()
               if path.parent != SOURCE or path.name != "__init__.py"]
    missing = [relative for relative in missing if not named(relative)]
    assert missing == []
