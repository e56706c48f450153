"""``python -m scaffold``: the same command line as ``scaffold``."""

from scaffold.cli import main

if __name__ == "__main__":
    main()
