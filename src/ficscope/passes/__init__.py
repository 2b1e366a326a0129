"""Analysis passes, one module each.

Each registers itself with :func:`ficscope.pipeline.register`.
"""
