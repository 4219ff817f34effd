"""Rebuild policy and rubric models from the JSON this code dumped, without validating it.

Used only for the per-user policy cache (policy/cache.py says why that is safe): the
data was dumped from models that passed validation, by the same model code. Validating
it again costs pydantic's schema build of the rubric models (about 40 ms, most of a
one-file `hawkama score`); rebuilding walks the field annotations instead.

Anything this walk does not know (a new kind of annotation, two model arms of one
union, a missing required field, an unknown key) raises ``Unsupported``: the caller
then validates as before, so a model change can make the cache slower, never wrong.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from hawkama.models.common import unvalidated

Convert = Callable[[Any], Any] | None  # None: the JSON value is the model's value as is

_PLAIN = (str, int, float, bool, type(None), Any)


class Unsupported(Exception):
    """The data or the model is not one this walk rebuilds: validate instead."""


# Per model class: (field, convert, required, is_factory, default) in declared order.
_Plan = list[tuple[str, Convert, bool, bool, Any]]
_PLANS: dict[type[BaseModel], _Plan] = {}


def rebuild(model: type[BaseModel], data: Any, made: Mapping[str, Any] | None = None) -> Any:
    """``model`` from ``data`` (``model_dump(mode="json", exclude_unset=True)``).

    ``made`` (from ``made_defaults``) holds what default factories made for fields the
    data leaves out: some read the label catalogue, three YAML files (15 ms).
    """
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = _plan(model)  # nested models are planned when first met
    if not isinstance(data, dict):
        raise Unsupported(f"{model.__name__}: expected an object")
    if len(data) > len(plan):
        raise Unsupported(f"{model.__name__}: unknown keys")
    values: dict[str, Any] = {}
    found = 0
    for name, convert, required, is_factory, default in plan:
        if name in data:
            found += 1
            value = data[name]
            values[name] = value if convert is None else convert(value)
        elif required:
            raise Unsupported(f"{model.__name__}.{name}: missing")
        elif made is not None and name in made:
            values[name] = made[name] if convert is None else convert(made[name])
        else:
            values[name] = default() if is_factory else default
    if found != len(data):
        raise Unsupported(f"{model.__name__}: unknown keys")
    return unvalidated(model, values, set(data))


def made_defaults(obj: BaseModel) -> dict[str, Any]:
    """The JSON of what default factories made for the fields ``obj`` was not given."""
    return {
        name: dump_value(type(obj), name, getattr(obj, name))
        for name, field in type(obj).model_fields.items()
        if field.default_factory is not None and name not in obj.model_fields_set
    }


def dump_value(model: type[BaseModel], name: str, value: Any) -> Any:
    """One field's value as ``model_dump(mode="json", exclude_unset=True)`` gives it."""
    from pydantic import TypeAdapter

    annotation: Any = model.model_fields[name].annotation
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    return adapter.dump_python(value, mode="json", exclude_unset=True)


def _plan(model: type[BaseModel]) -> _Plan:
    if model.model_config.get("extra") != "forbid" or model.__pydantic_root_model__:
        raise Unsupported(f"{model.__name__}: not a strict model")
    plan: _Plan = []
    for name, field in model.model_fields.items():
        if field.alias not in (None, name):
            raise Unsupported(f"{model.__name__}.{name}: an alias")
        convert = _converter(field.annotation)
        if field.default_factory is not None:
            plan.append((name, convert, False, True, field.default_factory))
        else:
            required = field.is_required()
            plan.append((name, convert, required, False, None if required else field.default))
    return plan


def _converter(tp: Any) -> Convert:
    """How to turn the JSON of a value of type ``tp`` back into the value."""
    origin = get_origin(tp)
    args = get_args(tp)
    if origin is Annotated:
        return _converter(args[0])
    if tp in _PLAIN or origin is Literal:
        return None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return lambda v: rebuild(tp, v)
    if origin is list:
        item = _converter(args[0])
        return None if item is None else lambda v: [item(x) for x in v]
    if origin is dict:
        key = _key(args[0])
        value = _converter(args[1])
        if key is None and value is None:
            return None
        k = key or (lambda x: x)
        val = value or (lambda x: x)
        return lambda v: {k(a): val(b) for a, b in v.items()}
    if origin in (Union, types.UnionType):
        return _union(args)
    raise Unsupported(f"annotation {tp!r}")


def _key(tp: Any) -> Callable[[str], Any] | None:
    """JSON object keys are strings: turn them back into the declared key type."""
    if get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if tp is str or get_origin(tp) is Literal:
        return None
    if tp is int:
        return int
    raise Unsupported(f"key type {tp!r}")


def _union(args: tuple[Any, ...]) -> Convert:
    """An optional value, or one of a model and plain values (a JSON object is the model)."""
    arms = [a for a in args if a is not type(None)]
    models = [a for a in arms if isinstance(a, type) and issubclass(a, BaseModel)]
    rest = [a for a in arms if a not in models]
    if len(models) > 1:
        raise Unsupported("a union of several models")
    if any(_converter(a) is not None for a in rest):
        raise Unsupported("a union with a value that needs rebuilding")
    if not models:
        return None
    model = models[0]
    if any(_is_mapping(a) for a in rest):
        raise Unsupported("a union of a model and a mapping")
    return lambda v: rebuild(model, v) if isinstance(v, dict) else v


def _is_mapping(tp: Any) -> bool:
    if get_origin(tp) is Annotated:
        return _is_mapping(get_args(tp)[0])
    return tp is dict or get_origin(tp) is dict
