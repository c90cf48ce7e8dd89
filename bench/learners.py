"""What the quiz storm and the seminar day share: a simulated person signed in with a session
made ahead (bench/run.py), and the answer such a person gives to a question of each kind."""

import secrets
from http.cookiejar import Cookie


def use_session(user, session: str) -> str:
    """Put the session and a fresh CSRF cookie in a locust user's jar; returns the CSRF token."""
    host = user.host.split("//", 1)[1].split(":")[0]
    csrf = secrets.token_hex(16)
    for name, value in (("sessionid", session), ("csrftoken", csrf)):
        user.client.cookiejar.set_cookie(
            Cookie(0, name, value, None, False, host, False, False, "/", True, False,
                   None, False, None, None, {})
        )  # fmt: skip
    return csrf


def response_for(question: dict):
    """A well-formed answer to one question of an attempt, as the API lists them."""
    size = len(question["choices"])
    return {
        "single": 0,
        "multiple": [0],
        "true_false": True,
        "matching": list(range(size)),
        "ordering": list(range(size)),
        "short": "joint investigation team",
        "numeric": 30,
    }[question["kind"]]
