"""Quiz storm: simulated learners start the same quiz, save 20 answers one by one, submit.

BENCH_SESSIONS names a JSON file of signed-in session keys (one per simulated learner);
BENCH_MODULE is the module whose quiz they take; BENCH_THINK is the pause between answers;
BENCH_SAVES_ONLY=1 keeps each learner saving answers to one attempt; BENCH_ONE_ATTEMPT=1 makes each
learner stop after its first submission (otherwise it starts again); BENCH_ARRIVAL=spread spreads
the learners of each spawn batch over its second (see HERD).
"""

import itertools
import json
import os
import random

import gevent
from learners import response_for, use_session
from locust import FastHttpUser, constant, task

SESSIONS = json.load(open(os.environ["BENCH_SESSIONS"]))  # noqa: SIM115
MODULE = os.environ["BENCH_MODULE"]
THINK = float(os.environ.get("BENCH_THINK", "1"))
# Saves only: each learner starts one attempt, then keeps saving (changing) its answers; this
# measures the answer-save endpoint itself rather than a mix with starts and submissions.
SAVES_ONLY = os.environ.get("BENCH_SAVES_ONLY") == "1"
ONE_ATTEMPT = os.environ.get("BENCH_ONE_ATTEMPT") == "1"
# locust hands out each second's spawn batch (`-r 100`: 100 learners) at one instant, so by
# default 100 learners start the quiz in the same millisecond, three times, and stay in step (the
# harshest case). With "spread" each learner opens the quiz at a random moment of its second.
HERD = os.environ.get("BENCH_ARRIVAL", "herd") == "herd"
_next = itertools.count()


class Learner(FastHttpUser):
    wait_time = constant(THINK)

    def on_start(self):
        self.csrf = use_session(self, SESSIONS[next(_next) % len(SESSIONS)])
        self.queue = []
        self.attempt = None
        self.done = False
        if not HERD and THINK:
            gevent.sleep(random.uniform(0, 1))

    def _headers(self):
        return {"X-CSRFToken": self.csrf, "Content-Type": "application/json"}

    @task
    def step(self):
        if self.done:  # submitted its one attempt: the learner has left
            return
        if self.attempt is None:
            with self.client.post(
                "/api/v1/attempts",
                json={"module": MODULE},
                headers=self._headers(),
                name="start",
                catch_response=True,
            ) as r:
                if r.status_code != 201:
                    r.failure(f"start {r.status_code}")
                    return
                data = r.json()
            self.attempt = data["id"]
            self.questions = list(data["questions"])
            self.queue = list(self.questions)
            return
        if SAVES_ONLY and not self.queue:
            self.queue = list(self.questions)
        if self.queue:
            question = self.queue.pop(0)
            with self.client.put(
                f"/api/v1/attempts/{self.attempt}/answers/{question['id']}",
                json={"response": response_for(question)},
                headers=self._headers(),
                name="answer",
                catch_response=True,
            ) as r:
                if r.status_code != 200:
                    r.failure(f"answer {r.status_code}")
            return
        with self.client.post(
            f"/api/v1/attempts/{self.attempt}/submit",
            headers=self._headers(),
            name="submit",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"submit {r.status_code}")
        self.attempt = None
        self.done = ONE_ATTEMPT
