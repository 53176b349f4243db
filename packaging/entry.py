"""The bundle's entry point: the same `main` as the `facilitator` script and `python -m`."""

import sys

from facilitator_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
