"""Which steps a request needs."""

import pytest

from wizard.core.choices import Procedure as P
from wizard.core.steps import STEPS, applicable_steps

COMMON = ["request", "patient", "diagnosis", "therapy", "baselines", "safety", "decision", "review"]


def without(*names):
    return [s for s in STEPS if s not in names]


@pytest.mark.parametrize(
    ("procedure", "existing", "steps"),
    [
        (P.SCS_TRIAL, False, without("trial", "device", "blocks")),
        (P.SCS_PERMANENT, False, without("device", "blocks")),
        (P.SCS_PERMANENT, True, without("blocks")),
        (P.SCS_REPLACEMENT, None, without("trial", "blocks")),
        (P.DRG_TRIAL, True, without("trial", "blocks")),
        (P.DRG_TRIAL, None, without("trial", "device", "blocks")),
        (P.DRG_PERMANENT, False, without("device", "blocks")),
        (P.LUMBAR_SYMPATHETIC_BLOCK, True, without("psych", "trial", "device")),
        (P.STELLATE_GANGLION_BLOCK, None, without("psych", "trial", "device")),
        (None, None, without("trial", "device", "blocks")),
    ],
)
def test_applicable_steps_by_request(procedure, existing, steps):
    assert applicable_steps(procedure, existing) == steps


def test_every_request_keeps_the_common_steps_in_order():
    for procedure in P:
        steps = applicable_steps(procedure, True)
        assert [s for s in steps if s in COMMON] == COMMON
