"""How many random runs the service-level hypothesis tests make.

By default (every test run, CI) they replay the same 25 derandomized examples: main stays
reproducible. `KWS_RANDOM_RUNS=1 python3 dev.py test tests/reliability` (the nightly workflow)
draws new examples each time, many more of them, to find what the fixed ones never try; a
failure prints the example to add as a fixed case."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

RANDOM = os.environ.get("KWS_RANDOM_RUNS", "") not in ("", "0")

settings.register_profile("service-runs", max_examples=25, derandomize=True, deadline=None,
                          database=None, suppress_health_check=list(HealthCheck))
settings.register_profile("service-runs-random", max_examples=300, derandomize=False,
                          deadline=None, database=None, suppress_health_check=list(HealthCheck))


def service_runs(**overrides) -> settings:
    """The settings for one service-level hypothesis test (overrides such as step counts)."""
    return settings(settings.get_profile("service-runs-random" if RANDOM else "service-runs"),
                    **overrides)
