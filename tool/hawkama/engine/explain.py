"""Explain a result in words: why each dimension scored as it did, and why the verdict.

Reads the result and the policy's texts and rules; it never re-scores.
"""

from __future__ import annotations

from hawkama.locale import text
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.models.result import DimensionResult, QuestionResult, Result
from hawkama.policy.compiled import PolicySet
from hawkama.terminal import terminal_text


def _n(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{int(x)}" if float(x).is_integer() else f"{x:.2f}".rstrip("0")


def _answer(ps: PolicySet, q: QuestionResult, lang: str) -> str:
    qd = ps.questions[q.id]
    if q.likelihood and q.impact:
        return f"{q.likelihood[0]}x{q.impact[0]}"
    if q.options:
        return ", ".join(
            f"{o} ({text(qd.options[o].text, lang)})" if o in qd.options else o for o in q.options
        )
    return str(q.value)


def explain_question(ps: PolicySet, r: Result, qid: str, lang: str = "en") -> list[str]:
    q = r.question(qid)
    qd = ps.questions[qid]
    lines = [f"{qid}: {text(qd.question.text, lang)}"]
    if qd.question.when:
        state = "applies" if q.applies else "does not apply"
        lines.append(f"  {state}: when {qd.question.when}")
    if not q.applies:
        if qid in r.completeness.ignored:
            lines.append("  its answer is ignored because the question does not apply")
        return lines
    if not q.answered:
        lines.append("  not answered" + (" (required)" if q.required else ""))
        return lines
    lines.append(f"  answer: {_answer(ps, q, lang)}")
    if q.unknown:
        lines.append("  'don't know': counted at its weight and never lowered by mitigations")
    if q.na:
        lines.append("  'not applicable': left out of the dimension's score")
    if q.scored and not q.na and QUESTION_TYPES[q.type].scoring != "unscored":
        if q.likelihood and q.impact:
            lines.append(
                f"  inherent {q.likelihood[0]} x {q.impact[0]} = {_n(q.inherent)}; "
                f"residual {q.likelihood[1]} x {q.impact[1]} = {_n(q.residual)}"
            )
        else:
            lines.append(
                f"  weight {_n(q.inherent)} of at most {_n(q.max_weight)}, "
                f"importance {_n(q.importance)}"
            )
            if q.residual != q.inherent:
                lines.append(f"  after mitigations: weight {_n(q.residual)}")
            lines.append(
                f"  contribution {_n(q.residual)} x {_n(q.importance)} = {_n(q.contribution)}"
            )
    for m in q.mitigations:
        axis = f" {m.axis}" if m.axis else ""
        lines.append(f"  mitigation {m.id} ({m.status}) lowers{axis} by {_n(m.lowers)}")
    for f in r.flags:
        if f.question == qid:
            lines.append(f"  raises {f.level.upper()} {f.code}: {text(f.message, lang)}")
    if q.note:
        lines.append(f"  note: {q.note}")
    return lines


def explain_dimension(ps: PolicySet, r: Result, d: DimensionResult, lang: str = "en") -> list[str]:
    dd = ps.dimensions[d.id]
    sc = dd.rubric.scoring
    title = text(d.title, lang)
    if not d.scored:
        return [f"{d.id} ({title}): not scored"]
    band = text(d.residual_band.label, lang) if d.residual_band else "-"
    lines = [
        f"{d.id} ({title}): residual {_n(d.residual)}{d.unit} -> {band}; "
        f"inherent {_n(d.inherent)}{d.unit}"
    ]
    exprs = {v.id: v.expr for v in sc.values}
    if sc.residual:
        lines.append(f"  residual = {exprs.get(sc.residual, sc.residual)}")
    if sc.inherent and sc.inherent != sc.residual:
        lines.append(f"  inherent = {exprs.get(sc.inherent, sc.inherent)}")
    limits = []
    for b in sc.bands:
        if b.below is not None:
            limits.append(f"{b.id} if < {b.below}")
        elif b.at_most is not None:
            limits.append(f"{b.id} if <= {b.at_most}")
        else:
            limits.append(f"otherwise {b.id}")
    lines.append("  bands: " + "; ".join(limits))
    if d.override:
        lines.append(f"  band raised: {text(d.override, lang)}")
    qs = [r.question(qid) for qid in d.questions]
    scored = [q for q in qs if q.applies and q.answered and q.scored and not q.na]
    scored.sort(key=lambda q: (-q.contribution, q.id))
    if scored:
        lines.append("  what drives it (residual weight x importance), largest first:")
        for q in scored:
            qd = ps.questions[q.id]
            change = (
                f" (inherent {_n(q.inherent)}, lowered by {', '.join(m.id for m in q.mitigations)})"
                if q.residual != q.inherent
                else ""
            )
            unknown = " [don't know]" if q.unknown else ""
            lines.append(
                f"    {q.id:<10} {_n(q.residual):>4} x {_n(q.importance)} = "
                f"{_n(q.contribution):>5}{change}{unknown}"
                f"  {text(qd.question.text, lang)[:70]}"
            )
    na = [q.id for q in qs if q.applies and q.na]
    if na:
        lines.append(f"  not applicable (left out): {', '.join(na)}")
    skipped = [q.id for q in qs if not q.applies]
    if skipped:
        lines.append(f"  questions that do not apply: {', '.join(skipped)}")
    missing = [q.id for q in qs if q.applies and not q.answered and q.scored]
    if missing:
        lines.append(f"  unanswered (not counted): {', '.join(missing)}")
    return lines


def explain(ps: PolicySet, r: Result, question: str | None = None, lang: str = "en") -> str:
    if question is not None:
        return terminal_text("\n".join(explain_question(ps, r, question, lang))) + "\n"
    p = r.project
    lines = [f"{p.get('id')}  {p.get('title')}", ""]
    for d in r.dimensions:
        lines += explain_dimension(ps, r, d, lang)
        lines.append("")
    if r.values:
        lines.append("computed values:")
        for cv in ps.policy.values:
            if cv.id in r.values:
                lines.append(f"  {cv.id} = {r.values[cv.id]}   ({cv.expr})")
        for rubric in ps.rubrics:
            for cv in rubric.scoring.values:
                lines.append(f"  {cv.id} = {r.values.get(cv.id)}   ({cv.expr})")
        lines.append("")
    v = r.verdict
    lines.append(
        f"verdict {v.id} ({text(v.label, lang)}): "
        f"rule {v.rule} of {len(ps.policy.verdicts)} held: {v.when}"
    )
    for i, rule in enumerate(ps.policy.verdicts[: v.rule - 1], start=1):
        lines.append(f"  rule {i} {rule.id} did not hold: {rule.when}")
    for f in r.flags:
        where = f" from {f.question}" if f.question else ""
        lines.append(f"  flag {f.level.upper()} {f.code}{where}: {text(f.message, lang)}")
    lines.append(f"  {text(v.meaning, lang)}")
    lines.append(f"  next: {text(v.next_steps, lang)}")
    return terminal_text("\n".join(lines)) + "\n"
