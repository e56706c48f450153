"""The smallest Flask app with the starter's /health route: the reference for overhead.

It has a secret key, as every Flask app in production does (the starter reads
its own from SECRET_KEY): with one, Flask opens the session on each request, and
the reference must pay for that too.
"""

from flask import Flask, jsonify

application = Flask(__name__)
application.secret_key = "a-production-app-has-a-secret-key"


@application.get("/health")
def health():
    return jsonify(status="ok", framework="flask")
