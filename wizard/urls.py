"""Case URLs: every case is addressed by its UUID, never by anything about the patient."""

from django.urls import path
from django.views.generic import RedirectView

from .views import appeals as appeal_views
from .views import cases, codes, files, letters, policy_changes, retention, verify, wizard
from .views import dashboard as dashboard_views
from .views import enclosures as enclosure_views
from .views import fhir as fhir_views
from .views import packet as packet_views
from .views import sequels as sequel_views
from .views import tracking as tracking_views

case_wizard = wizard.CaseWizardView.as_view(url_name="case_step")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="case_list"), name="home"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", cases.case_new, name="case_new"),
    path("cases/import/", files.case_import, name="case_import"),
    path("cases/archived/", retention.archived_list, name="archived_list"),
    path("cases/<uuid:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<uuid:case_id>/delete/", cases.case_delete, name="case_delete"),
    path("cases/<uuid:case_id>/case.json", files.case_export, name="case_export"),
    path("cases/<uuid:case_id>/case.fhir.json", fhir_views.case_fhir, name="case_fhir"),
    path("cases/<uuid:case_id>/sequel/", sequel_views.case_sequel, name="case_sequel"),
    path("cases/<uuid:case_id>/edit/", case_wizard, name="case_edit"),
    path("cases/<uuid:case_id>/edit/<str:step>/", case_wizard, name="case_step"),
    path("cases/<uuid:case_id>/edit/<str:step>/derived/", wizard.derived_panel, name="case_derived"),
    path("cases/<uuid:case_id>/letters/issue/", letters.letter_issue, name="letter_issue"),
    path("cases/<uuid:case_id>/letters/<int:version>.pdf", letters.letter_download, name="letter_download"),
    path("cases/<uuid:case_id>/letter/preview/", letters.letter_preview, name="letter_preview"),
    path(
        "cases/<uuid:case_id>/policy-change/read/",
        policy_changes.policy_change_read,
        name="policy_change_read",
    ),
    path("cases/<uuid:case_id>/archive/", retention.case_archive, name="case_archive"),
    path("cases/<uuid:case_id>/restore/", retention.case_restore, name="case_restore"),
    path("cases/<uuid:case_id>/purge/", retention.case_purge, name="case_purge"),
    path("letters/verify/", verify.letter_verify, name="letter_verify"),
    path("codes/", codes.code_reference, name="code_reference"),
    path("cases/<uuid:case_id>/submissions/", tracking_views.submission_record, name="submission_record"),
    path("cases/<uuid:case_id>/answers/", tracking_views.answer_record, name="answer_record"),
    path("cases/<uuid:case_id>/close/", tracking_views.case_close, name="case_close"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("cases/<uuid:case_id>/enclosures/", enclosure_views.enclosure_list, name="enclosure_list"),
    path("cases/<uuid:case_id>/enclosures/add/", enclosure_views.enclosure_upload, name="enclosure_upload"),
    path(
        "cases/<uuid:case_id>/enclosures/<uuid:enclosure_id>/file",
        enclosure_views.enclosure_download,
        name="enclosure_download",
    ),
    path(
        "cases/<uuid:case_id>/enclosures/<uuid:enclosure_id>/delete/",
        enclosure_views.enclosure_delete,
        name="enclosure_delete",
    ),
    path("cases/<uuid:case_id>/packet.pdf", packet_views.packet_download, name="packet_download"),
    path("cases/<uuid:case_id>/appeal/", appeal_views.case_appeal, name="case_appeal"),
]
