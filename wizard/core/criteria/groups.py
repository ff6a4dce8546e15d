"""Which requests a criterion applies to."""

from __future__ import annotations

from ..choices import Procedure
from ..steps import BLOCK_PROCEDURES, PERMANENT_PROCEDURES, TRIAL_PROCEDURES

TRIALS = frozenset(TRIAL_PROCEDURES)
PERMANENT = frozenset(PERMANENT_PROCEDURES)
NEW_STIMULATORS = TRIALS | PERMANENT
REPLACEMENT = frozenset({Procedure.SCS_REPLACEMENT})
ALL_STIMULATORS = NEW_STIMULATORS | REPLACEMENT
DRG = frozenset({Procedure.DRG_TRIAL, Procedure.DRG_PERMANENT})
BLOCKS = frozenset(BLOCK_PROCEDURES)
EVERY_REQUEST = ALL_STIMULATORS | BLOCKS
