"""What happens after the letter: enclosures sent with it, how it was sent, what the payer answered and why."""

from __future__ import annotations

from .base import Choice


class EnclosureKind(Choice):
    PSYCH_EVALUATION = "psych_evaluation", "Psychological evaluation"
    TRIAL_RECORD = "trial_record", "Trial record"
    IMAGING = "imaging", "Imaging report"
    OPERATIVE_REPORT = "operative_report", "Operative report"
    OFFICE_NOTE = "office_note", "Office note"
    OTHER = "other", "Other record"


class SubmissionChannel(Choice):
    FAX = "fax", "Fax"
    PORTAL = "portal", "Payer portal"
    FHIR = "fhir", "FHIR prior-authorization API"
    MAIL = "mail", "Mail"


class AnswerKind(Choice):
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    PENDED = "pended", "Pended: more information asked"
    PEER_TO_PEER = "peer_to_peer", "Peer-to-peer scheduled"


class DenialReason(Choice):
    NOT_MEDICALLY_NECESSARY = "not_medically_necessary", "Not medically necessary (no specific reason given)"
    PSYCH_EVALUATION = "psych_evaluation", "Psychological evaluation missing or without clearance"
    CONSERVATIVE_CARE = "conservative_care", "Conservative treatment not tried or not documented long enough"
    DIAGNOSIS = "diagnosis", "Diagnosis not a covered indication or not specific"
    FUNCTIONAL_BASELINE = "functional_baseline", "No functional baseline (ODI or daily activities)"
    TRIAL_OUTCOME = "trial_outcome", "Trial result insufficient or not documented"
    INVESTIGATIONAL = "investigational", "Device, waveform or procedure considered investigational"
    SITE_OF_SERVICE = "site_of_service", "Site of service or setting not covered"
    CODING = "coding", "Codes, units or modifiers incorrect"
    RECORDS_NOT_RECEIVED = "records_not_received", "Records not received or incomplete"
    OTHER = "other", "Other (the payer's words)"
