"""Every procedure and device code the app knows: our descriptor, which request uses it, units and checks.

One table, read by coding (descriptors) and by the code reference page, so the page cannot drift from what
the coder emits. Descriptors are our own paraphrases, never the AMA's CPT text (reference 7). A code the
app cannot choose from today's facts says what fact it needs instead of being guessed (seed 004).
"""

from __future__ import annotations

from dataclasses import dataclass

from .coding_checks import (
    MEDICARE_MAX_CONTACTS,
    MEDICARE_MAX_LEADS,
    MEDICARE_MAX_TRIALS_PER_REGION,
    PALMETTO_63650_LIFETIME_UNITS,
    PALMETTO_PROGRAMMING_INTERVAL_DAYS,
)

CPT, HCPCS = "CPT", "HCPCS"

MEDICARE_LEADS = (
    f"Medicare and Humana MA: at most {MEDICARE_MAX_LEADS} leads or {MEDICARE_MAX_CONTACTS} contacts, "
    f"and {MEDICARE_MAX_TRIALS_PER_REGION} trials per spinal region per lifetime (error)"
)
MEDICARE_PLACE = (
    "Medicare and Humana MA: a permanent generator only in an ASC or a hospital (error in the office)"
)
DEVICE_PAYMENT = "Medicare and Humana MA: facilities report devices with C-codes or packaging (note)"
DRG_CODE_SET = "DRG stimulation: borrows the spinal codes; confirm the code set with the payer (warning)"
PROGRAMMING_AT_IMPLANT = (
    "Programming at implant is not coded: the app notes 95971/95972 to add by hand (note)"
)
PALMETTO_NO_OFFICE = "Palmetto (JJ, JM): not paid in the office, included in 63650 (error)"
RECHARGER_NOTE = "L8689 is never a line of this request; noted when the generator is rechargeable (note)"


@dataclass(frozen=True)
class CodeEntry:
    """One code: our descriptor, the requests that use it, its units rule, the checks and what it needs."""

    code: str
    system: str
    description: str
    requests: str
    units: str
    checks: tuple[str, ...]
    source: str
    needs: str = ""

    @property
    def coded(self) -> bool:
        """Return whether the coder can emit this code from today's facts."""
        return not self.needs


CODE_REFERENCE = (
    CodeEntry(
        "63650",
        CPT,
        "Percutaneous epidural neurostimulator lead placement, one unit per lead",
        "SCS and DRG trials; permanent implants with percutaneous leads (DRG defaults to these)",
        "One unit per lead (electrode array); the number of leads is required",
        (
            "Several leads: one line with units or one line per lead with 59/XS, by payer (note); "
            "Humana MA wants one line per lead (note)",
            MEDICARE_LEADS,
            f"Palmetto (JJ, JM): at most {PALMETTO_63650_LIFETIME_UNITS} units per lifetime (note)",
            "Medicare hospital outpatient: prior authorization, tracking number on the claim (note)",
            DRG_CODE_SET,
        ),
        "CPT-ASSIST-2011; AAPC-NEURO; MCD-A56876; NGS-PA",
    ),
    CodeEntry(
        "63655",
        CPT,
        "Paddle neurostimulator lead placed in the epidural space through a laminectomy",
        "Permanent SCS implant with a paddle lead",
        "One unit",
        (
            "Medicare billing articles A57792 and A56876: once per lifetime (note)",
            MEDICARE_PLACE,
        ),
        "PRECERTLY; MCD-A56876",
    ),
    CodeEntry(
        "63661",
        CPT,
        "Removal of percutaneous spinal neurostimulator leads",
        "Lead removal or explant (trial leads removed in an operating room)",
        "One unit",
        (PALMETTO_NO_OFFICE,),
        "MCD-A56876; IFRAME-*",
        needs="a removal request: what is removed (percutaneous leads) is not a replacement/revision choice",
    ),
    CodeEntry(
        "63662",
        CPT,
        "Removal of paddle spinal neurostimulator leads placed through a laminotomy or laminectomy",
        "Paddle lead explant",
        "One unit",
        (),
        "CODINGAHEAD-*",
        needs="a removal request: removing a paddle lead is not a replacement/revision choice",
    ),
    CodeEntry(
        "63663",
        CPT,
        "Revision or replacement of percutaneous spinal neurostimulator leads",
        "Replacement/revision: percutaneous lead revision",
        "One unit",
        (PALMETTO_NO_OFFICE, RECHARGER_NOTE),
        "CODINGAHEAD-*; MCD-A56876",
    ),
    CodeEntry(
        "63664",
        CPT,
        "Revision or replacement of paddle spinal neurostimulator leads",
        "Replacement/revision: paddle lead revision",
        "One unit",
        (RECHARGER_NOTE,),
        "CODINGAHEAD-*",
    ),
    CodeEntry(
        "63685",
        CPT,
        "Placement or replacement of a spinal neurostimulator generator, with pocket and connection",
        "Permanent SCS and DRG implants; replacement/revision: generator replacement",
        "One unit per generator",
        (MEDICARE_PLACE, DEVICE_PAYMENT, PROGRAMMING_AT_IMPLANT, DRG_CODE_SET),
        "CPT-ASSIST-2011; PRECERTLY",
    ),
    CodeEntry(
        "63688",
        CPT,
        "Revision or removal of a spinal neurostimulator generator",
        "Replacement/revision: generator revision or removal",
        "One unit",
        (RECHARGER_NOTE,),
        "CODINGAHEAD-*",
    ),
    CodeEntry(
        "64510",
        CPT,
        "Anesthetic block of the stellate ganglion (cervical sympathetic chain)",
        "Stellate ganglion block",
        "One unit; RT or LT by side, 50 when bilateral",
        (
            "Side not documented: no modifier can be chosen (error)",
            "Block side and diagnosis side disagree (warning)",
            "Bilateral: some payers want two lines, RT and LT (note)",
            "Fluoroscopy 77003: separately reportable under 2010 guidance, UNCONFIRMED (note)",
        ),
        "BECKERS; AAPC-RAD; IFRAME-64510",
    ),
    CodeEntry(
        "64520",
        CPT,
        "Anesthetic block of the lumbar or thoracic sympathetic chain, one unit per level",
        "Lumbar sympathetic block",
        "One unit per thoracic or lumbar level injected; RT or LT by side, 50 when bilateral",
        (
            "Levels that are not single thoracic or lumbar levels are not counted (warning, error if none)",
            "Side not documented: no modifier can be chosen (error)",
            "Block side and diagnosis side disagree (warning)",
            "Bilateral: some payers want two lines, RT and LT (note)",
            "Fluoroscopy 77003: separately reportable under 2010 guidance, UNCONFIRMED (note)",
        ),
        "MDSTRATEGIES; BECKERS; IFRAME-64520",
    ),
    CodeEntry(
        "95970",
        CPT,
        "Electronic analysis of an implanted neurostimulator generator, without programming",
        "Follow-up interrogation (not at implant)",
        "One unit per session",
        (
            f"Palmetto (JJ, JM): 95970-95972 at most once every {PALMETTO_PROGRAMMING_INTERVAL_DAYS} days "
            "after the first month",
        ),
        "MCD-A56876; IFRAME-*",
        needs="an analysis or programming session (its date) recorded on the request",
    ),
    CodeEntry(
        "95971",
        CPT,
        "Electronic analysis with simple spinal or peripheral neurostimulator programming",
        "Follow-up reprogramming; programming at implant when simple",
        "One unit per session",
        (
            "Simple means up to 3 parameters adjusted per secondary references: UNCONFIRMED",
            f"Palmetto (JJ, JM): 95970-95972 at most once every {PALMETTO_PROGRAMMING_INTERVAL_DAYS} days "
            "after the first month",
        ),
        "CODINGAHEAD-95971; IFRAME-95971; MCD-A56876",
        needs="a programming session and the number of parameters adjusted",
    ),
    CodeEntry(
        "95972",
        CPT,
        "Electronic analysis with complex spinal or peripheral neurostimulator programming",
        "Programming at implant (reported beside 63685); complex reprogramming",
        "One unit per session",
        (
            "Complex means more than 3 parameters adjusted per secondary references: UNCONFIRMED",
            f"Palmetto (JJ, JM): 95970-95972 at most once every {PALMETTO_PROGRAMMING_INTERVAL_DAYS} days "
            "after the first month",
        ),
        "CPT-ASSIST-2011; CODINGAHEAD-95971; MCD-A56876",
        needs="a programming session and the number of parameters adjusted",
    ),
    CodeEntry(
        "0784T",
        CPT,
        "Placement or replacement of a percutaneous spinal lead with an integrated neurostimulator",
        "Integrated (leadless generator) spinal systems",
        "One unit",
        (),
        "CODINGAHEAD-0784T; IFRAME-*",
        needs="a lead type for integrated spinal neurostimulators (no separate generator)",
    ),
    CodeEntry(
        "0785T",
        CPT,
        "Revision or removal of a percutaneous spinal lead with an integrated neurostimulator",
        "Integrated spinal systems: revision or removal",
        "One unit",
        (),
        "OPENPAYER; IFRAME-*",
        needs="a lead type for integrated spinal neurostimulators and a revision/removal choice for them",
    ),
    CodeEntry(
        "0786T",
        CPT,
        "Placement or replacement of a sacral percutaneous lead with an integrated neurostimulator",
        "None: sacral (urology) stimulation is outside this app's requests",
        "One unit",
        (),
        "OPENPAYER-0786T; IFRAME-*",
        needs="a sacral stimulation request, which this app does not offer",
    ),
    CodeEntry(
        "0787T",
        CPT,
        "Revision or removal of a sacral percutaneous lead with an integrated neurostimulator",
        "None: sacral (urology) stimulation is outside this app's requests",
        "One unit",
        (),
        "OPENPAYER-0787T; IFRAME-*",
        needs="a sacral stimulation request, which this app does not offer",
    ),
    CodeEntry(
        "L8680",
        HCPCS,
        "Implantable neurostimulator lead with any number of contacts, each",
        "Permanent SCS and DRG implants",
        "One unit per lead as the current descriptor reads; some payers still count contacts (note)",
        ("Per-contact payers: the note gives the contact count to use",),
        "AAPC-L8680",
    ),
    *(
        CodeEntry(
            code,
            HCPCS,
            f"Implantable neurostimulator generator, {array} array, {charging}, with extension",
            "Permanent SCS and DRG implants; replacement/revision: generator replacement",
            "One unit; dual array from 2 leads; needs whether the generator is rechargeable",
            (DEVICE_PAYMENT,),
            "IFRAME-L8685; IFRAME-L8686; IFRAME-L8687; HCPCS-CODES-L8689",
        )
        for code, array, charging in (
            ("L8685", "single", "rechargeable"),
            ("L8686", "single", "non-rechargeable"),
            ("L8687", "dual", "rechargeable"),
            ("L8688", "dual", "non-rechargeable"),
        )
    ),
    CodeEntry(
        "L8689",
        HCPCS,
        "External recharger for an implanted neurostimulator battery, replacement only",
        "None: billed only when the recharger itself is replaced",
        "Never a line of these requests",
        (RECHARGER_NOTE,),
        "HCPCS-CODES-L8689",
        needs="a recharger replacement, which is not a procedure this app writes letters for",
    ),
)
CODES = {entry.code: entry for entry in CODE_REFERENCE}
DESCRIPTIONS = {entry.code: entry.description for entry in CODE_REFERENCE}
CODED = frozenset(entry.code for entry in CODE_REFERENCE if entry.coded)
