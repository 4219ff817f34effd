"""Filling in an assessment: the skeleton of `hawkama new` and the `hawkama assess` loop.

flow.py is pure (which question next, parsing typed answers); store.py reads and writes
the file keeping hand-written comments; session.py is the only module that talks to the
terminal. See GitHub issue 6.
"""
