"""Suite-wide settings: Hypothesis without per-example deadlines.

The machines that run the suite are shared and noisy; a deadline there fails a test for
the machine's load, not for the code. Speed is measured by the benchmarks in ``bench/``.
"""

from hypothesis import settings

settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")
