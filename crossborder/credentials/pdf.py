"""The certificate as an A4 PDF (WeasyPrint), in the credential's language, with a QR code
of its verification address. Made from the frozen facts only, so that a PDF rendered again
later says exactly what the first one said."""

from django.template.loader import render_to_string
from django.utils import translation

from crossborder.enrolment.badges import qr_svg


def certificate_html(credential) -> str:
    facts = credential.certified
    with translation.override(facts.language):
        return render_to_string(
            "credentials/certificate_pdf.html",
            {"facts": facts, "qr": qr_svg(facts.verify_url), "LANGUAGE_CODE": facts.language},
        )


def certificate_pdf(credential) -> bytes:
    from weasyprint import HTML  # 2 s import: only when a certificate is rendered

    return HTML(string=certificate_html(credential)).write_pdf()


def pdf_bytes(credential) -> bytes:
    """The stored PDF, or (when none was stored, e.g. the demo's) one rendered now from the
    same facts, without storing it: a download (a GET) never writes."""
    if credential.pdf:
        try:
            with credential.pdf.open("rb") as f:
                return f.read()
        except FileNotFoundError:
            pass
    return certificate_pdf(credential)
