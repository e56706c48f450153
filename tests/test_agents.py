"""AGENTS.md: the commands a coding agent needs, the same as the README's and as `check` runs.

Every command the file names is run elsewhere: the install lines literally by
`test_e2e.test_next_steps_work_as_printed` (they are `scaffold new`'s next steps),
and the others by `scaffold check` in every template's end-to-end test (its
``tests``, ``lint``, ``migrate`` and ``run`` steps). This test holds the file to
exactly that list, so no command in it goes untested.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scaffold import generator, registry
from scaffold.cli import next_steps

from .helpers import framework_params

INSTALL = ["python3 -m venv .venv && . .venv/bin/activate", 'pip install -e ".[test]"']
CHECKED = {"pytest": "tests", "ruff check . && ruff format --check .": "lint"}


def agents_commands(project: Path) -> list[str]:
    """The commands of AGENTS.md's first bash block, without their comments."""
    text = (project / "AGENTS.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block, "AGENTS.md has no bash block of commands"
    return [line.split("  #")[0].strip() for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.parametrize("framework", framework_params())
def test_agents_md_names_the_commands_check_runs(
    framework: registry.Framework, tmp_path: Path
) -> None:
    project = generator.generate(framework, "agent-demo", tmp_path).path
    package = "agent_demo"
    commands = agents_commands(project)
    served = f"python -m {package}"
    migrate = [f"{served} migrate"] if framework.is_full_stack else []
    assert commands == [*INSTALL, *CHECKED, *migrate, served]
    # The install lines are scaffold new's next steps, which a test runs as printed.
    steps = next_steps(project, package)
    assert "python3 -m venv .venv" in steps and INSTALL[1].split(" #")[0] in steps
    # The README tells people the same commands.
    readme = (project / "README.md").read_text(encoding="utf-8")
    for command in ("python3 -m venv .venv", 'pip install -e ".[test]"', "pytest", served):
        assert command in readme, f"README.md lacks {command!r}"
    # And the files never to edit are named.
    text = (project / "AGENTS.md").read_text(encoding="utf-8")
    for local in (*framework.local_files, ".scaffold.json", ".scaffold/"):
        assert f"`{local}`" in text
