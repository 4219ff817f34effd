"""Random valid assessments of a policy, for tests that compare two ways of scoring."""

from __future__ import annotations

import random
from typing import Any

from hawkama.models.assessment import MITIGATION_STATUSES, Assessment
from hawkama.policy.compiled import PolicySet


def random_assessment(ps: PolicySet, rng: random.Random, i: int) -> Assessment:
    """Any valid answer to each question, or none; some mitigations in each status."""
    answers: dict[str, Any] = {}
    for qid, qd in ps.questions.items():
        q = qd.question
        ids = list(qd.options)
        if rng.random() < 0.15:
            continue
        if q.type in ("single", "yesno") and ids:
            answers[qid] = rng.choice(ids)
        elif q.type == "multiple" and ids:
            answers[qid] = rng.sample(ids, rng.randint(1, min(4, len(ids))))
        elif q.type == "risk":
            answers[qid] = f"{rng.randint(1, 5)}x{rng.randint(1, 5)}"
        elif q.type == "scale":
            lo, hi = (q.scale.min, q.scale.max) if q.scale else (0, 4)
            answers[qid] = rng.randint(lo, hi)
        elif q.type == "number":
            answers[qid] = rng.choice([0, 3, 12.5, -1])
        elif q.type == "date":
            answers[qid] = rng.choice(["2025-01-31", "2026-11-01", "2027-06-30"])
    statuses = list(MITIGATION_STATUSES)
    mitigations = {m: {"status": rng.choice(statuses)} for m in ps.mitigation_question}
    return Assessment.model_validate(
        {
            "hawkama": 1,
            "policy": {"id": ps.id, "version": ps.version},
            "project": {"id": f"GEN-{i:04d}", "title": f"Generated {i}"},
            "answers": answers,
            "mitigations": {m: c for m, c in mitigations.items() if rng.random() < 0.4},
        }
    )
