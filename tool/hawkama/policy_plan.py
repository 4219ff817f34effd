"""The order in which the engine evaluates a policy: each thing after what it reads.

Questions (their applicability), computed values, flags, flag levels and dimensions
form a graph through the names their expressions use; a depth-first walk orders it
and reports every cycle, so a circular definition is a load error, not a hang.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hawkama.expr.compile import Compiled, Dep

if TYPE_CHECKING:
    from hawkama.policyset import DimensionDef, FlagDef, QuestionDef


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
    for level in ("prohibit", "block", "escalate", "condition", "prerequisite"):
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
    order: list[Dep] = []
    cycles: list[str] = []
    state: dict[Dep, int] = {}

    def visit(node: Dep, stack: list[Dep]) -> None:
        mark = state.get(node, 0)
        if mark == 2:
            return
        if mark == 1:
            cycle = [*stack[stack.index(node) :], node]
            cycles.append(
                "circular definitions: "
                + " -> ".join(f"{k}:{n}" for k, n in cycle)
                + " (each needs the next to be computed first)"
            )
            return
        state[node] = 1
        for dep in sorted(deps.get(node, ())):
            if dep in deps:
                visit(dep, [*stack, node])
        state[node] = 2
        order.append(node)

    for node in deps:
        visit(node, [])
    return order, cycles
