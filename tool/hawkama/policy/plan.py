"""The order in which the engine evaluates a policy: each thing after what it reads.

Questions (their applicability), computed values, flags, flag levels and dimensions
form a graph through the names their expressions use; a depth-first walk orders it
and reports every cycle, so a circular definition is a load error, not a hang.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from hawkama.expr.compile import Compiled, Dep
from hawkama.models.common import FLAG_LEVELS

if TYPE_CHECKING:
    from hawkama.policy.compiled import DimensionDef, FlagDef, QuestionDef


def evaluation_order(
    qdefs: dict[str, QuestionDef],
    values: dict[str, tuple[Compiled, str | None]],
    flags: list[FlagDef],
    dims: dict[str, DimensionDef],
) -> tuple[list[Dep], list[str]]:
    """Order questions, values, flags and dimensions so each runs after what it reads.

    Returns the order and a message for each cycle found (a cycle cannot be ordered).
    """
    deps: dict[Dep, set[Dep]] = {}
    for qid, qd in qdefs.items():
        deps[("q", qid)] = set(qd.when.deps) if qd.when else set()
    for vid, (c, _) in values.items():
        deps[("v", vid)] = set(c.deps)
    for level in FLAG_LEVELS:
        deps[("fl", level)] = set()
    for fd in flags:
        node: Dep = ("f", fd.flag.code)
        deps.setdefault(node, set()).update(fd.when.deps)
        if fd.question:
            deps[node].add(("q", fd.question))
        deps[("fl", fd.flag.level)].add(node)
    for did, dd in dims.items():
        sc = dd.rubric.scoring
        need: set[Dep] = {("v", v) for v in (sc.inherent, sc.residual) if v}
        for _, limit in dd.bands:
            if limit:
                need |= limit.deps
        for when, _, _ in dd.overrides:
            need |= when.deps
        deps[("d", did)] = need
    order, cycles = toposort(deps)
    return order, [
        "circular definitions: "
        + " -> ".join(f"{k}:{n}" for k, n in cycle)
        + " (each needs the next to be computed first)"
        for cycle in cycles
    ]


def toposort(deps: Mapping[Dep, Iterable[Dep]]) -> tuple[list[Dep], list[list[Dep]]]:
    """Every node after the nodes it depends on (depth first, in sorted order).

    Returns the order and the cycles met. Iterative: a chain of thousands of computed
    values must not reach Python's recursion limit.
    """
    order: list[Dep] = []
    cycles: list[list[Dep]] = []
    state: dict[Dep, int] = {}
    for root in deps:
        if state.get(root, 0):
            continue
        state[root] = 1
        path: list[Dep] = [root]
        stack: list[Iterator[Dep]] = [iter(sorted(deps.get(root, ())))]
        while stack:
            for dep in stack[-1]:
                if dep not in deps:
                    continue
                mark = state.get(dep, 0)
                if mark == 1:
                    cycles.append([*path[path.index(dep) :], dep])
                elif mark == 0:
                    state[dep] = 1
                    path.append(dep)
                    stack.append(iter(sorted(deps.get(dep, ()))))
                    break
            else:
                stack.pop()
                node = path.pop()
                state[node] = 2
                order.append(node)
    return order, cycles
