"""A TCP relay on 127.0.0.1 whose replies arrive late: a database server far away.

A starter that runs several processes must show each of them what the others
wrote. Over a fast local link a missed step rarely shows, because the news of
a commit (ZEO's invalidations, for one) usually arrives before the next request.
Put this relay between one process and its database server and the news comes
``delay`` seconds late, so a process that does not wait for it reads old data
every time. Bytes keep their order; only the server's side is held back.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

CHUNK = 65536


@contextmanager
def slow_link(upstream: str, delay: float) -> Iterator[str]:
    """Relay ``host:port`` on a free port until the block ends; yield the relay's address.

    What the server sends reaches the client ``delay`` seconds after it arrived.
    """
    host, _, port = upstream.rpartition(":")
    listener = socket.create_server(("127.0.0.1", 0))
    sockets: list[socket.socket] = [listener]
    threads: list[threading.Thread] = []
    stopping = threading.Event()

    def start(target, *args) -> None:  # type: ignore[no-untyped-def]
        thread = threading.Thread(target=target, args=args, daemon=True)
        threads.append(thread)
        thread.start()

    def accept() -> None:
        while not stopping.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection((host, int(port)))
            sockets.extend([client, server])
            late: queue.Queue[tuple[float, bytes]] = queue.Queue()
            start(_pump, client, server)
            start(_read_into, server, late)
            start(_deliver, late, client, delay)

    start(accept)
    try:
        yield f"127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stopping.set()
        for sock in sockets:
            _close(sock)
        for thread in threads:
            thread.join(timeout=5)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    """Forward ``source`` to ``sink`` as it comes."""
    try:
        while data := source.recv(CHUNK):
            sink.sendall(data)
    except OSError:
        pass
    _close(sink)


def _read_into(source: socket.socket, late: queue.Queue[tuple[float, bytes]]) -> None:
    """Stamp each chunk with the time it arrived; an empty chunk marks the end."""
    try:
        while data := source.recv(CHUNK):
            late.put((time.monotonic(), data))
    except OSError:
        pass
    late.put((time.monotonic(), b""))


def _deliver(late: queue.Queue[tuple[float, bytes]], sink: socket.socket, delay: float) -> None:
    """Send each chunk ``delay`` seconds after it arrived, in order."""
    while True:
        arrived, data = late.get()
        time.sleep(max(0.0, arrived + delay - time.monotonic()))
        if not data:
            break
        try:
            sink.sendall(data)
        except OSError:
            break
    _close(sink)


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
