"""Imports run one way: no cycles between modules, each layer imports only those below it.

Every module of ``hawkama`` is parsed with ``ast``; every import counts, function-level
ones included, because a lazy import still closes a loop a reader has to follow. Imports
under ``if TYPE_CHECKING:`` are left out: they never run. The package's ``__init__`` is
the public facade: its lazy imports (inside ``__getattr__``) are the API for callers
outside the package and are left out too, and no module of the package imports through it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tool" / "hawkama"

# The layers, lowest first: a module may import its own layer and those below. The first
# name of a module's path inside the package decides its layer.
LAYERS: list[set[str]] = [
    # The label catalogue sits with the models: their defaults (the intake title) read it.
    {"models", "locale"},
    # Reading files into models: below the policy.
    {
        "errors",
        "files",
        "yamlio",
        "yamlplain",
        "jsonio",
        "validation",
        "documents",
        "config",
        "evidence",
        "terminal",
        "hawkama",
    },
    {"expr"},
    {"policy"},
    {"engine"},
    {"service", "parallel"},
    {
        "writers",
        "report",
        "committee",
        "questionnaire",
        "importers",
        "drafts",
        "lint",
        "web",
        "score_stream",
    },
    {"commands", "cli", "__main__"},
]
# Modules whose layer is not their package's: the Canada AIA's saved answer files are an
# input format that documents.py reads like any assessment (the rest of `importers`
# converts questionnaires into policies, above the service).
MODULE_LAYER = {
    "hawkama.importers": 1,
    "hawkama.importers.aia_answers": 1,
    "hawkama.importers.aia_survey": 1,
    "hawkama.importers.jsonloc": 1,
}
SERVICE = (
    5  # the layer of service.py: nothing below it imports click (the commands own the terminal)
)

# Imports that break the rules today, outside the core (being removed by 11d): none left.
KNOWN: set[tuple[str, str]] = set()


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST, facade: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if _type_checking(node):
            continue
        if facade and isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node, facade)


def graph() -> dict[str, set[str]]:
    """Module -> the modules (and `click`) it imports."""
    return {name: set(targets) for name, targets in _graph().items()}


@cache
def _graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        out = edges.setdefault(name, set())
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _imports(tree, facade=name == "hawkama"):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif node.level:  # pragma: no cover - the package uses absolute imports
                raise AssertionError(f"{name}: relative import")
            else:
                base = node.module or ""
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
                ]
            for target in targets:
                if target == "click" or target.startswith("click."):
                    out.add("click")
                elif target.startswith("hawkama"):
                    while target not in known:  # an attribute of a module
                        target = target.rsplit(".", 1)[0]
                    if target != name:
                        out.add(target)
    return edges


def layer(module: str) -> int:
    if module in MODULE_LAYER:
        return MODULE_LAYER[module]
    parts = module.split(".")
    head = parts[1] if len(parts) > 1 else "hawkama"
    for i, names in enumerate(LAYERS):
        if head in names:
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles() -> None:
    edges = graph()
    for a, b in KNOWN:
        edges.get(a, set()).discard(b)
    assert cycles(edges) == []


def package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and module not in MODULE_LAYER else module


def test_no_cycles_between_packages() -> None:
    """Like modules, the packages (and root modules) import one another one way."""
    edges: dict[str, set[str]] = {}
    for a, targets in graph().items():
        for b in targets:
            if b != "click" and (a, b) not in KNOWN and package(a) != package(b):
                edges.setdefault(package(a), set()).add(package(b))
    assert cycles(edges) == []


def test_each_layer_imports_only_its_own_and_those_below() -> None:
    upward = sorted(
        (a, b)
        for a, targets in graph().items()
        for b in targets
        if b != "click" and layer(b) > layer(a) and (a, b) not in KNOWN
    )
    assert upward == []


def test_nothing_below_the_service_imports_click() -> None:
    found = sorted(
        a
        for a, targets in graph().items()
        if "click" in targets and layer(a) < SERVICE and (a, "click") not in KNOWN
    )
    assert found == []


def test_no_module_imports_through_the_package_facade() -> None:
    lazy = {"evaluate", "load_policy", "load_assessment"}
    for name, path in modules().items():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")), facade=True):
            if isinstance(node, ast.ImportFrom) and node.module == "hawkama":
                assert not lazy & {a.name for a in node.names}, name


def test_known_exceptions_still_exist() -> None:
    """An exception that was fixed leaves the list, so that it cannot come back unseen."""
    edges = graph()
    assert sorted(k for k in KNOWN if k[1] not in edges.get(k[0], set())) == []
