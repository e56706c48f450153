"""Discover the framework templates and validate what they say about themselves.

Every folder under ``templates/`` that holds a ``cookiecutter.json`` is a
template. Its private ``_scaffold`` block (cookiecutter neither prompts for nor
renders keys that start with ``_``) describes the framework; nothing about a
framework is written in this package's code.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .compare.claims import validate as claim_problems
from .compare.concepts import validate as concept_problems
from .contract import CATEGORIES, FEATURE_KEYS
from .errors import TemplateMetadataError, UnknownFrameworkError
from .schema import validate as validate_schema

__all__ = ["CATEGORIES", "FEATURE_KEYS", "Framework", "discover", "get", "load_framework"]
TEMPLATES_ENV = "SCAFFOLD_TEMPLATES"
# Notes on the files every template shares (the deploy pack), keyed by their path
# in a generated project; a template's own ``files`` notes take precedence.
SHARED_NOTES = Path("_shared") / "files.json"
# What `scaffold info` says about the options templates share (database, deploy).
SHARED_OPTION_NOTES = Path("_shared") / "options.json"


@dataclass(frozen=True)
class AdminAccount:
    """The command that creates an administrator account without asking anything.

    ``argv[0]`` ``"python"`` is the project's interpreter; ``{package}``,
    ``{username}`` and ``{password}`` in ``argv`` and in ``env``'s values are
    filled in. The conformance checks log in with the account it makes.
    """

    argv: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)

    def command(self, **values: str) -> tuple[list[str], dict[str, str]]:
        """The argument list and extra environment, with the placeholders filled in."""
        argv = [part.format(**values) for part in self.argv]
        return argv, {name: value.format(**values) for name, value in self.env.items()}


@dataclass(frozen=True)
class Framework:
    """A template and the framework it generates, as its metadata describes them."""

    key: str
    title: str
    category: str
    summary: str
    description: str
    homepage: str
    dependencies: tuple[str, ...]
    # Interface name ("wsgi", "asgi") -> its entry point ("wsgi:application"), in the
    # template's order; `runtime.interfaces` knows how to serve and drive each.
    interface: Mapping[str, str]
    features: Mapping[str, Any]
    files: Mapping[str, str]
    path: Path
    reserved_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    notice: str | None = None
    routes: Mapping[str, str] = field(default_factory=dict)
    urls: Mapping[str, str] = field(default_factory=dict)
    known_gaps: tuple[str, ...] = ()
    validation_hook: str | None = None
    # Files rendered once for this machine (such as ``.env`` with the development
    # secret): never recorded in the snapshot, never merged or overwritten.
    local_files: tuple[str, ...] = ()
    # Shell commands a deployment runs after installing the project (``deploy.build``),
    # such as Django's collectstatic.
    build_commands: tuple[str, ...] = ()
    # Answers with which the project serves from one process only, such as
    # ``{"database": "filestorage"}`` (ZODB's FileStorage locks its file).
    one_process_when: Mapping[str, str] = field(default_factory=dict)
    # Why each option is there and what its default means, for `scaffold info`.
    option_notes: Mapping[str, str] = field(default_factory=dict)
    # Concept name -> {"file": ..., "symbol" or "region": ...}: where the starter
    # shows it (see `scaffold.compare.concepts`), for `compare` and `info --concept`.
    concepts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The classic comparison's claims about the framework, checked against the
    # starter (see `scaffold.compare.claims`).
    claims: tuple[Mapping[str, Any], ...] = ()

    # How to create an admin account for the login and logout checks (``admin_account``).
    admin_account: AdminAccount | None = None
    # Interface -> the ``routes`` and ``concepts`` that differ when the starter is shown
    # served that way (``by_interface``), for a starter that offers two from parallel modules.
    by_interface: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    # The one interface this view of the framework shows (see `as_interface`), or "".
    served_as: str = ""
    # The template's ``cookiecutter.json`` as written (its variables, prompts and
    # private keys), parsed once here for `scaffold.questions`.
    variables: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def serves_one_process(self, answers: Mapping[str, Any]) -> bool:
        """Whether a project made with ``answers`` must be served by one process."""
        return any(answers.get(key) == value for key, value in self.one_process_when.items())

    @property
    def is_full_stack(self) -> bool:
        return self.category == "full-stack"

    @property
    def label(self) -> str:
        """The key, with the interface shown when the view is of one (``falcon:asgi``)."""
        return f"{self.key}:{self.served_as}" if self.served_as else self.key

    def as_interface(self, name: str) -> Framework:
        """The framework served as ``name`` only, with the routes and concepts that differ."""
        if name not in self.interface:
            offered = ", ".join(self.interface)
            raise UnknownFrameworkError(
                f"{self.key} offers {offered}, not {name!r}: try {self.key}:"
                f"{next(iter(self.interface))}."
            )
        own = self.by_interface.get(name, {})
        return replace(
            self,
            interface={name: self.interface[name]},
            routes={**self.routes, **own.get("routes", {})},
            concepts={**self.concepts, **own.get("concepts", {})},
            served_as=name,
        )

    def each_interface(self) -> list[Framework]:
        """One view per interface when the starter offers several; else the framework itself."""
        if len(self.interface) < 2:
            return [self]
        return [self.as_interface(name) for name in self.interface]


def rendered_path(path: str, package: str) -> str:
    """A template path as the generated project has it, with the package name filled in."""
    return path.replace("{{cookiecutter.package_name}}", package).replace(
        "{{ cookiecutter.package_name }}", package
    )


def default_templates_dir() -> Path:
    """Where the templates are: ``$SCAFFOLD_TEMPLATES``, the wheel, or the checkout."""
    override = os.environ.get(TEMPLATES_ENV)
    if override:
        return Path(override)
    bundled = Path(__file__).parent / "templates"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "templates"


def discover(templates_dir: Path | None = None) -> dict[str, Framework]:
    """Load every template under ``templates_dir``, keyed and sorted by framework key.

    Folders whose name starts with ``_`` or ``.`` hold shared files, not templates.
    """
    root = templates_dir or default_templates_dir()
    frameworks: dict[str, Framework] = {}
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        if folder.name.startswith(("_", ".")) or not (folder / "cookiecutter.json").is_file():
            continue
        framework = load_framework(folder)
        frameworks[framework.key] = framework
    return dict(sorted(frameworks.items()))


def load_framework(folder: Path) -> Framework:
    """Read and validate one template's metadata, reporting every problem at once."""
    config_file = folder / "cookiecutter.json"
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateMetadataError(f"Cannot read {config_file}: {exc}.") from exc
    meta = config.get("_scaffold") if isinstance(config, dict) else None
    if not isinstance(meta, dict):
        raise TemplateMetadataError(
            f"{config_file} has no '_scaffold' block describing the framework; add one."
        )

    problems = _validate(meta, folder)
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise TemplateMetadataError(f"The template in {folder} is not valid:\n{listing}")

    return Framework(
        key=meta["key"],
        title=meta["title"],
        category=meta["category"],
        summary=meta["summary"],
        description=meta["description"],
        homepage=meta.get("homepage", ""),
        dependencies=tuple(meta["dependencies"]),
        interface=dict(meta["interface"]),
        features=dict(meta["features"]),
        files={**_shared_notes(folder.parent / SHARED_NOTES), **meta.get("files", {})},
        path=folder,
        admin_account=_admin_account(meta.get("admin_account")),
        reserved_names=tuple(meta.get("reserved_names", ())),
        aliases=tuple(meta.get("aliases", ())),
        notice=meta.get("notice"),
        routes=dict(meta.get("routes", {})),
        urls=dict(meta.get("urls", {})),
        known_gaps=tuple(meta.get("known_gaps", ())),
        validation_hook=meta.get("validation_hook"),
        local_files=tuple(meta.get("local_files", ())),
        build_commands=tuple(meta.get("deploy", {}).get("build", ())),
        one_process_when=dict(meta.get("one_process_when", {})),
        option_notes={
            **_shared_notes(folder.parent / SHARED_OPTION_NOTES),
            **meta.get("option_notes", {}),
        },
        concepts={name: dict(spec) for name, spec in meta.get("concepts", {}).items()},
        claims=tuple(dict(claim) for claim in meta.get("claims", ())),
        by_interface={
            name: {part: dict(value) for part, value in own.items()}
            for name, own in meta.get("by_interface", {}).items()
        },
        variables=config,
    )


def _shared_notes(path: Path) -> dict[str, str]:
    """Notes every template shares, from a JSON object in ``templates/_shared/``."""
    if not path.is_file():
        return {}
    try:
        notes = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateMetadataError(f"Cannot read {path}: {exc}.") from exc
    return {key: str(note) for key, note in notes.items() if not key.startswith("_")}


def _validate(meta: dict[str, Any], folder: Path) -> list[str]:
    """Every problem with a ``_scaffold`` block, as readable sentences.

    The schema (``template.schema.json``) says the block's shape. ``concepts``,
    ``claims`` and ``admin_account`` also have rules it cannot say (which concepts
    the features call for, a verdict or figures, the placeholders), checked here
    in Python: their checkers tell the problems under their key, and the schema's
    findings there are added only when the checker found none.
    """
    found: dict[str, list[str]] = {}
    for problem in validate_schema(meta):
        top = str(problem.path[0]) if problem.path else ""
        found.setdefault(top, []).append(problem.message)
    checkers: dict[str, Callable[[Mapping[str, Any]], list[str]]] = {
        "concepts": concept_problems,
        "claims": claim_problems,
        "admin_account": _admin_account_problems,
    }
    problems = [
        message for top, messages in found.items() if top not in checkers for message in messages
    ]
    for top, checker in checkers.items():
        problems += checker(meta) or found.get(top, [])
    problems += _by_interface_problems(meta)
    if isinstance(meta.get("key"), str) and meta["key"] and meta["key"] != folder.name:
        problems.append(f"'key' is {meta['key']!r} but the folder is named {folder.name!r}.")
    return list(dict.fromkeys(problems))  # once each, in the order found


def _by_interface_problems(meta: Mapping[str, Any]) -> list[str]:
    """``by_interface`` names only interfaces the starter offers; its concepts follow the rules."""
    overrides, offered = meta.get("by_interface"), meta.get("interface")
    if not isinstance(overrides, dict) or not isinstance(offered, dict):
        return []
    problems = [
        f"'by_interface' names {name!r}, which 'interface' does not offer."
        for name in overrides
        if name not in offered
    ]
    for name, own in overrides.items():
        concepts = own.get("concepts") if isinstance(own, dict) else None
        if isinstance(concepts, dict) and isinstance(meta.get("concepts"), dict):
            # Checked as the whole map the view of that interface has.
            merged = {**meta, "concepts": {**meta["concepts"], **concepts}}
            problems += [f"by_interface.{name}: {p}" for p in concept_problems(merged)]
    return problems


ACCOUNT_PLACEHOLDERS = ("package", "username", "password")


def _admin_account_problems(meta: Mapping[str, Any]) -> list[str]:
    """What is wrong with an ``admin_account`` block (None when there is none)."""
    account = meta.get("admin_account")
    if account is None:
        return []
    shape = "'admin_account' must be " + '{"argv": [str, ...], "env": {str: str}}'
    if not isinstance(account, dict):
        return [f"{shape}."]
    problems = []
    unknown = sorted(set(account) - {"argv", "env"})
    if unknown:
        problems.append(f"'admin_account' has unknown keys: {', '.join(unknown)}.")
    argv, env = account.get("argv"), account.get("env", {})
    if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
        problems.append(f"{shape}: 'argv' must be a non-empty list of strings.")
        argv = []
    if not isinstance(env, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in env.items()
    ):
        problems.append(f"{shape}: 'env' must map names to strings.")
        env = {}
    used: set[str] = set()
    for text in [*argv, *env.values()]:
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(text)]
            used.update(name for name in fields if name is not None)
        except ValueError:
            problems.append(f"'admin_account' has a malformed placeholder in {text!r}.")
    unknown = sorted(used - set(ACCOUNT_PLACEHOLDERS))
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in ACCOUNT_PLACEHOLDERS)
        problems.append(
            f"'admin_account' uses unknown placeholders {', '.join(unknown)}; it may use {known}."
        )
    for needed in ("username", "password"):
        if (argv or env) and needed not in used:
            problems.append(f"'admin_account' must pass {{{needed}}} (in 'argv' or 'env').")
    return problems


def _admin_account(account: object) -> AdminAccount | None:
    if not isinstance(account, dict):
        return None
    return AdminAccount(tuple(account["argv"]), dict(account.get("env", {})))


def get(key: str, frameworks: Mapping[str, Framework] | None = None) -> Framework:
    """The framework for ``key`` or one of its aliases, case-insensitively.

    ``KEY:INTERFACE`` (``falcon:asgi``) is the view of a starter served one way only.
    """
    wanted = key.strip().lower()
    if ":" in wanted:
        wanted, _, interface = wanted.partition(":")
        return get(wanted, frameworks).as_interface(interface)
    if frameworks is None:
        # The common case, a key that names its folder, needs no scan of the rest.
        folder = default_templates_dir() / wanted
        if wanted.isidentifier() and (folder / "cookiecutter.json").is_file():
            return load_framework(folder)
        frameworks = discover()
    if wanted in frameworks:
        return frameworks[wanted]
    for framework in frameworks.values():
        if wanted in framework.aliases:
            return framework
    raise UnknownFrameworkError(unknown_framework_message(key, frameworks))


def unknown_framework_message(key: str, frameworks: Mapping[str, Framework]) -> str:
    """A sentence naming the known keys and, when one is close, suggesting it."""
    names = list(frameworks) + [alias for fw in frameworks.values() for alias in fw.aliases]
    import difflib  # only when a key is unknown: it costs every other command nothing

    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    known = ", ".join(frameworks) or "none (no templates were found)"
    return f"Unknown framework {key!r}.{hint} Known frameworks: {known}."
