"""Requests per second of one route through a WSGI callable, in process (no network).

Run with the Python of an environment where the app is installed:

    python wsgi_rps.py --app wsgi:application --path /health --seconds 1.0

``--app`` is ``module:attribute``, imported from the working directory, or
``path/to/file.py:attribute``. Prints one JSON object: the route, requests, CPU seconds
and requests per CPU second, after a warm-up that builds caches and opens databases.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import io
import json
import os
import sys
import time
from pathlib import Path


def load(spec: str):
    target, _, attribute = spec.partition(":")
    if target.endswith(".py"):
        path = Path(target).resolve()
        sys.path.insert(0, str(path.parent))
        module_spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[path.stem] = module
        module_spec.loader.exec_module(module)
    else:
        sys.path.insert(0, os.getcwd())
        module = importlib.import_module(target)
    return getattr(module, attribute or "application")


def environ_for(path: str) -> dict:
    route, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def request(application, path: str) -> str:
    status = []

    def start_response(line, headers, exc_info=None):
        status.append(line)
        return lambda data: None

    body = application(environ_for(path), start_response)
    try:
        for _chunk in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close:
            close()
    return status[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", required=True)
    parser.add_argument("--path", default="/health")
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()

    application = load(args.app)
    for _ in range(50):
        status = request(application, args.path)
    if not status.startswith("200"):
        raise SystemExit(f"{args.path} answered {status}")
    # CPU time of this process, not wall time: on a shared machine the time spent
    # waiting for a core says nothing about the code under test.
    count = 0
    started = time.process_time()
    deadline = started + args.seconds
    while time.process_time() < deadline:
        for _ in range(20):
            request(application, args.path)
        count += 20
    elapsed = time.process_time() - started
    print(
        json.dumps(
            {"path": args.path, "requests": count, "cpu_seconds": elapsed, "rps": count / elapsed}
        )
    )


if __name__ == "__main__":
    main()
