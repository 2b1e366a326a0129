"""ficscope: reads fan fiction the way a careful reader and an archive's tag wrangler would.

Typical use::

    from ficscope import analyze_path
    work = analyze_path("story.txt")
    print(work.metadata.title, len(work.quotes))
"""

from ficscope.errors import FicscopeError
from ficscope.model import SCHEMA_VERSION, Work
from ficscope.pipeline import analyze_path, analyze_work

__all__ = ["SCHEMA_VERSION", "FicscopeError", "Work", "analyze_path", "analyze_work"]
__version__ = "0.1.0"
