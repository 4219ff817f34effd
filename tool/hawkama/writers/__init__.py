"""Writers turn results into text, JSON, CSV (and, in hawkama.report, HTML and PDF).

They only read results (and the policy's texts); they never re-score.
"""
