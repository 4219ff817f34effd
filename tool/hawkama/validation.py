"""Turn pydantic validation errors into located problems (file:line:col: key.path: ...)."""

from __future__ import annotations

import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from hawkama.errors import Problem
from hawkama.yamlio import Document


def dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _data_loc(data: Any, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], bool]:
    """Keep only the parts of ``loc`` that are keys or indexes of ``data``.

    Pydantic adds union member names and validator tags to locations; users only
    know their own keys. Returns the cleaned location and whether parts were dropped.
    """
    real: list[str | int] = []
    dropped = False
    node = data
    for i, part in enumerate(loc):
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if (isinstance(node, dict) and part in node) or in_list:
            real.append(part)
            node = node[part]
        elif isinstance(node, dict) and i == len(loc) - 1 and isinstance(part, str):
            real.append(part)  # a missing or extra key: keep its name
        else:
            dropped = True
    return tuple(real), dropped


def _candidates(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _candidates(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_candidates(arg))
        return out
    return [tp]


def _step(tp: Any, part: str | int) -> Any:
    for cand in _candidates(tp):
        origin = typing.get_origin(cand)
        if isinstance(cand, type) and issubclass(cand, BaseModel) and isinstance(part, str):
            field = cand.model_fields.get(part)
            if field is not None:
                return field.annotation
        elif origin is list and isinstance(part, int):
            return typing.get_args(cand)[0]
        elif origin is dict and isinstance(part, str):
            return typing.get_args(cand)[1]
    return None


def allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    tp: Any = model
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    for cand in _candidates(tp):
        if isinstance(cand, type) and issubclass(cand, BaseModel):
            return list(cand.model_fields)
    return []


_FRIENDLY = {
    "missing": "required key is missing",
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "bool_type": "should be true or false",
    "list_type": "should be a list",
    "dict_type": "should be a mapping (key: value)",
    "model_type": "should be a mapping (key: value)",
    "date_type": "should be a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "should be a date (YYYY-MM-DD)",
}


def _message(err: ErrorDetails, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        keys = allowed_keys(model, loc[:-1])
        allowed = f" (allowed: {', '.join(keys)})" if keys else ""
        return f"unknown key{allowed}"
    if kind == "literal_error":
        expected = (err.get("ctx") or {}).get("expected", "")
        return f"{_shown(err['input'])} is not allowed (allowed: {expected})"
    if kind == "string_pattern_mismatch":
        field = model_field_description(model, loc)
        pattern = (err.get("ctx") or {}).get("pattern", "")
        hint = f" ({field})" if field else f" (expected the pattern {pattern})" if pattern else ""
        return f"{_shown(err['input'])} is not valid here{hint}"
    if kind == "string_too_long":
        limit = (err.get("ctx") or {}).get("max_length")
        return f"text is too long (at most {limit} characters)"
    if kind in ("too_long",):
        limit = (err.get("ctx") or {}).get("max_length")
        return f"too many items (at most {limit})"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    friendly = _FRIENDLY.get(kind)
    if kind == "string_type" and isinstance(err.get("input"), int | float | bool):
        return f"should be text, got {_shown(err['input'])}; put it in quotes"
    if friendly:
        if kind != "missing" and isinstance(err.get("input"), bool | int | float | str):
            return f"{friendly}, got {_shown(err['input'])}"
        return friendly
    return str(err["msg"])


def model_field_description(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    if not loc:
        return ""
    tp: Any = model
    for part in loc[:-1]:
        tp = _step(tp, part)
        if tp is None:
            return ""
    for cand in _candidates(tp):
        if isinstance(cand, type) and issubclass(cand, BaseModel) and isinstance(loc[-1], str):
            field = cand.model_fields.get(loc[-1])
            if field is not None:
                desc: str = field.description or _annotated_description(field.annotation)
                if not desc:
                    for meta in getattr(field, "metadata", []):
                        desc = str(getattr(meta, "description", "") or desc)
                return desc
    for cand in _candidates(_step(tp, loc[-1]) if tp is not None else None):
        for meta in getattr(cand, "__metadata__", ()):
            found = getattr(meta, "description", None)
            if found:
                return str(found)
    return ""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def problems_from(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    """Every pydantic error of one file as located problems, one per location."""
    problems: list[Problem] = []
    seen: set[tuple[str | int, ...]] = set()
    for err in exc.errors(include_url=False):
        loc, dropped = _data_loc(doc.data, tuple(err["loc"]))
        if loc in seen:
            continue  # several union members failed at the same place: say it once
        if err["type"] == "extra_forbidden":
            line, col = doc.locate_key(loc)
        else:
            line, col = doc.locate(loc)
        if dropped and err["type"] not in ("value_error", "extra_forbidden", "missing"):
            message = f"{_shown(_value_at(doc.data, loc))} is not a valid value here"
            desc = model_field_description(model, loc)
            if desc:
                message += f" ({desc})"
            if loc and loc[0] == "answers":
                message = (
                    f"{_shown(_value_at(doc.data, loc))} is not a valid answer "
                    "(allowed: an option id, a list of option ids, a number, a date, text, "
                    "'LxI' for a risk rating, or a mapping with value/note/evidence)"
                )
        else:
            message = _message(err, model, loc)
        seen.add(loc)
        problems.append(Problem(str(doc.path), line, col, dotted(loc), message))
    return problems


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _annotated_description(tp: Any) -> str:
    """The description given in an Annotated[..., Field(description=...)] alias, if any."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        for meta in tp.__metadata__:
            found = getattr(meta, "description", None)
            if found:
                return str(found)
        return _annotated_description(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(tp):
            found = _annotated_description(arg)
            if found:
                return found
    return ""
