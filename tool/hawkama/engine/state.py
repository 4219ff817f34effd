"""Per-evaluation state and the precomputed per-policy plan the engine walks.

The plan is built once per loaded policy (and kept by the engine, never on the policy):
everything that does not depend on the answers is looked up here, so that evaluating one
assessment is a tight loop over plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hawkama.expr.compile import Compiled
from hawkama.models.assessment import Assessment
from hawkama.models.common import FLAG_LEVELS
from hawkama.models.result import AppliedMitigation, FlagResult, VerdictResult
from hawkama.models.rubric import Band

if TYPE_CHECKING:
    from hawkama.policy.compiled import FlagDef, PolicySet


class QState:
    """One question during one evaluation.

    The states of a question that does not apply, of one left unanswered and of each
    plain choice are the same in every evaluation: the plan holds them once and the
    engine shares them, so they are never written to after the plan is made.
    """

    __slots__ = (
        "answered", "applies", "chosen", "impact", "inherent", "likelihood", "mits", "na",
        "residual", "shared", "unknown", "value",
    )  # fmt: skip

    def __init__(self, applies: bool = False, shared: bool = False) -> None:
        self.applies = applies
        self.shared = shared
        self.answered = False
        self.value: Any = None
        self.chosen: tuple[str, ...] = ()
        self.unknown = False
        self.na = False
        self.inherent = 0.0
        self.residual = 0.0
        self.likelihood: tuple[int, int] | None = None
        self.impact: tuple[int, int] | None = None
        self.mits: list[AppliedMitigation] = []


# Shared, never written to: a question that does not apply, and one that applies unanswered.
SKIPPED = QState(shared=True)
OPEN = QState(applies=True, shared=True)


class DimState:
    __slots__ = ("band", "band_inherent", "inherent", "override", "residual")

    def __init__(self) -> None:
        self.inherent: float | None = None
        self.residual: float | None = None
        self.band: tuple[int, Band] | None = None
        self.band_inherent: tuple[int, Band] | None = None
        self.override: dict[str, str] | None = None


# Of the counted questions of a selection: residuals, inherent weights, importances.
Scored = tuple[list[float], list[float], list[float]]


@dataclass(frozen=True, slots=True)
class Tally:
    """What completeness and the built-in names count, in one pass over the questions."""

    applicable: int
    answered: int
    missing: list[str]  # required, applicable, unanswered: in the policy's question order
    unknown_ids: list[str]  # in evaluation order
    ignored: list[str]  # answered but not applicable: in the policy's question order
    share: float  # among answered questions that offer "don't know", the share so answered


@dataclass(frozen=True, slots=True)
class QPlan:
    """What the engine needs of one question, precomputed."""

    id: str
    dimension: str | None
    section: str | None
    type: str
    kind: str  # the type's scoring rule (models/question_types.py)
    when: Compiled | None
    options: dict[str, tuple[float, bool, bool]]  # id -> (weight, unknown, na)
    mitigations: tuple[tuple[str, float, float, str | None], ...]  # id, lowers, floor, axis
    floor: float
    combine_sum: bool
    importance: float
    scored: bool
    required: bool
    offers_unknown: bool
    max_weight: float
    # The record of each shared state of this question with no note or evidence, made
    # on first use (engine.result): id(state) -> QuestionResult.
    records: dict[int, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EnginePlan:
    steps: tuple[Callable[[State], None], ...]
    questions: tuple[QPlan, ...]
    by_id: dict[str, QPlan]
    flags_by_code: dict[str, tuple[FlagDef, ...]]
    selectors: dict[int, tuple[QPlan, ...]]  # id(selector tuple) -> scored questions in it
    # The implementations of the functions the policy's expressions call, bound by name.
    functions: Mapping[str, Callable[..., Any]]
    # What a DimensionResult holds that does not depend on the answers (engine.result).
    dimension_parts: tuple[tuple[str, dict[str, str], bool, str, list[str]], ...]
    # Each question in evaluation order: id, offers "don't know", required, its position in
    # the policy's question order.
    tally_order: tuple[tuple[str, bool, bool, int], ...]
    value_ids: tuple[str, ...]  # computed values, in evaluation order
    verdicts: tuple[tuple[Callable[[Any], Any], VerdictResult], ...]
    # id, condition, dimension, title, text by language, sources
    findings: tuple[tuple[str, Callable[[Any], Any], str | None, Any, Any, list[str]], ...]
    # mitigation id -> (its question, its text)
    mitigation_text: dict[str, tuple[str, dict[str, str]]]


class State(dict[str, Any]):
    """The evaluation environment that compiled expressions read (see expr.Env).

    The state is itself the table of names: each question's value and each computed value
    as it is found (and the built-in names, once every question is answered), so that
    ``env.get(name)`` in a compiled expression is a plain dict look-up.
    """

    __slots__ = (
        "_tally", "answers", "assessment", "dims", "flag_codes", "flag_levels", "flags",
        "functions", "mitigations", "plan", "ps", "q", "scored",
    )  # fmt: skip

    def __init__(self, ps: PolicySet, plan: EnginePlan, assessment: Assessment) -> None:
        self.ps = ps
        self.plan = plan
        self.functions = plan.functions
        self.assessment = assessment
        self.answers = assessment.answers
        self.mitigations = assessment.mitigations
        self.q: dict[str, QState] = {}
        self.flags: list[FlagResult] = []
        self.flag_codes: set[str] = set()
        self.flag_levels: dict[str, int] = dict.fromkeys(FLAG_LEVELS, 0)
        self.dims: dict[str, DimState] = {}
        self.scored: dict[int, Scored] = {}
        self._tally: Tally | None = None

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        return self.functions[func](self, *args)

    def set_builtins(self, names: frozenset[str]) -> None:
        """Give the built-in names read by the policy their values (all questions are done)."""
        tally = self.tally()
        if "unknown_share" in names:
            self["unknown_share"] = tally.share
        if "unknown_threshold" in names:
            self["unknown_threshold"] = self.ps.policy.unknown_threshold
        if "missing_required" in names:
            self["missing_required"] = len(tally.missing)

    def tally(self) -> Tally:
        if self._tally is None:
            self._tally = _count(self)
        return self._tally


def _count(s: State) -> Tally:
    applicable = answered = offered = unknown = 0
    unknown_ids: list[str] = []
    missing: list[tuple[int, str]] = []
    ignored: list[tuple[int, str]] = []
    q = s.q
    answers = s.answers
    for qid, offers_unknown, required, pos in s.plan.tally_order:
        st = q[qid]
        if st.applies:
            applicable += 1
            if st.answered:
                answered += 1
                if offers_unknown:
                    offered += 1
                    unknown += st.unknown
            elif required:
                missing.append((pos, qid))
            if st.unknown:
                unknown_ids.append(qid)
        else:
            ans = answers.get(qid)
            if ans is not None and ans.value is not None:
                ignored.append((pos, qid))
    return Tally(
        applicable=applicable,
        answered=answered,
        missing=[qid for _, qid in sorted(missing)],
        unknown_ids=unknown_ids,
        ignored=[qid for _, qid in sorted(ignored)],
        share=unknown / offered if offered else 0.0,
    )
