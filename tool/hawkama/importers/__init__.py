"""Importers of other tools' questionnaires and answer files (the Canada AIA, for now).

Shared here: the ids the AIA import gives its policy and rubric, so that the
questionnaire importer and the answer-file reader always agree.
"""

from __future__ import annotations

import re

AIA_POLICY_ID = "aia-canada"
AIA_RUBRIC_ID = "aia"
# Findings of the imported rubric that carry the Directive's requirements per impact level.
AIA_REQUIREMENT_PREFIX = "AIA_REQ_"

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")


def aia_version(label: str) -> str | None:
    """The AIA's version label ("v1.0.1", "v0.9") as a semantic version ("1.0.1", "0.9.0").

    Our policies need three numbers; the AIA dropped the patch number in early
    releases, and an answer file must find the policy imported from its own version.
    """
    m = _VERSION.match(label.strip())
    if m is None:
        return None
    return ".".join(part or "0" for part in m.groups())
