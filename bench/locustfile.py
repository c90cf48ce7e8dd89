"""Load scenarios for `make bench`. The runner picks one with BENCH_SCENARIO."""

import os

from locust import FastHttpUser, constant, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "bare")
# A session made by the runner for the bench account (the signed-in scenarios use it).
SESSION = os.environ.get("BENCH_SESSION", "")
SEMINAR = os.environ.get("BENCH_SEMINAR", "")
PATHS = {
    "bare": "/bench/bare",
    "healthz": "/healthz",
    "dashboard": "/dashboard/",
    "seminar": f"/seminars/{SEMINAR}/",
}


class Visitor(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        if SCENARIO == "dashboard":
            self.client.cookiejar.set_cookie(self._session_cookie())

    def _session_cookie(self):
        from http.cookiejar import Cookie

        host = self.host.split("//", 1)[1].split(":")[0]
        return Cookie(
            0, "sessionid", SESSION, None, False, host, False, False, "/", True,
            False, None, False, None, None, {},
        )  # fmt: skip

    @task
    def hit(self):
        path = PATHS[SCENARIO]
        # No redirects followed: a signed-out session would get a 302 and count as an error.
        with self.client.get(
            path, name=SCENARIO, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
