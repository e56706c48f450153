"""Check the answers before cookiecutter writes a single file.

Cookiecutter renders this file with Jinja, then runs it; exiting non-zero stops
generation and cookiecutter removes the half-made project.
"""

import keyword
import re
import sys
import unicodedata

PACKAGE = "{{ cookiecutter.package_name }}"
# The answers are written into Python and TOML strings: keep them plain text.
TEXTS = {
    "project_name": {{ cookiecutter.project_name | tojson }},
    "description": {{ cookiecutter.description | tojson }},
    "author": {{ cookiecutter.author | tojson }},
}
# Names the generated project itself uses at its root or for its tests.
PROJECT_NAMES = {"tests", "test", "wsgi", "asgi", "conftest", "manage", "scaffold"}
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
elif PACKAGE in sys.stdlib_module_names or PACKAGE in RESERVED or PACKAGE in PROJECT_NAMES:
    problems.append(
        f"{PACKAGE!r} would shadow the module of the same name; try {PACKAGE + '_app'!r}."
    )

# The same rules as scaffold's own (names.check_answer_value): every file stays valid
# for its format (TOML, YAML, Python, INI, HTML) whatever the answers are.
REFUSED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, format, separators...
for key, value in TEXTS.items():
    if len(value) > 200:
        problems.append(f"{key} is longer than 200 characters.")
    refused = [ch for ch in value if ch in '"\\' or unicodedata.category(ch) in REFUSED]
    if refused:
        problems.append(
            f"{key} must not contain quotes, backslashes, control characters or line separators."
        )

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
