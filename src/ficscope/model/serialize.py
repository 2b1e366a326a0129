"""Work <-> JSON. The JSON adds derived conveniences (``metadata.missing``, ``paragraph_count``)
that are ignored when reading back."""

from __future__ import annotations

import json
from typing import Any

from ficscope.errors import SchemaError
from ficscope.model.codec import from_data, to_data
from ficscope.model.work import SCHEMA_VERSION, Work


def work_to_dict(work: Work) -> dict[str, Any]:
    data: dict[str, Any] = to_data(work)
    data["metadata"]["missing"] = list(work.metadata.missing)
    # Put the schema first and the (long) text after it, for people reading the JSON.
    ordered = {"schema": data.pop("schema"), "text": data.pop("text")}
    ordered.update(data)
    return ordered


def work_from_dict(data: Any) -> Work:
    if not isinstance(data, dict):
        raise SchemaError("a work must be a JSON object")
    schema = data.get("schema")
    if schema != SCHEMA_VERSION:
        raise SchemaError(
            f"unknown schema version {schema!r} (this ficscope reads {SCHEMA_VERSION})"
        )
    if not isinstance(data.get("text"), str):
        raise SchemaError("a work needs a 'text' string")
    return from_data(Work, data)


def work_to_json(work: Work, *, indent: int | None = 2) -> str:
    return json.dumps(work_to_dict(work), ensure_ascii=False, indent=indent)


def work_from_json(text: str) -> Work:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"not JSON: {exc}") from exc
    return work_from_dict(data)
