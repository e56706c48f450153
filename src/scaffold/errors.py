"""The exceptions scaffold raises: one root, one subclass per kind of problem.

Messages are whole sentences that say what to do next; the CLI prints them as
they are (Click adds the ``Error:`` prefix), so they never start with one.
"""

from __future__ import annotations


class ScaffoldError(Exception):
    """Root of every error scaffold reports to a user.

    ``exit_code`` is the status the command line exits with (see the README's table).
    """

    exit_code = 1


class TemplateMetadataError(ScaffoldError):
    """A template's ``cookiecutter.json`` is missing or describes itself badly."""


class UnknownFrameworkError(ScaffoldError):
    """No template has the requested key."""


class InvalidNameError(ScaffoldError):
    """A project name cannot become a directory and a Python package."""


class InvalidAnswerError(ScaffoldError):
    """A ``--set key=value`` answer is unknown or cannot be used."""


class ProjectExistsError(ScaffoldError):
    """The target directory exists and ``--force`` was not given."""


class ProjectAlreadyGeneratedError(ProjectExistsError):
    """``--force`` was given for a directory that already holds a generated project."""


class UnsafePathError(ScaffoldError):
    """A write would follow a symbolic link, or a path would lead outside the project."""


class OutputDirError(ScaffoldError):
    """The output directory cannot be created or written."""


class GenerationError(ScaffoldError):
    """Cookiecutter failed to render a template (a hook refused, a bad template)."""


class ProjectNotFoundError(ScaffoldError):
    """A path is not a project that scaffold generated."""


class InvalidProjectFileError(ScaffoldError):
    """A project's answers file or snapshot holds something the rules refuse."""


class UncommittedChangesError(ScaffoldError):
    """``update`` was asked to write into a git work tree with uncommitted changes."""


class CheckFailedError(ScaffoldError):
    """A verification step of ``scaffold check`` failed: the tests, a migration, a build."""


class EnvironmentSetupError(ScaffoldError):
    """A virtual environment could not be created, or a project not installed into it."""


class ServerStartError(ScaffoldError):
    """A project's server exited, or never listened, before it could be probed."""


class MeasureError(ScaffoldError):
    """A skeleton could not be installed or measured by ``scaffold compare --measure``."""


class GitTimeoutError(ScaffoldError):
    """A git command ran past its time limit."""


class UnresolvedConflictError(ScaffoldError):
    """Files still hold the conflict markers of an earlier update."""

    exit_code = 4
