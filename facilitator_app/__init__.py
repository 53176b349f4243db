"""Postmortem Facilitator: the Qt-free core (domain model, meeting engine, imports, exports)."""

import time as _time

__version__ = "0.2.0"

# When this process started running our code: `--smoke` reports the first paint against it.
STARTED_AT = _time.perf_counter()
