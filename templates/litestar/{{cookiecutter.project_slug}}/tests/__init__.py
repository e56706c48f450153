"""The tests: run them with `pytest`."""
