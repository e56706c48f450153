"""Check the answers before cookiecutter writes a single file.

Cookiecutter renders this file with Jinja, then runs it; exiting non-zero stops
generation and cookiecutter removes the half-made project.
"""

import keyword
import re
import sys

PACKAGE = "{{ cookiecutter.package_name }}"
# Import names of the framework and its main dependencies: a package with one
# of these names would shadow the library it needs.
RESERVED = set("{{ cookiecutter._scaffold.reserved_names | join(' ') }}".split())

problems = []
if not re.fullmatch(r"[a-z_][a-z0-9_]*", PACKAGE):
    problems.append(
        f"{PACKAGE!r} is not a valid package name: use lowercase letters, digits and underscores,"
        " starting with a letter."
    )
elif keyword.iskeyword(PACKAGE):
    problems.append(f"{PACKAGE!r} is a Python keyword and cannot name a package.")
elif PACKAGE in sys.stdlib_module_names or PACKAGE in RESERVED or PACKAGE == "tests":
    problems.append(
        f"{PACKAGE!r} would shadow the module of the same name; try {PACKAGE + '_app'!r}."
    )

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
