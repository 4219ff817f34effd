"""The web desk (`hawkama serve`): proposers answer in a browser, the committee reviews there.

Nothing here scores, stores or renders a second way: pages call the same questionnaire
store, engine and committee functions as the CLI. Starlette and uvicorn are imported only
by this package, which only `hawkama serve` imports.
"""
