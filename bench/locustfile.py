"""Load scenarios for `make bench`. The runner picks one with BENCH_SCENARIO."""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task
from locust.exception import StopUser

SCENARIO = os.environ.get("BENCH_SCENARIO", "bare")
# A session made by the runner for the bench account (the signed-in scenarios use it).
SESSION = os.environ.get("BENCH_SESSION", "")
SEMINAR = os.environ.get("BENCH_SEMINAR", "")
CODE = os.environ.get("BENCH_CODE", "")  # a valid certificate's code
# The twenty fixed queries of the library tests (the keys of their golden file, which holds
# the entries each must find on both databases), and some more of every sort.
GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "library" / "golden_search.json"
LIBRARY_QUERIES = [
    *json.loads(GOLDEN.read_text(encoding="utf-8")),
    "trafficking",
    "victim",
    "investig",
    "",
    "eurojust",
    "financial investigation",
    "sexual exploitation children",
]
# Words never searched before in this run (each simulated user takes its own): nothing of them
# is in the database's caches yet.
COLD_WORDS = [w for w in os.environ.get("BENCH_COLD_WORDS", "").split(",") if w]
PATHS = {
    "bare": "/bench/bare",
    "healthz": "/healthz",
    "dashboard": "/dashboard/",
    "seminar": f"/seminars/{SEMINAR}/",
    "now": f"/s/{SEMINAR}/now/",  # a confirmed participant's seminar day (BENCH_SESSION is theirs)
    "verify_page": f"/verify/{CODE}",  # public: no session
    "verify_api": f"/api/v1/credentials/verify/{CODE}",
}


class Visitor(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        if SCENARIO in ("dashboard", "now"):
            self.client.cookiejar.set_cookie(self._session_cookie())

    def _session_cookie(self):
        from http.cookiejar import Cookie

        host = self.host.split("//", 1)[1].split(":")[0]
        return Cookie(
            0,
            "sessionid",
            SESSION,
            None,
            False,
            host,
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )

    @task
    def hit(self):
        if SCENARIO.startswith("library"):
            return self.search()
        path = PATHS[SCENARIO]
        # No redirects followed: a signed-out session would get a 302 and count as an error.
        with self.client.get(
            path, name=SCENARIO, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    def search(self):
        if SCENARIO == "library_cold":
            if not COLD_WORDS:
                raise StopUser()
            q = COLD_WORDS.pop()
        else:
            self.turn = getattr(self, "turn", random.randrange(len(LIBRARY_QUERIES))) + 1
            q = LIBRARY_QUERIES[self.turn % len(LIBRARY_QUERIES)]
        path = "/library/" if SCENARIO == "library_page" else "/api/v1/library/search"
        with self.client.get(
            path, params={"q": q}, name=SCENARIO, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
