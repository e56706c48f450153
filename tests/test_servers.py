"""`scaffold.runtime.servers`: start a server on 127.0.0.1, wait for it, stop it by its PID."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from scaffold.errors import ServerStartError
from scaffold.runtime import servers


def test_serving_reports_a_server_that_exits_with_its_output(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "import sys; sys.exit('DEMO_SECRET is not set.')"]
    with (
        pytest.raises(ServerStartError) as failure,
        servers.serving(command, tmp_path, port=servers.free_port()),
    ):
        pass
    assert str(failure.value) == (
        "The server exited with status 1 before answering:\nDEMO_SECRET is not set."
    )


def test_serving_gives_up_on_a_server_that_never_listens(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "import time; time.sleep(30)"]
    with (
        pytest.raises(ServerStartError, match=r"did not listen on 127\.0\.0\.1:\d+ within 1 s"),
        servers.serving(command, tmp_path, port=servers.free_port(), timeout=1),
    ):
        pass


def test_serving_passes_the_port_and_drops_scaffolds_own_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", "somewhere")
    script = (
        "import os, socket, pathlib\n"
        "pathlib.Path('env').write_text(os.environ['PORT'] + ' ' + "
        "str(os.environ.get('PYTHONPATH')))\n"
        "s = socket.socket(); s.bind(('127.0.0.1', int(os.environ['PORT']))); s.listen()\n"
        "import time; time.sleep(30)\n"
    )
    port = servers.free_port()
    with servers.serving([sys.executable, "-c", script], tmp_path, port=port):
        pass
    assert (tmp_path / "env").read_text() == f"{port} None"
    assert os.environ["PYTHONPATH"] == "somewhere"


def test_serving_gives_the_server_a_home_of_its_own(tmp_path: Path, isolated_home: Path) -> None:
    """gunicorn writes a control socket under ~/.gunicorn: never into the user's home."""
    script = (
        "import os, socket, pathlib\n"
        "home = pathlib.Path(os.environ['HOME']); (home / '.written').write_text('x')\n"
        "pathlib.Path('home').write_text(str(home))\n"
        "s = socket.socket(); s.bind(('127.0.0.1', int(os.environ['PORT']))); s.listen()\n"
        "import time; time.sleep(30)\n"
    )
    with servers.serving([sys.executable, "-c", script], tmp_path, port=servers.free_port()):
        pass
    used = Path((tmp_path / "home").read_text())
    assert used != isolated_home and not used.exists(), "a temporary home, removed afterwards"
    assert list(isolated_home.iterdir()) == []
