"""The engine: evaluate an assessment against a compiled policy, and explain it."""
