"""Images for lessons: judged by their content (Pillow), not their name; stored through Django's
storage API, so the same code writes to the disk here and to object storage in production."""

import uuid

from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # a larger picture is a decompression bomb, not a lesson illustration


class ImageRejected(Exception):
    """The upload is not stored; the message says why."""


def check_image(upload) -> str:
    """The file extension for the upload's real format, or ImageRejected."""
    if upload.size > MAX_BYTES:
        raise ImageRejected(
            _("The image is %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)}
        )
    try:
        with Image.open(upload) as image:
            image_format = image.format
            if image.width * image.height > MAX_PIXELS:
                raise ImageRejected(_("The image has too many pixels."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected(
            _("This file is not an image (PNG, JPEG, GIF or WebP), whatever its name says.")
        ) from None
    finally:
        upload.seek(0)
    if image_format not in FORMATS:
        raise ImageRejected(_("Only PNG, JPEG, GIF and WebP images can be used."))
    return FORMATS[image_format]


def store_image(upload, *, folder: str) -> tuple[str, str]:
    """Check the upload and store it under `folder`; returns (stored name, public URL)."""
    extension = check_image(upload)
    name = default_storage.save(f"{folder}/{uuid.uuid4().hex}.{extension}", upload)
    return name, default_storage.url(name)
