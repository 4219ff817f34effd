"""``hawkama rubric check``: content lints for a policy and its rubrics.

Loading (``hawkama.policy.load``) already refuses what is *wrong*: unknown names, option
ids a question does not have, undefined sources, cycles. This module looks for what is
*legal but almost certainly a mistake*:

- a question whose ``when`` can never hold, so it is never asked;
- a flag, finding, override or verdict condition that can never hold;
- options of a scored question that the engine cannot tell apart (see ``_unused_options``);
- user-facing text missing one of the policy's languages;
- sources cited but not defined in the file (or the policy), or defined and never cited;
  questions without a citation that names a place (article, section...);
- duplicate or near-duplicate question texts;
- Arabic: glossary terms not used, two spellings of مسؤول, two forms of address
  (``hawkama.lint.arabic``).

"Never holds" is decided by brute force: the expression's inputs, together with the
conditions that decide whether those inputs apply at all, are enumerated over every
consistent combination of answers (unanswered included). This is only done when the
expression reads nothing but choice questions (and values computed from them) and the
combinations number at most ``MAX_COMBINATIONS``; anything else is left alone rather than
guessed at.
"""

from __future__ import annotations

from pathlib import Path

from hawkama.errors import InputError, Problem
from hawkama.lint.arabic import arabic_lints
from hawkama.lint.content import duplicate_texts, missing_translations, source_lints, unused_options
from hawkama.lint.context import build_context
from hawkama.lint.satisfiable import never_applies, never_true
from hawkama.policy.compiled import PolicySet
from hawkama.policy.load import load_policy_set

__all__ = ["check"]


def document_mapping(ps: PolicySet) -> list[Problem]:
    """The answers-to-documents mapping next to the policy names real questions."""
    from hawkama.drafts import mapping

    try:
        found = mapping.read(ps)
    except InputError as exc:
        return list(exc.problems)
    return [] if found is None else mapping.problems(ps, *found)


def check(path: Path) -> list[Problem]:
    """Lint the policy at ``path`` (a policy file or a folder holding one) and its rubrics."""
    try:
        ps = load_policy_set(path)
    except InputError as exc:
        # A policy that does not load cannot be linted further; its load errors are the lint.
        return list(exc.problems)
    ctx = build_context(ps)
    problems = [
        *document_mapping(ps),
        *never_applies(ctx),
        *never_true(ctx),
        *unused_options(ctx),
        *missing_translations(ctx),
        *source_lints(ctx),
        *duplicate_texts(ctx),
        *arabic_lints(ctx),
    ]
    return sorted(dict.fromkeys(problems), key=Problem.sort_key)
