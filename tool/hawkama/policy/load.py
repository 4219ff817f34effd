"""Read a policy file and its rubrics, check them and build the compiled policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hawkama.documents import detect_kind, read_doc, validate_doc
from hawkama.errors import InputError, Problem, ProblemCollector
from hawkama.files import read_head
from hawkama.models.policy import Policy
from hawkama.models.rubric import Rubric
from hawkama.policy.compiled import PolicySet
from hawkama.yamlio import Document


def find_policy_file(path: Path) -> Path:
    """A policy file, or the single policy file in a folder."""
    if path.is_dir():
        found = []
        broken: list[Problem] = []
        for candidate in sorted(path.glob("*.y*ml")):
            try:
                doc = read_doc(candidate)
            except InputError as exc:
                # A policy that does not parse is the likely answer to "no policy here".
                if b"kind: policy" in read_head(candidate, 4000):
                    broken.extend(exc.problems)
                continue
            if isinstance(doc.data, dict) and doc.data.get("kind") == "policy":
                found.append(candidate)
        if not found and broken:
            raise InputError(broken)
        if not found:
            raise InputError(
                Problem.unlocated(path, "", "no policy file (kind: policy) in this folder")
            )
        if len(found) > 1:
            names = ", ".join(p.name for p in found)
            raise InputError(
                Problem.unlocated(
                    path,
                    "",
                    f"several policies in this folder ({names}); name one file",
                )
            )
        return found[0]
    if not path.exists():
        raise InputError(Problem.unlocated(path, "", "no such file or folder"))
    return path


def load_policy_set(path: Path) -> PolicySet:
    from hawkama.policy import cache as policy_cache
    from hawkama.policy.build import PolicyBuilder

    policy_path = find_policy_file(path)
    ps = policy_cache.compiled(policy_path)
    if ps is not None:
        return ps
    cached = policy_cache.load(policy_path)
    if cached is not None:
        # Validated before, byte for byte: no document nodes are needed for errors.
        pdoc = Document(policy_path, None, None, cached.policy_text)
        rubric_docs = [(r, Document(Path(p), None, None, t)) for r, p, t in cached.rubrics]
        try:
            ps = PolicyBuilder(cached.policy, pdoc, rubric_docs, known_hash=cached.hash).build()
        except InputError:
            pass  # checks newer than the entry refuse it: read the files for located errors
        else:
            policy_cache.remember(policy_path, ps)
            return ps
    ps = _load_uncached(policy_path)
    policy_cache.remember(policy_path, ps)
    policy_cache.store(
        policy_path,
        policy_cache.CachedPolicy(
            policy=ps.policy,
            policy_text=ps.files[0].text,
            rubrics=tuple(
                (r, str(f.path), f.text) for r, f in zip(ps.rubrics, ps.files[1:], strict=True)
            ),
            hash=ps.hash,
        ),
        [f.path for f in ps.files],
        expression_sources(ps),
    )
    return ps


def expression_sources(ps: PolicySet) -> list[str]:
    """The text of every expression compiled into ``ps``."""
    found = [c for c, _ in ps.values.values()]
    found += [fd.when for fd in ps.flags]
    found += [qd.when for qd in ps.questions.values() if qd.when is not None]
    found += ps.verdicts
    found += [c for _, c, _ in ps.findings]
    for dd in ps.dimensions.values():
        found += [c for _, c in dd.bands if c is not None]
        found += [c for c, _, _ in dd.overrides]
    return [c.source for c in found]


def _load_uncached(policy_path: Path) -> PolicySet:
    from hawkama.policy.build import PolicyBuilder

    doc = read_doc(policy_path)
    if detect_kind(doc) != "policy":
        raise InputError(
            Problem(str(policy_path), 1, 1, "", "expected a policy file (kind: policy)")
        )
    policy = validate_doc(doc, Policy)
    problems = ProblemCollector()
    rubrics: list[tuple[Rubric, Document]] = []

    def refuse(i: int, message: str) -> None:
        problems.add(policy_path, *doc.locate(("rubrics", i)), f"rubrics[{i}]", message)

    for i, rel in enumerate(policy.rubrics):
        rpath = (policy_path.parent / rel).resolve()
        if not rpath.is_file():
            refuse(i, f"rubric file {rel!r} not found next to the policy")
            continue
        try:
            rdoc = read_doc(rpath)
            if detect_kind(rdoc) != "rubric":
                refuse(i, f"{rel!r} is not a rubric file (kind: rubric)")
                continue
            rubrics.append((validate_doc(rdoc, Rubric), rdoc))
        except InputError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return PolicyBuilder(policy, doc, rubrics).build()


def load_policy(path: Path | str) -> Any:
    """Load a policy file (or a folder holding one) and its rubrics, fully checked."""
    return load_policy_set(Path(path))
