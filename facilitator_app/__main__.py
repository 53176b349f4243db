"""`python -m facilitator_app` runs the same command line as the `facilitator` script."""

import sys

from facilitator_app.cli import main

sys.exit(main())
