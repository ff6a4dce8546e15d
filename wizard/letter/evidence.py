"""Supporting evidence chosen by indication (reference §8), with numbered references.

Findings are stated as the reference states them; [n] markers are numbered in order of first use. The
paragraph supports the request and states the strength of its evidence plainly (the kind of study it rests
on), never arguing against the request.
"""

from __future__ import annotations

from ..core.choices import Condition, Procedure, StimulationMode
from ..core.facts import CaseFacts
from ..core.scoring import block_relief_increasing
from ..core.steps import BLOCK_PROCEDURES

KEMLER_2000 = "Kemler MA, et al. N Engl J Med 2000;343:618-624. doi:10.1056/NEJM200008313430904"
KEMLER_2004 = "Kemler MA, et al. Ann Neurol 2004;55:13-18"
KUMAR_2007 = "Kumar K, et al. (PROCESS). Pain 2007;132:179-188"
NORTH_2005 = "North RB, et al. Neurosurgery 2005;56:98-107"
DEER_2017 = "Deer TR, et al. (ACCURATE). Pain 2017;158:669-681"
KAPURAL_2015 = "Kapural L, et al. (SENZA-RCT). Anesthesiology 2015;123:851-860; 24-month results Neurosurgery 2016;79:667-677"
PETERSEN_2021 = "Petersen EA, et al. (SENZA-PDN). JAMA Neurol 2021;78:687-698"
NACC_2014 = (
    "Deer TR, et al. Neuromodulation Appropriateness Consensus Committee. Neuromodulation 2014;17:515-550"
)
NACC_2024 = (
    "Deer TR, et al. Neuromodulation Appropriateness Consensus Committee. Neuromodulation 2024;27:951-976"
)
HARDEN_2022 = "Harden RN, et al. CRPS practical diagnostic and treatment guidelines, 5th edition. Pain Med 2022;23(S1):S1-S53. doi:10.1093/pm/pnac046"
HARDEN_2010 = "Harden RN, et al. Validation of proposed diagnostic criteria (the “Budapest Criteria”) for CRPS. Pain 2010;150:268-274"
CRPS_ALGORITHM = (
    "Interdisciplinary CRPS treatment algorithm. In: Pain Management, chapter 47 (AccessAnesthesiology)"
)
SHANTHANNA_2023 = "Shanthanna H, et al. Patient selection and trial stimulation: ASRA consensus. Reg Anesth Pain Med 2023;48:273-287"

CRPS = (Condition.CRPS_1, Condition.CRPS_2)
DRG = (Procedure.DRG_TRIAL, Procedure.DRG_PERMANENT)


BUDAPEST_VALIDATION = (
    "The diagnosis rests on the Budapest criteria, whose clinical version identified CRPS with a sensitivity of "
    "0.99 and a specificity of 0.68 in their validation study",
    (HARDEN_2010,),
)


def crps_scs() -> list[tuple[str, tuple[str, ...]]]:
    """Return sentences and their sources for SCS in CRPS."""
    return [
        BUDAPEST_VALIDATION,
        (
            "In a randomized trial of 54 patients with CRPS of at least 6 months, spinal cord stimulation with physical "
            "therapy reduced pain more than physical therapy alone at 6 months (VAS −2.4 cm vs +0.2 cm), and 39% vs 6% "
            "of patients rated themselves much improved",
            (KEMLER_2000,),
        ),
        ("The difference in pain persisted at 2 years", (KEMLER_2004,)),
        (
            "The CRPS treatment guidelines place interventions, including stimulation, within interdisciplinary, "
            "function-focused care to enable rehabilitation",
            (HARDEN_2022,),
        ),
    ]


def fbss_scs(facts: CaseFacts) -> list[tuple[str, tuple[str, ...]]]:
    """Return sentences and their sources for SCS in failed back surgery syndrome."""
    found = [
        (
            "In the PROCESS trial of 100 patients with failed back surgery syndrome and predominantly radicular leg pain, "
            "48% of patients given spinal cord stimulation had at least 50% leg-pain relief at 6 months, against 9% "
            "with conventional medical management alone",
            (KUMAR_2007,),
        ),
        (
            "In patients selected for repeat surgery, stimulation succeeded more often than reoperation (9 of 19 vs "
            "3 of 26) and fewer patients crossed over from it",
            (NORTH_2005,),
        ),
    ]
    if facts.request.stimulation_mode == StimulationMode.HIGH_FREQUENCY:
        found.append(
            (
                "With 10 kHz stimulation, 83.1% of patients were leg-pain responders at 3 months against 55.5% with "
                "low-frequency stimulation, and the difference was sustained at 24 months",
                (KAPURAL_2015,),
            )
        )
    return found


def drg_crps() -> list[tuple[str, tuple[str, ...]]]:
    """Return sentences and their sources for DRG stimulation in CRPS."""
    return [
        BUDAPEST_VALIDATION,
        (
            "In the ACCURATE trial of 152 patients with CRPS I or II (causalgia) of the lower extremities, 81.2% of "
            "patients treated with dorsal root ganglion stimulation met the success endpoint (at least 50% relief "
            "without neurological deficit) at 3 months against 55.7% with tonic spinal cord stimulation, and the "
            "difference was maintained at 12 months",
            (DEER_2017,),
        ),
        (
            "The 2024 consensus addresses salvage therapy, such as DRG stimulation after failed SCS",
            (NACC_2024,),
        ),
        ("The 5th-edition CRPS guidelines note DRG stimulation as a notable recent advance", (HARDEN_2022,)),
    ]


def diabetic_neuropathy() -> list[tuple[str, tuple[str, ...]]]:
    """Return sentences and their sources for SCS in painful diabetic neuropathy."""
    return [
        (
            "In a randomized trial of 216 patients with refractory painful diabetic neuropathy, 79% responded to 10 kHz "
            "stimulation with medical management at 6 months against 5% with medical management alone, without "
            "neurological worsening",
            (PETERSEN_2021,),
        )
    ]


def blocks(facts: CaseFacts) -> list[tuple[str, tuple[str, ...]]]:
    """Return sentences and their sources for serial sympathetic blocks in CRPS."""
    found = [
        (
            "The CRPS guidelines use interventions such as sympathetic blocks to enable rehabilitation within "
            "interdisciplinary care",
            (HARDEN_2022,),
        ),
        (
            "The interdisciplinary CRPS treatment algorithm, a clinical-practice recommendation rather than a "
            "controlled-trial finding, continues sympathetic blocks while each block's relief is sustained and "
            "lengthens, and otherwise moves to a stimulator trial",
            (CRPS_ALGORITHM,),
        ),
    ]
    if block_relief_increasing(facts.blocks.blocks):
        found.append(("This patient's documented relief has lengthened with each block", ()))
    return found


def general_stimulation() -> list[tuple[str, tuple[str, ...]]]:
    """Return sentences and their sources for stimulation in other neuropathic pain or replacement."""
    return [
        (
            "Consensus guidance supports spinal cord stimulation for appropriately selected patients with chronic "
            "neuropathic pain refractory to other treatment",
            (NACC_2014,),
        ),
        ("Patient selection and trial stimulation follow the 2023 consensus", (SHANTHANNA_2023,)),
    ]


def evidence_for(facts: CaseFacts) -> list[tuple[str, tuple[str, ...]]]:
    """Return the evidence sentences that fit this request and indication."""
    procedure, condition = facts.request.procedure, facts.diagnosis.condition
    if procedure in BLOCK_PROCEDURES:
        return blocks(facts) if condition in CRPS else []
    if procedure in DRG and condition in CRPS:
        return drg_crps()
    if condition in CRPS:
        return crps_scs()
    if condition == Condition.FBSS:
        return fbss_scs(facts)
    if condition == Condition.DIABETIC_NEUROPATHY:
        return diabetic_neuropathy()
    return general_stimulation() if procedure is not None else []


def evidence_paragraph(facts: CaseFacts) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the evidence sentences with [n] markers, and the numbered references they cite."""
    references: list[str] = []
    sentences = []
    for text, sources in evidence_for(facts):
        numbers = []
        for source in sources:
            if source not in references:
                references.append(source)
            numbers.append(str(references.index(source) + 1))
        marker = f" [{', '.join(numbers)}]" if numbers else ""
        sentences.append(f"{text}{marker}.")
    return tuple(sentences), tuple(references)
