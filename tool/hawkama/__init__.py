"""Hawkama: review smart-city projects for ethics, privacy, equity and risk.

The small public API is imported lazily so that `import hawkama` stays cheap:

    from hawkama import load_policy, load_assessment, evaluate
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "evaluate", "load_assessment", "load_policy"]

if TYPE_CHECKING:  # pragma: no cover
    from hawkama.documents import load_assessment
    from hawkama.engine.evaluate import evaluate
    from hawkama.policy.load import load_policy


def __getattr__(name: str) -> Any:
    if name == "evaluate":
        from hawkama.engine.evaluate import evaluate

        return evaluate
    if name == "load_policy":
        from hawkama.policy.load import load_policy

        return load_policy
    if name == "load_assessment":
        from hawkama.documents import load_assessment

        return load_assessment
    raise AttributeError(name)
