"""Download a case as FHIR: one PAS-style request Bundle with its QuestionnaireResponse (docs/fhir.md)."""

import json

from django.http import HttpResponse

from audit.models import Action
from audit.trail import record

from ..access import case_of
from ..fhir.export import fhir_export

FHIR_JSON = "application/fhir+json"


def case_fhir(request, case_id):
    """Send the case's FHIR export to staff or clinicians; the name carries no patient data."""
    case = case_of(request, case_id)
    bundle = fhir_export(case)
    record(Action.EXPORT, request=request, clinic_id=case.clinic_id, case_id=case.pk, what="fhir")
    body = json.dumps(bundle, indent=2, ensure_ascii=False)
    response = HttpResponse(body.encode("utf-8"), content_type=f"{FHIR_JSON}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{str(case.id)[:8]}.fhir.json"'
    response["Cache-Control"] = "no-store"
    return response
