"""The code reference page: every code the app can produce, from the table the coder itself reads."""

from django.shortcuts import render

from ..access import membership_of
from ..core.code_reference import CODE_REFERENCE
from ..core.icd10 import CRPS1_CODES, CRPS2_CODES, DIABETIC_POLYNEUROPATHY, RADICULOPATHY_CODES


def diagnosis_codes() -> list[tuple[str, str]]:
    """Return the ICD-10-CM codes the coder chooses from, with what in the case selects each."""
    rows = [("G90.50", "CRPS I without a documented limb")]
    rows += [
        (code, f"CRPS I, {limb.label.lower()}, {side.label.lower()}")
        for (limb, side), code in CRPS1_CODES.items()
    ]
    rows += [
        (code, f"CRPS II (causalgia), {limb.label.lower()}, {side.label.lower()}")
        for (limb, side), code in CRPS2_CODES.items()
    ]
    rows.append(("M96.1", "Failed back surgery syndrome"))
    rows += [
        (code, f"FBSS with {region.label.lower()} radiculopathy")
        for region, (code, _) in RADICULOPATHY_CODES.items()
    ]
    rows += [
        (code, f"Painful diabetic neuropathy, {kind.label.lower()}")
        for kind, (code, _) in DIABETIC_POLYNEUROPATHY.items()
    ]
    rows.append(
        ("As typed", "Other neuropathic pain: the ICD-10-CM code the clinician enters, checked for shape")
    )
    return rows


def code_reference(request):
    """Show the procedure, device and diagnosis codes, our descriptors, units and checks; no patient data."""
    membership_of(request)
    entries = CODE_REFERENCE
    return render(
        request,
        "wizard/codes.html",
        {
            "coded": [entry for entry in entries if entry.coded],
            "not_coded": [entry for entry in entries if not entry.coded],
            "diagnoses": diagnosis_codes(),
        },
    )
