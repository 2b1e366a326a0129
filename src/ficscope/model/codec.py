"""Lossless JSON (de)serialization of the typed model, driven by the dataclasses' type hints."""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

from ficscope.errors import SchemaError

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, str, int, float, bool, None) for a model value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(cls: type[T], data: Any, where: str = "work") -> T:
    """Rebuild a model value of type ``cls`` from :func:`to_data` output."""
    return typing.cast(T, _build(cls, data, where))


def _build(tp: Any, data: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _build(args[0], data, where)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise SchemaError(f"{where}: expected an object, got {type(data).__name__}")
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = _build(hints[f.name], data[f.name], f"{where}.{f.name}")
        try:
            return typing.cast(Any, tp)(**kwargs)
        except (TypeError, ValueError) as exc:
            raise SchemaError(f"{where}: {exc}") from exc
    if origin is tuple:
        if not isinstance(data, list):
            raise SchemaError(f"{where}: expected a list, got {type(data).__name__}")
        item = get_args(tp)[0]
        return tuple(_build(item, v, f"{where}[{i}]") for i, v in enumerate(data))
    if origin is dict:
        if not isinstance(data, dict):
            raise SchemaError(f"{where}: expected an object, got {type(data).__name__}")
        value_type = get_args(tp)[1]
        return {str(k): _build(value_type, v, f"{where}.{k}") for k, v in data.items()}
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError as exc:
            raise SchemaError(f"{where}: {exc}") from exc
    if tp is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if tp in (int, float) and isinstance(data, bool):
        raise SchemaError(f"{where}: expected a number, got a boolean")
    if isinstance(tp, type) and tp is not typing.Any and not isinstance(data, tp):
        raise SchemaError(f"{where}: expected {tp.__name__}, got {type(data).__name__}")
    return data
