"""Name the expression that failed while scoring, with its file, line and key.

The engine's hot loop carries no bookkeeping of where it is: when an expression fails
(see :class:`hawkama.expr.ops.EvalError`), the evaluation, which is pure, is run again
one step at a time to find the step and the expression, and only then is the error
located in the rubric or policy that holds it.
"""

from __future__ import annotations

from typing import Any

from hawkama.engine.state import EnginePlan, State
from hawkama.errors import InputError, Problem
from hawkama.expr.compile import Compiled
from hawkama.expr.ops import EvalError
from hawkama.models.assessment import Assessment
from hawkama.policy.compiled import PolicySet


def located(
    ps: PolicySet, plan: EnginePlan, assessment: Assessment, error: EvalError
) -> InputError:
    """The located error for ``error``, raised while scoring ``assessment`` by ``plan``."""
    state = State(ps, plan, assessment)
    found: tuple[str, list[Compiled]] | None = None
    # One engine step per question, value, flag code and dimension of the plan.
    entries = [(kind, key) for kind, key in ps.plan if kind in ("q", "v", "f", "d")]
    if len(plan.steps) == len(entries):
        for step, (kind, key) in zip(plan.steps, entries, strict=True):
            try:
                step(state)
            except EvalError as exc:
                error, found = exc, _candidates(ps, kind, key)
                if kind == "d":  # band limits read the score being placed
                    state["score"] = state.get(_residual(ps, key) or "")
                break
    if found is None:
        found = ("a verdict rule", list(ps.verdicts))
        found[1].extend(c for _, c, _ in ps.findings)
    what, candidates = found
    failing, message = None, str(error)
    for c in candidates:
        try:
            c(state)
        except EvalError as exc:
            failing, message = c, str(exc)
            break
        except Exception:
            continue  # it reads something this step did not reach: not the one that failed
    project = assessment.project.id
    if failing is None or failing.site is None:
        return InputError(f"cannot evaluate {what} for project {project}: {message}")
    path, loc = failing.site
    return InputError(
        _problem(
            ps,
            path,
            loc,
            f"cannot evaluate {what} {failing.source!r} for project {project}: {message}",
        )
    )


def _residual(ps: PolicySet, dim: str) -> str | None:
    return ps.dimensions[dim].rubric.scoring.residual


def _candidates(ps: PolicySet, kind: str, key: str) -> tuple[str, list[Compiled]]:
    if kind == "q":
        when = ps.questions[key].when
        return f"the condition of question {key}", [when] if when else []
    if kind == "v":
        compiled, dim = ps.values[key]
        return f"value {key}" + (f" of rubric {dim}" if dim else ""), [compiled]
    if kind == "f":
        return f"flag {key}", [fd.when for fd in ps.flags if fd.flag.code == key]
    dd = ps.dimensions[key]
    found: list[Compiled] = [c for _, c in dd.bands if c is not None]
    found += [c for c, _, _ in dd.overrides]
    return f"the bands of rubric {key}", found


def _problem(ps: PolicySet, path: Any, loc: tuple[str | int, ...], message: str) -> Problem:
    from hawkama.validation import dotted
    from hawkama.yamlio import parse_yaml

    line = col = None
    for f in ps.files:
        if str(f.path) == str(path):
            line, col = parse_yaml(f.path, f.text).locate(loc)
    return Problem(str(path), line, col, dotted(loc), message)
