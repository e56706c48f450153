"""Compare frameworks side by side, from their generated skeletons.

- `core`: `compare()`, which generates and examines each skeleton (and measures it);
- `skeleton` and `routes`: the static figures and each contract route's code;
- `measure` and `measure_child`: installing a skeleton and measuring it in fresh processes;
- `view`: the figures and cells every format shows; `formats`: one renderer per format.

This package's ``__init__`` imports nothing, so naming the formats stays cheap.
"""
