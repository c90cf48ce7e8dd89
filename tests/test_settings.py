"""The settings module reads the environment (12-factor); checked in a fresh interpreter."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json; from crossborder import settings as s; print(json.dumps({"
    "'db': s.DATABASES['default']['ENGINE'], 'name': s.DATABASES['default']['NAME'], "
    "'cache': s.CACHES['default']['BACKEND'], 'hosts': s.ALLOWED_HOSTS, "
    "'secure_cookie': s.SESSION_COOKIE_SECURE, 'ssl': s.SECURE_SSL_REDIRECT, "
    "'hsts': s.SECURE_HSTS_SECONDS, 'mail': s.MAILERS['default']['BACKEND']}))"
)


def probe(**env):
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env={**base, **env}, capture_output=True, text=True
    )
    return result


def test_it_is_secure_by_default_in_production():
    out = probe(SECRET_KEY="x" * 50, ALLOWED_HOSTS="training.example.eu")
    data = json.loads(out.stdout)
    assert data["db"] == "django.db.backends.sqlite3"
    assert data["hosts"] == ["training.example.eu"]
    assert data["secure_cookie"] and data["ssl"] and data["hsts"] == 31536000
    assert data["mail"].endswith("smtp.EmailBackend")
    # shared by every process (throttling, TOTP replay, rate limits), never per-process memory
    assert data["cache"] == "django.core.cache.backends.db.DatabaseCache"


def test_it_uses_postgresql_and_redis_when_told():
    out = probe(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://app:pw@db.internal:5432/crossborder",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    data = json.loads(out.stdout)
    assert data["db"] == "django.db.backends.postgresql"
    assert data["name"] == "crossborder"
    assert data["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_it_refuses_to_start_in_production_without_a_secret_key():
    out = probe()
    assert out.returncode != 0
    assert "Set SECRET_KEY" in out.stderr
