"""The typed data model. Imports nothing else of ficscope but its errors; does no I/O."""

from ficscope.model.codec import from_data, to_data
from ficscope.model.metadata import ARCHIVE_FIELDS, Metadata
from ficscope.model.serialize import work_from_dict, work_from_json, work_to_dict, work_to_json
from ficscope.model.spans import (
    NARRATOR,
    NARRATOR_NAME,
    Block,
    BlockRole,
    Chapter,
    Character,
    Mention,
    Quote,
    Scene,
    Span,
    name_key,
)
from ficscope.model.tags import (
    Category,
    Evidence,
    ProofFlag,
    Rating,
    Relationship,
    TagStatus,
    TagSuggestion,
    TagType,
    Warning,
)
from ficscope.model.work import SCHEMA_VERSION, Source, Work

__all__ = [
    "ARCHIVE_FIELDS",
    "NARRATOR",
    "NARRATOR_NAME",
    "SCHEMA_VERSION",
    "Block",
    "Category",
    "Evidence",
    "ProofFlag",
    "Rating",
    "Relationship",
    "TagStatus",
    "TagSuggestion",
    "TagType",
    "name_key",
    "Warning",
    "BlockRole",
    "Chapter",
    "Character",
    "Mention",
    "Metadata",
    "Quote",
    "Scene",
    "Source",
    "Span",
    "Work",
    "from_data",
    "to_data",
    "work_from_dict",
    "work_from_json",
    "work_to_dict",
    "work_to_json",
]
