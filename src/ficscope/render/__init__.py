"""Outputs: the readable summary, JSON, and the annotated HTML reader."""
