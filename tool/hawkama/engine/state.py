"""Per-evaluation state and the precomputed per-policy plan the engine walks.

The plan is built once per loaded policy (and kept by the engine, never on the policy):
everything that does not depend on the answers is looked up here, so that evaluating one
assessment is a tight loop over plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hawkama.expr.compile import Compiled
from hawkama.models.assessment import Answer, Assessment
from hawkama.models.common import FLAG_LEVELS
from hawkama.models.result import AppliedMitigation, FlagResult
from hawkama.models.rubric import Band

if TYPE_CHECKING:
    from hawkama.policy.compiled import FlagDef, PolicySet


class QState:
    """One question during one evaluation."""

    __slots__ = (
        "answer", "answered", "applies", "chosen", "impact", "inherent", "likelihood", "mits",
        "na", "residual", "unknown", "value",
    )  # fmt: skip

    def __init__(self) -> None:
        self.applies = False
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
        self.answer: Answer | None = None


class DimState:
    __slots__ = ("band", "band_inherent", "inherent", "override", "residual")

    def __init__(self) -> None:
        self.inherent: float | None = None
        self.residual: float | None = None
        self.band: tuple[int, Band] | None = None
        self.band_inherent: tuple[int, Band] | None = None
        self.override: dict[str, str] | None = None


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


class State:
    """The evaluation environment that compiled expressions read (see expr.Env)."""

    __slots__ = (
        "_missing", "_share", "assessment", "dims", "flag_codes", "flag_levels", "flags",
        "functions", "mitigations", "plan", "ps", "q", "scored", "values",
    )  # fmt: skip

    def __init__(self, ps: PolicySet, plan: EnginePlan, assessment: Assessment) -> None:
        self.ps = ps
        self.plan = plan
        self.functions = plan.functions
        self.assessment = assessment
        self.mitigations = assessment.mitigations
        self.q: dict[str, QState] = {}
        self.values: dict[str, Any] = {}
        self.flags: list[FlagResult] = []
        self.flag_codes: set[str] = set()
        self.flag_levels: dict[str, int] = dict.fromkeys(FLAG_LEVELS, 0)
        self.dims: dict[str, DimState] = {}
        self.scored: dict[int, list[tuple[QState, QPlan]]] = {}
        self._share: float | None = None
        self._missing: list[str] | None = None

    def get(self, name: str) -> Any:
        state = self.q.get(name)
        if state is not None:
            return state.value
        if name in self.values:
            return self.values[name]
        if name == "unknown_share":
            return self.unknown_share()
        if name == "unknown_threshold":
            return self.ps.policy.unknown_threshold
        if name == "missing_required":
            return len(self.missing_required())
        return None

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        return self.functions[func](self, *args)

    def unknown_share(self) -> float:
        """Among answered questions that offer "don't know", the share answered so."""
        if self._share is None:
            offered = unknown = 0
            for qp in self.plan.questions:
                st = self.q.get(qp.id)
                if st is not None and st.answered and qp.offers_unknown:
                    offered += 1
                    unknown += st.unknown
            self._share = unknown / offered if offered else 0.0
        return self._share

    def missing_required(self) -> list[str]:
        if self._missing is None:
            self._missing = [
                qp.id
                for qp in self.plan.questions
                if qp.required
                and (st := self.q.get(qp.id)) is not None
                and st.applies
                and not st.answered
            ]
        return self._missing
