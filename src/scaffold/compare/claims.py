"""The classic "full-stack vs micro" comparison's claims, next to what the starters show.

A template's ``_scaffold.claims`` lists claims about its framework, each in the
template's own words with the evidence behind it: either a ``verdict`` read off
the starter (and the ``file`` that shows it), or the ``figures`` that decide it.
This module holds the rules of the data (the registry calls `validate` when
templates load, so it imports nothing); `view_claims` judges the claims of a
comparison and makes the table every format shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

VERDICTS = ("holds", "partly", "no longer true")
NOT_MEASURED = "not measured"
CLAIM_KEYS = {"claim", "verdict", "evidence", "file", "figures"}
# The batteries a full-stack framework is said to bring, "from the user interface to the database".
STACK = ("database", "forms", "auth", "admin")
CATEGORY_CLAIM = (
    "Micro frameworks suit small applications; full-stack ones bring every tool from the"
    " user interface to the database."
)


@dataclass(frozen=True)
class ClaimRow:
    """One row of the claims table."""

    framework: str  # a framework key, or "all" for the claim about the categories
    claim: str
    verdict: str  # one of VERDICTS, or NOT_MEASURED
    evidence: str
    file: str = ""  # the file of the starter that shows it
    figures: str = ""  # or the figures that decide it

    @property
    def behind(self) -> str:
        """The file or the figures the verdict rests on."""
        return self.file or self.figures


def validate(meta: Mapping[str, Any]) -> list[str]:
    """Every problem with a ``_scaffold`` block's ``claims``, as sentences."""
    claims = meta.get("claims", [])
    if not isinstance(claims, list):
        return ["'claims' must be a list of objects."]
    problems = []
    for number, claim in enumerate(claims, start=1):
        where = f"claim {number}"
        if not isinstance(claim, dict):
            problems.append(f"{where} must be an object.")
            continue
        if set(claim) - CLAIM_KEYS:
            problems.append(f"{where} may hold only {', '.join(sorted(CLAIM_KEYS))}.")
        for key in ("claim", "evidence"):
            if not isinstance(claim.get(key), str) or not claim[key].strip():
                problems.append(f"{where} needs a non-empty '{key}'.")
        figures = claim.get("figures")
        if ("verdict" in claim) == (figures is not None):
            problems.append(f"{where} needs either a 'verdict' or the 'figures' that decide it.")
        elif "verdict" in claim and claim["verdict"] not in VERDICTS:
            problems.append(f"{where}: 'verdict' must be one of {', '.join(VERDICTS)}.")
        elif figures is not None and (
            not isinstance(figures, list)
            or not figures
            or not all(isinstance(figure, str) for figure in figures)
        ):
            problems.append(f"{where}: 'figures' must be a non-empty list of figure keys.")
        if "file" in claim and not isinstance(claim["file"], str):
            problems.append(f"{where}: 'file' must be a path in the generated project.")
    return problems
