"""The claims table of a comparison: each claim next to what the starters show.

A figure claim is judged against the other starters compared: it holds when the
framework is in the better half on every figure, partly when on some, and is no
longer true when on none. A figure that was not measured is said to be missing,
never guessed. One more claim, about the two categories, is judged from the
batteries every compared template declares.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .claims import CATEGORY_CLAIM, NOT_MEASURED, STACK, ClaimRow
from .core import Comparison, Entry
from .view import FIGURES, Figure


def rows(comparison: Comparison) -> list[ClaimRow]:
    """The claims table of a comparison: each framework's claims, then the categories'."""
    table = [
        _row(claim, entry, comparison)
        for entry in comparison.entries
        for claim in entry.skeleton.claims
    ]
    category = _category_row(comparison)
    if category is not None:
        table.append(category)
    return table


def _row(claim: Mapping[str, Any], entry: Entry, comparison: Comparison) -> ClaimRow:
    key = entry.skeleton.key
    if "figures" not in claim:
        file = str(claim.get("file", ""))
        return ClaimRow(key, claim["claim"], claim["verdict"], claim["evidence"], file=file)
    verdict, behind = judge(claim["figures"], entry, comparison)
    return ClaimRow(key, claim["claim"], verdict, claim["evidence"], figures=behind)


def judge(keys: list[str], entry: Entry, comparison: Comparison) -> tuple[str, str]:
    """The verdict of the figures ``keys`` for ``entry`` among the compared, and why."""
    by_key = {figure.key: figure for figure in FIGURES}
    shown, missing, good = [], [], 0
    for key in keys:
        figure = by_key[key]
        value = figure.value(entry)
        if value is None:
            missing.append(figure.label)
            continue
        rank, out_of = _rank(figure, value, comparison)
        if rank <= (out_of + 1) // 2:
            good += 1
        better = "higher" if figure.better == "higher" else "lower"
        shown.append(
            f"{figure.label} {_show(figure, value)}: {rank} of {out_of} ({better} is better)"
        )
    if missing:
        shown.insert(0, f"{', '.join(missing)}: not measured; run scaffold compare --measure")
        return NOT_MEASURED, "; ".join(shown)
    if len(comparison.entries) < 2:
        return NOT_MEASURED, "; ".join([*shown, "compare it with other starters to judge"])
    verdict = "holds" if good == len(keys) else "partly" if good else "no longer true"
    return verdict, "; ".join(shown)


def _rank(figure: Figure, value: float, comparison: Comparison) -> tuple[int, int]:
    """1 for the best among the compared starters that have this figure, and how many have it."""
    values = [v for v in (figure.value(e) for e in comparison.entries) if v is not None]
    if figure.better == "higher":
        ahead = sum(1 for v in values if v > value)
    else:
        ahead = sum(1 for v in values if v < value)
    return ahead + 1, len(values)


def _show(figure: Figure, value: float) -> str:
    return f"{value:,.{figure.digits}f}"


def _category_row(comparison: Comparison) -> ClaimRow | None:
    """The claim about the categories, judged from the batteries the compared starters declare."""
    groups: dict[str, list[Entry]] = {"full-stack": [], "micro": []}
    for entry in comparison.entries:
        groups.setdefault(entry.skeleton.category, []).append(entry)
    full, micro = groups["full-stack"], groups["micro"]
    if not full or not micro:
        return None
    lacking = {
        name: [e.skeleton.key for e in full if not e.skeleton.batteries.get(name)] for name in STACK
    }
    micro_with = sorted({n for e in micro for n in STACK if e.skeleton.batteries.get(n)})
    parts = []
    for name in STACK:
        has = len(full) - len(lacking[name])
        gaps = f" ({', '.join(lacking[name])} without)" if lacking[name] else ""
        parts.append(f"{name} {has} of {len(full)}{gaps}")
    evidence = f"Full-stack starters bring: {'; '.join(parts)}. " + (
        f"Micro starters add {', '.join(micro_with)}."
        if micro_with
        else "Micro starters bring none of these."
    )
    verdict = "holds" if not any(lacking.values()) and not micro_with else "partly"
    from statistics import median

    code = {
        category: median(e.skeleton.python_code_lines for e in group)
        for category, group in (("micro", micro), ("full-stack", full))
    }
    behind = (
        f"batteries in each template's metadata; py code (median): micro {code['micro']:,.0f},"
        f" full-stack {code['full-stack']:,.0f}"
    )
    return ClaimRow("all", CATEGORY_CLAIM, verdict, evidence, figures=behind)
