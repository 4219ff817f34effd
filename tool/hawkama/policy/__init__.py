"""Policies: find them, read and check them, compile them into a frozen plan."""
