"""Without Redis the production cache is the database's, so a limit counted by one process binds
the next: two separate processes on one database share the failed sign-ins and rate limits."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = (
    "from crossborder.ratelimit import within_limit; "
    "print(','.join(str(within_limit('signin-probe', 'ip-1', 3, 600)) for _ in range({n})))"
)


def manage(tmp_path, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crossborder.settings",
        "DEBUG": "0",
        "SECRET_KEY": "shared-cache-test-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_limit_counted_in_one_process_binds_the_next(tmp_path):
    manage(tmp_path, "migrate", "--noinput", "-v0")
    assert manage(tmp_path, "shell", "--no-imports", "-c", COUNT.format(n=2)) == "True,True"
    # a second process: one more is allowed, then the limit of 3 holds
    assert manage(tmp_path, "shell", "--no-imports", "-c", COUNT.format(n=2)) == "True,False"
