"""The smallest Flask app with the starter's /health route: the reference for overhead."""

from flask import Flask, jsonify

application = Flask(__name__)


@application.get("/health")
def health():
    return jsonify(status="ok", framework="flask")
