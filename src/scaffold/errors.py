"""The exceptions scaffold raises: one root, one subclass per kind of problem.

Messages are whole sentences that say what to do next; the CLI prints them as
they are (Click adds the ``Error:`` prefix), so they never start with one.
"""

from __future__ import annotations


class ScaffoldError(Exception):
    """Root of every error scaffold reports to a user."""


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


class OutputDirError(ScaffoldError):
    """The output directory cannot be created or written."""


class GenerationError(ScaffoldError):
    """Cookiecutter failed to render a template (a hook refused, a bad template)."""


class ProjectNotFoundError(ScaffoldError):
    """A path is not a project that scaffold generated."""


class UpdateConflictError(ScaffoldError):
    """An update left conflict markers in files the user must resolve."""


class CheckFailedError(ScaffoldError):
    """A verification step of ``scaffold check`` could not run."""


class MeasureError(ScaffoldError):
    """A skeleton could not be installed or measured by ``scaffold compare --measure``."""
