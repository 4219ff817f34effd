"""Pydantic models of the file formats (rubric, policy, assessment) and of the result."""
