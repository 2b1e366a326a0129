"""The one exception tree of ficscope.

::

    FicscopeError                 anything ficscope refuses or cannot do
    ├── InputError                a file that cannot be read as a work (carries ``path``)
    │   ├── FileAccessError       missing, a directory, unreadable, too large
    │   ├── EmptyInputError       no text at all
    │   ├── UnsupportedFormatError  not a format any reader knows (binary data, say)
    │   └── CorruptInputError     a known format that is broken (bad zip, bomb, malformed XML)
    ├── SchemaError               JSON that is not a ficscope Work of a known schema version
    ├── PipelineError             a pass asked for a layer no earlier pass provides
    ├── PassError                 a pass failed on a work (an internal error; the cause is chained)
    ├── PackError                 a fandom data pack that cannot be read   (ficscope.fandoms.packs)
    ├── LibraryError              a library database problem               (ficscope.library.store)
    ├── UploadError               a rejected upload                      (ficscope.library.uploads)
    ├── ClusterError              no Dask cluster at the given address     (ficscope.batch.engine)
    ├── OutputError               an unusable batch output folder          (ficscope.batch.output)
    └── QueryError                SQL over batch output that DuckDB refuses (ficscope.batch.sql)

The errors of the library, batch and pack modules live beside the code that raises them.

Every error names what it was working on; ``str(error)`` is a one-line message fit for a user.
"""

from __future__ import annotations

from pathlib import Path


class FicscopeError(Exception):
    """Base of every error ficscope raises on purpose."""


class InputError(FicscopeError):
    """A file that cannot be read as a work."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class FileAccessError(InputError):
    """The file is missing, is a directory, cannot be opened, or is too large."""


class EmptyInputError(InputError):
    """The file holds no text."""


class UnsupportedFormatError(InputError):
    """No reader recognises the file (binary data, say)."""


class CorruptInputError(InputError):
    """A recognised format whose content is broken or hostile."""


class SchemaError(FicscopeError):
    """Serialized data that is not a Work of a schema version this ficscope knows."""


class PipelineError(FicscopeError):
    """A pass requires a layer that no earlier pass assigns."""


class PassError(FicscopeError):
    """An analysis pass failed on a work: a bug to report, not bad input. The original exception
    is chained as ``__cause__``."""

    def __init__(self, pass_name: str, path: str | None, problem: str) -> None:
        self.pass_name = pass_name
        self.path = path
        self.problem = problem
        where = f"{path}: " if path else ""
        super().__init__(
            f"{where}internal error in the {pass_name} pass ({problem}); please report it"
        )
