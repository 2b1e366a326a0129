"""The library: an SQLite file of analyzed works with full-text and faceted search, and the web
app that serves it (``ficscope library add``, ``ficscope serve``)."""

from ficscope.library.importer import ImportReport, import_paths
from ficscope.library.records import FACETS, WorkRecord, record_for
from ficscope.library.search import QueryError, SearchQuery, search
from ficscope.library.store import Library, LibraryError

__all__ = [
    "FACETS",
    "ImportReport",
    "Library",
    "LibraryError",
    "QueryError",
    "SearchQuery",
    "WorkRecord",
    "import_paths",
    "record_for",
    "search",
]
