"""Settings for the test suite: production settings with test-only relaxations."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("CROSSBORDER_TESTING", "1")
os.environ.setdefault("SERVE_MEDIA", "1")  # question images, as in the demo

from crossborder.settings import *  # noqa: F403

# The issuer's signing keys: a folder of this test run, with a key made once (tests/conftest.py).
CREDENTIAL_KEY_DIR = Path(tempfile.mkdtemp(prefix="crossborder-keys-"))

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SECURE_HSTS_SECONDS = 0
# Tasks run at once when enqueued (after the commit that enqueues them); tests of the real
# queue switch to the database backend and run the worker (tests/test_tasks.py).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "charts": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "charts"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
}
STATIC_ROOT.mkdir(  # noqa: F405
    parents=True, exist_ok=True
)  # whitenoise warns when it is missing
# Uploads and the demo's documents: a folder of this test run, not the checkout's var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="crossborder-media-"))
