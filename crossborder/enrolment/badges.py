"""Participant badges (PDF with a QR code that the check-in page reads)."""

import functools

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.urls import reverse


@functools.lru_cache(maxsize=4096)  # ~10 ms to draw; the "now" view shows it on every visit
def qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")


def badge_pdf(application, *, request) -> bytes:
    html = render_to_string(
        "enrolment/badge.html",
        {
            "application": application,
            "qr": qr_svg(application.badge_code),
            # the short address of the seminar day on the phone (the "now" view)
            "now_url": request.build_absolute_uri(
                reverse("seminar-now", args=[application.call.seminar.slug])
            ),
        },
        request=request,
    )
    from weasyprint import HTML  # 2 s import: only when a badge is printed

    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
