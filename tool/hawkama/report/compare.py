"""Compare a recorded Result (JSON) with a fresh one, in words a committee can act on."""

from __future__ import annotations

from typing import Any

QUESTION_ANSWER = ("value", "options", "applies")
QUESTION_SCORE = ("inherent", "residual", "contribution", "likelihood", "impact")
DIMENSION_KEYS = ("inherent", "residual")
TOP_DONE = {
    "hawkama_version",
    "policy_hash",
    "assessment_hash",
    "verdict",
    "dimensions",
    "questions",
    "flags",
}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {str(x.get("id")): x for x in items if isinstance(x, dict)}


def _band(d: dict[str, Any], key: str) -> Any:
    band = d.get(key)
    return band.get("id") if isinstance(band, dict) else None


def compare_results(recorded: Any, now: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(differences, notes) between the recorded result and the re-scored one."""
    if not isinstance(recorded, dict):
        return ["the embedded result.json is not a result object"], []
    diffs: list[str] = []
    notes: list[str] = []
    if recorded.get("hawkama_version") != now.get("hawkama_version"):
        notes.append(
            f"issued by Hawkama {recorded.get('hawkama_version')}, "
            f"verified with {now.get('hawkama_version')}"
        )
    if recorded.get("policy_hash") != now.get("policy_hash"):
        diffs.append(
            f"policy hash: recorded {recorded.get('policy_hash')}, embedded policy and "
            f"rubrics now hash to {now.get('policy_hash')} (a different rubric)"
        )
    if recorded.get("assessment_hash") != now.get("assessment_hash"):
        diffs.append(
            f"assessment hash: recorded {recorded.get('assessment_hash')}, embedded "
            f"assessment now hashes to {now.get('assessment_hash')} (answers changed after issue)"
        )
    rv, nv = recorded.get("verdict") or {}, now.get("verdict") or {}
    if rv.get("id") != nv.get("id"):
        diffs.append(f"verdict: recorded {rv.get('id')}, re-scored {nv.get('id')}")
    diffs += _dimensions(recorded, now)
    diffs += _questions(recorded, now)
    r_flags = {f.get("code") for f in recorded.get("flags") or [] if isinstance(f, dict)}
    n_flags = {f.get("code") for f in now.get("flags") or []}
    for code in sorted(str(c) for c in r_flags - n_flags):
        diffs.append(f"flag {code}: recorded, no longer raised")
    for code in sorted(str(c) for c in n_flags - r_flags):
        diffs.append(f"flag {code}: raised now, not recorded")
    other = sorted(
        k for k in set(recorded) | set(now) if k not in TOP_DONE and recorded.get(k) != now.get(k)
    )
    if other:
        diffs.append("other recorded results differ: " + ", ".join(other))
    return diffs, notes


def _dimensions(recorded: dict[str, Any], now: dict[str, Any]) -> list[str]:
    out = []
    r_dims, n_dims = _by_id(recorded.get("dimensions")), _by_id(now.get("dimensions"))
    for did in sorted(set(r_dims) | set(n_dims)):
        r, n = r_dims.get(did), n_dims.get(did)
        if r is None or n is None:
            why = "missing from the record" if r is None else "no longer in the policy"
            out.append(f"dimension {did}: {why}")
            continue
        for key in DIMENSION_KEYS:
            if r.get(key) != n.get(key):
                out.append(
                    f"dimension {did} {key} score: recorded {r.get(key)}, re-scored {n.get(key)}"
                )
        if _band(r, "residual_band") != _band(n, "residual_band"):
            out.append(
                f"dimension {did} band: recorded {_band(r, 'residual_band')}, "
                f"re-scored {_band(n, 'residual_band')}"
            )
    return out


def _questions(recorded: dict[str, Any], now: dict[str, Any]) -> list[str]:
    out = []
    r_qs, n_qs = _by_id(recorded.get("questions")), _by_id(now.get("questions"))
    for qid in sorted(set(r_qs) | set(n_qs)):
        r, n = r_qs.get(qid), n_qs.get(qid)
        if r is None or n is None:
            out.append(
                f"question {qid}: {'not in the record' if r is None else 'no longer in the policy'}"
            )
            continue
        if any(r.get(k) != n.get(k) for k in QUESTION_ANSWER):
            out.append(
                f"answer {qid}: recorded {_show(r.get('value'))}, the embedded assessment "
                f"now gives {_show(n.get('value'))}"
            )
            continue
        changed = [k for k in QUESTION_SCORE if r.get(k) != n.get(k)]
        if changed:
            out.append(
                f"question {qid}: "
                + "; ".join(
                    f"{k} recorded {_show(r.get(k))}, re-scored {_show(n.get(k))}" for k in changed
                )
            )
    return out
