from django.urls import path

from . import views

urlpatterns = [
    path(".well-known/did.json", views.did_document, name="issuer-did"),
    path(".well-known/jwks.json", views.jwks, name="issuer-jwks"),
    path("credentials/status/<int:number>", views.status_list, name="credential-status-list"),
    # Before /verify/<code>: "credential-file" is not a code (codes are upper case).
    path("verify/credential-file/", views.verify_file, name="verify-credential-file"),
    path("verify/<str:code>/open-badge.json", views.open_badge, name="credential-open-badge"),
    path("verify/<str:code>/elm.jsonld", views.elm_export, name="credential-elm"),
]
