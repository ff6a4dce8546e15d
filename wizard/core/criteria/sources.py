"""The documents criteria cite, as in ../shared/domain/reference.md: tag, title, URL, effective date.

A criterion copies one of these with its own section (`cite(SOURCE, "section")`). Confidence follows
the reference: SECONDARY and UNCONFIRMED items are shown as "verify with payer" and never block.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..rules import Citation, Confidence

PRIMARY, SECONDARY, UNCONFIRMED = Confidence.PRIMARY, Confidence.SECONDARY, Confidence.UNCONFIRMED


def cite(source: Citation, section: str, confidence: Confidence | None = None) -> Citation:
    """Return the source's citation pointing at one section, optionally with a lower confidence."""
    return replace(source, section=section, confidence=confidence or source.confidence)


NCD_160_7 = Citation(
    "NCD160.7",
    "CMS NCD 160.7 Electrical Nerve Stimulators",
    "",
    "https://www.cms.gov/medicare-coverage-database/view/ncd.aspx?ncdid=240&ncdver=1",
    date(1995, 8, 7),
)
L36204 = Citation(
    "MCD-L36204",
    "CMS LCD L36204 Spinal Cord Stimulators for Chronic Pain (Noridian JF), v23",
    "",
    "https://www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=36204&ver=23",
    date(2019, 12, 1),
)
L35136 = Citation(
    "HUMANA-MA",
    "CMS LCD L35136 Spinal Cord Stimulators for Chronic Pain (Noridian JE) — text not retrieved",
    "",
    "https://www.cms.gov/medicare-coverage-database/",
    None,
    UNCONFIRMED,
    undated_reason="the LCD's text was not retrieved, so its effective date is not on file",
)
A56876 = Citation(
    "MCD-A56876",
    "CMS Article A56876 Billing and Coding: Spinal Cord Stimulators (Palmetto GBA)",
    "Utilization limits",
    "https://www.cms.gov/medicare-coverage-database/view/article.aspx?articleId=56876",
    None,
    undated_reason="the billing article's revision date was not retrieved with its text",
)
PALMETTO_CHECKLIST = Citation(
    "PALMETTO-CHECKLIST",
    "Palmetto GBA Spinal Cord Stimulator Checklist",
    "",
    "https://www.palmettogba.com/palmetto/jma.nsf/DID/SET49QZSGO",
    date(2021, 6, 4),
)
OPD_PA = Citation(
    "NGS-PA",
    "Medicare OPD prior authorization, implanted spinal neurostimulators (NGS, Noridian and CGS lists)",
    "Documentation for permanent placement",
    "https://ngsmedicare.com/web/ngs/search-details?selectedArticleId=2893707",
    date(2021, 7, 1),
)
CGS_PA = Citation(
    "CGS-PA",
    "CGS Spinal Neurostimulators — OPD Prior Authorization",
    "Physician documentation",
    "https://www.cgsmedicare.com/parta/pa/subs/isn.html",
    None,
    undated_reason="the CGS page gives no effective date for its documentation list",
)
CMS_LCD_BACKGROUND = Citation(
    "GENHEALTH-CMS",
    "CMS SCS LCD background text (mirror of the 2021-05-13 revision)",
    "Replacement",
    "https://genhealth.ai/policy/cms/0c2b1402-spinal-cord-stimulators-for-chronic-pain",
    date(2021, 5, 13),
)
AETNA_0194 = Citation(
    "D3RX-0194",
    "Aetna CPB 0194 Spinal Cord Stimulation (version effective 2026-01-01, as summarised)",
    "",
    "https://d3rx.com/coverage/aetna/spinal-cord-stimulation-dorsal-column-stimulation-cpb-0194",
    date(2026, 1, 1),
)
AETNA_0194_SUMMARY = Citation(
    "VERITY-AETNA",
    "Aetna CPB 0194 Spinal Cord Stimulation (policy summary)",
    "",
    "https://verity.backworkai.com/policy/AETNA-CPB-0194",
    date(2026, 1, 1),
    SECONDARY,
)
AETNA_0447 = Citation(
    "AETNA-0447",
    "Aetna CPB 0447 Complex Regional Pain Syndrome (CRPS/RSD): Treatments (modified 2026-02-25)",
    "Sympathetic blocks",
    "https://d3rx.com/coverage/aetna/crps-rsd-treatments-cpb-0447",
    date(2026, 2, 25),
)
AETNA_0447_2018 = Citation(
    "AETNA-0447-2018",
    "Aetna CPB 0447 revision of 2018-04-26 (PA panel submission)",
    "Dorsal root ganglion stimulation",
    "https://5y1.org/info/treatments-for-crps_1_7c1190.html",
    date(2018, 4, 26),
    SECONDARY,
)
CMM_211 = Citation(
    "CIGNA-CMM211",
    "eviCore CMM-211 Spinal Cord and Dorsal Root Ganglion Stimulation (Cigna)",
    "",
    "https://docslib.org/download/4023773/cigna-cmm-211-spinal-cord-stimulators",
    date(2020, 8, 15),
)
CMM_211_SUMMARY = Citation(
    "VERITY-EVICORE",
    "eviCore CMM-211 (current version, as summarised)",
    "",
    "https://verity.backworkai.com/policy/EVICORE-MSK_ADVANCED-8CA51003",
    None,
    undated_reason="the summary site gives no effective date for the current version",
)
BCBSA_70125 = Citation(
    "BCBSND",
    "BCBSA policy 7.01.25 Spinal Cord and Dorsal Root Ganglion Stimulation (as adopted, e.g. BCBS ND)",
    "",
    "https://www.bcbsnd.com/providers/policies-precertification/medical-policy/s/spinal-cord-and-dorsal-root-ganglion-stimulation",
    None,
    undated_reason="the adopting plan's page gives no effective date; each Blue plan dates its own adoption",
)
# BCBS Minnesota adopts 7.01.25 as IV-74 and tightens it from 2026-09-07 (updates U2, policy-change notice
# POLICYCHANGES-31872, SECONDARY): the notice is cited under the plan's policy tag in the source index.
BCBS_MINNESOTA_2026 = Citation(
    "BCBSMN",
    "Blue Cross and Blue Shield of Minnesota policy IV-74 (BCBSA 7.01.25 as adopted), tightened from "
    "2026-09-07 (policy-change notice POLICYCHANGES-31872, as summarised)",
    "",
    "https://securecms.bluecrossmnonline.com/content/medpolicy/en/minnesota/core/all/policies/Surgery/IV-74/IV-74-0121111.html",
    date(2026, 9, 7),
    SECONDARY,
)
MP_328 = Citation(
    "MP328",
    "Florida plan medical policy MP-328 (issuer unconfirmed)",
    "",
    "https://fl-policies.exploremyplan.com/portal/web/medical-policies/-/mp-328?print=1",
    None,
    SECONDARY,
    undated_reason="the summary page gives no effective date and the issuer is unconfirmed",
)
HUMANA_MA = Citation(
    "GENHEALTH-HUMANA",
    "Humana Medicare Advantage HUM-0306-026 Spinal Cord Stimulators",
    "",
    "https://genhealth.ai/policy/humana/8800c965-spinal-cord-stimulators",
    date(2023, 8, 24),
)
COHERE_SCS = Citation(
    "COHERE-SCS",
    "Cohere Health (Humana's utilization-management vendor): Spinal Cord Stimulators",
    "DRG stimulation",
    "https://help.coherehealth.com/cohere-health-learning-center/en/articles/13131896-spinal-cord-stimulators",
    None,
    undated_reason="a help-centre article, not a dated policy",
)
NEUROMOD_PSYCH = Citation(
    "NEUROMODFOUND-PSYCH",
    "Practice Parameters for SCS in chronic neuropathic pain: psychological assessment",
    "Timing",
    "http://neuromodfound.org/treatment_of_chronic_neuropathic_pain/patient_selection/psychological_assessment/index.html",
    None,
    undated_reason="professional practice parameters, not a payer rule; no effective date",
)
CRPS_ALGORITHM = Citation(
    "ACCESSANES-CH47",
    "Interdisciplinary CRPS treatment algorithm (Pain Management, ch. 47)",
    "Sympathetic blocks of increasing duration",
    "http://accessanesthesiology.mhmedical.com/content.aspx?bookid=1158&sectionid=64178212",
    None,
    undated_reason="a textbook treatment algorithm, not a payer rule; our own recommendation",
)
# Reference 9.3 #11 and the spec's request table: a replacement or revision documents the device problem
# and the benefit the system gave; the CMS LCD background text is the primary source that says so.
REPLACEMENT_DOCUMENTATION = cite(
    CMS_LCD_BACKGROUND, "Replacement: device problem and prior benefit (reference 9.3 #11; MP-328 agrees)"
)
# UnitedHealthcare commercial (reference 2.1; updates U2): the policy lists proven conditions and waveforms
# but delegates medical-necessity criteria to InterQual, which is proprietary and was not retrieved.
UHC_POLICY = Citation(
    "UHC-POLICY",
    "UnitedHealthcare commercial medical policy 2025T0567Z Spinal Cord and Dorsal Root Ganglion "
    "Stimulation (criteria text not retrieved)",
    "",
    "https://online.documentine.com/p-stim-cost/2/pdf-implanted-electrical-stimulator-for-spinal-cord.html",
    date(2025, 1, 1),
    SECONDARY,
)
ASRA_UHC_2022 = Citation(
    "ASRA-UHC-2022",
    "ASRA: UnitedHealthcare will expand neurostimulation coverage (multisociety letter, 2022)",
    "",
    "https://www.asra.com/guidelines-articles/original-articles/patient-education/patient-education/asra-updates/2022/01/21/united-healthcare-will-expand-neurostimulation-coverage",
    date(2022, 1, 21),
    UNCONFIRMED,
)
UHC_INTERQUAL = cite(
    UHC_POLICY, "Medical necessity: delegated to InterQual (proprietary, not retrieved)", UNCONFIRMED
)
# Anthem / Elevance: Carelon (formerly AIM) Musculoskeletal Interventional Pain Management guideline. Only
# Anthem's change notices were retrieved (reference 2.1, gaps table), so every criterion is "verify".
ANTHEM_AIM_2019 = Citation(
    "ANTHEM-AIM-2019",
    "Anthem provider news: AIM Musculoskeletal guideline update (revision/removal criteria added)",
    "",
    "https://providernews.anthem.com/wisconsin/articles/update-to-aim-musculoskeletal-program-clinical-appropriateness-guidelines-3-1651",
    date(2019, 5, 18),
    SECONDARY,
)
ANTHEM_AIM_2020 = Citation(
    "ANTHEM-AIM-2020",
    "Anthem provider news: AIM MSK Interventional Pain Management guideline update (DRG indication added)",
    "",
    "https://providernews.anthem.com/maine/article/updates-to-aim-msk-interventional-pain-management-clinical-appropriateness-guideline-5",
    date(2020, 8, 16),
    SECONDARY,
)
ANTHEM_AIM_2022 = Citation(
    "ANTHEM-AIM-2022",
    "Anthem provider news: AIM MSK Interventional Pain Management guideline update (2022-03-13)",
    "",
    "https://providernews.anthem.com/new-york/articles/updates-to-aim-specialty-health-musculoskeletal-interventional-pain-management-clinical-appropriateness-guideline-6-9569",
    date(2022, 3, 13),
    SECONDARY,
)
ANTHEM_AIM_2023 = Citation(
    "ANTHEM-AIM-2023",
    "Anthem provider news: AIM MSK Interventional Pain Management guideline update (2023)",
    "",
    "https://providernews.anthem.com/missouri/article/updates-to-aim-specialty-health-musculoskeletal-interventional-pain-management-clinical-appropriateness-guidelines",
    None,
    SECONDARY,
    undated_reason="the provider-news notice names the year 2023 but no effective day",
)
