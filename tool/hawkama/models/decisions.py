"""The committee's decisions (issue 7); a policy's verdict rules name the one each calls for.

Kept apart from ``models.common`` (which builds pydantic types) so that `hawkama --help`
can list them as choices without importing pydantic.
"""

from __future__ import annotations

from typing import Literal

Decision = Literal["approve", "approve_with_conditions", "reject", "defer"]
