"""Seminar day: 300 signed-in participants of one seminar, each with its own session, doing what
people do on the day: open their dashboard and the programme, check what is on now, search the
library, save quiz answers and, once, answer the seminar's evaluation survey. Each waits
BENCH_DAY_THINK seconds between steps ("5,15" by default: reading a page or a question; "1,5"
for the busy variant); they arrive spread over the first such interval.

BENCH_DAY names a JSON file written by bench/run.py: the sessions, the seminar, the quiz module,
the survey and a valid POST body for it.
"""

import itertools
import json
import os
import random

import gevent
from learners import response_for, use_session
from locust import FastHttpUser, between, task

DAY = json.load(open(os.environ["BENCH_DAY"]))  # noqa: SIM115
SEARCHES = ["joint investigation team", "victim", "financial investigation", "eurojust", "labour"]
_next = itertools.count()
THINK = [float(x) for x in os.environ.get("BENCH_DAY_THINK", "5,15").split(",")]


class Participant(FastHttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        self.csrf = use_session(self, DAY["sessions"][next(_next) % len(DAY["sessions"])])
        self.attempt = None
        self.questions = []
        self.answered_survey = False
        # people arrive over the first think interval, not all in one second (the quiz storm's
        # herd variant measures that)
        gevent.sleep(random.uniform(0, THINK[1]))

    def _json(self):
        return {"X-CSRFToken": self.csrf, "Content-Type": "application/json"}

    def _get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{name} {r.status_code}")

    @task(3)
    def dashboard(self):
        self._get("/dashboard/", "dashboard")

    @task(2)
    def programme(self):
        self._get(f"/seminars/{DAY['seminar']}/", "programme")

    @task(2)
    def now(self):
        self._get(f"/s/{DAY['seminar']}/now/", "now")

    @task(2)
    def library(self):
        self._get(f"/library/?q={random.choice(SEARCHES).replace(' ', '+')}", "library search")

    @task(4)
    def quiz_answer(self):
        if self.attempt is None or not self.questions:
            with self.client.post(
                "/api/v1/attempts",
                json={"module": DAY["module"]},
                headers=self._json(),
                name="quiz start",
                catch_response=True,
            ) as r:
                if r.status_code != 201:
                    r.failure(f"start {r.status_code}")
                    return
                data = r.json()
            self.attempt, self.questions = data["id"], list(data["questions"])
            return
        question = self.questions.pop(0)
        with self.client.put(
            f"/api/v1/attempts/{self.attempt}/answers/{question['id']}",
            json={"response": response_for(question)},
            headers=self._json(),
            name="quiz answer",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"answer {r.status_code}")
        if not self.questions:  # all answered: hand it in
            with self.client.post(
                f"/api/v1/attempts/{self.attempt}/submit",
                headers=self._json(),
                name="quiz submit",
                catch_response=True,
            ) as r:
                if r.status_code != 200:
                    r.failure(f"submit {r.status_code}")
            self.attempt = None

    @task(1)
    def survey(self):
        path = f"/surveys/{DAY['survey']}/"
        if self.answered_survey:
            self._get("/surveys/", "my surveys")
            return
        with self.client.get(path, name="survey page", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"survey page {r.status_code}")
                return
            if "survey-form" not in r.text:  # answered already (in an earlier run): no form
                self.answered_survey = True
                return
        with self.client.post(
            path,
            data={**DAY["survey_answers"], "csrfmiddlewaretoken": self.csrf},
            headers={"Referer": self.host + path},
            name="survey answer",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"survey {r.status_code}")
        self.answered_survey = True
