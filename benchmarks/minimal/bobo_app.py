"""The smallest Bobo app with the starter's /health route: the reference for overhead."""

import bobo


@bobo.query("/health", content_type="application/json")
def health():
    # With a JSON content type, bobo serializes the returned dict.
    return {"status": "ok", "framework": "bobo"}


application = bobo.Application(bobo_resources=__name__)
