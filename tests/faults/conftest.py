"""Fuzzing settings: seeded, so a failure can be run again, and sized by environment.

VERNELOGG_FUZZ_EXAMPLES=5000 make test     # more cases per target than CI's default
VERNELOGG_FUZZ_SEED=7 ...                  # another seed (printed in the header)
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_SEED = int(os.environ.get("VERNELOGG_FUZZ_SEED", "2026"))
FUZZ_EXAMPLES = int(os.environ.get("VERNELOGG_FUZZ_EXAMPLES", "400"))

settings.register_profile(
    "vernelogg-fuzz",
    max_examples=FUZZ_EXAMPLES,
    deadline=None,  # machines are noisy; the per-test timeout still holds
    database=None,  # nothing kept between runs: the seed alone decides the cases
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def pytest_report_header(config):
    return f"fuzzing: seed {FUZZ_SEED} (VERNELOGG_FUZZ_SEED), {FUZZ_EXAMPLES} cases per target"
