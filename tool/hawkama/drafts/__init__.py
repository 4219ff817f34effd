"""Documents drafted from an assessment's answers: DPIA, FRIA, register entry, letter.

The mapping from answers to document sections is data (``documents.yaml`` next to the
policy); builders turn a scored assessment into a neutral ``Draft``; writers render a
draft as HTML/PDF (the report pipeline) or DOCX. Builders do no I/O.
"""
