"""Line and column of a key path in a JSON text, for located error messages."""

from __future__ import annotations

import yaml

from hawkama.yamlio import locate

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def locate_json(text: str, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    """Position of the value at ``loc``, or (None, None) if the text cannot be mapped.

    JSON is (nearly) YAML, and the YAML parser keeps marks; we only pay for this
    second parse when there is an error to report.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None, None
    return locate(node, loc)
