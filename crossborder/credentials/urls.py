from django.urls import include, path

from .views import public, staff, wallet

urlpatterns = [
    # First: its fixed addresses under verify/ go before verify/<code>.
    path("", include("crossborder.credentials.signing.urls")),
    path("verify/", public.verify_form, name="verify-form"),
    path("verify/<str:code>", public.verify, name="verify"),
    path("verify/<str:code>/certificate.pdf", public.verify_pdf, name="verify-pdf"),
    path("me/credentials/", wallet.wallet, name="wallet"),
    path(
        "me/credentials/completion/<slug:slug>/",
        wallet.claim_completion,
        name="claim-completion",
    ),
    path(
        "manage/seminars/<slug:slug>/certificates/",
        staff.seminar_certificates,
        name="seminar-certificates",
    ),
    path(
        "manage/seminars/<slug:slug>/certificates/issue/",
        staff.issue_certificates,
        name="issue-certificates",
    ),
    path(
        "manage/seminars/<slug:slug>/certificates/batches/<int:batch_id>/",
        staff.batch_status,
        name="certificate-batch",
    ),
    path(
        "manage/seminars/<slug:slug>/certificates.zip",
        staff.certificates_zip,
        name="certificates-zip",
    ),
    path("manage/credentials/<str:code>/revoke/", staff.revoke, name="revoke-credential"),
]
