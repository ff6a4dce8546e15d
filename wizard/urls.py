"""Case URLs: every case is addressed by its UUID, never by anything about the patient."""

from django.urls import path
from django.views.generic import RedirectView

from .views import cases, codes, files, letters, policy_changes, retention, verify, wizard

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
]
