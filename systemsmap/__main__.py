"""``python -m systemsmap``: the command line (see :mod:`systemsmap.cli`)."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
