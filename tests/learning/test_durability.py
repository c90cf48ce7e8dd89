"""No answer is lost: the server is killed in the middle of a stream of saves, and every save
it acknowledged is in the database afterwards."""

import json
import os
import secrets
import signal
import threading
import time
import urllib.error
import urllib.request

from tests.servers import manage, server_env, start_server

SEED = """
import json
from django.test import Client
from crossborder.learning.content import load_modules
from crossborder.learning.models import Module
from crossborder.learning import services
from tests.factories import make_user
load_modules()
user = make_user("learner@example.org")
client = Client(); client.force_login(user)
plan = []
for module in Module.objects.filter(level="public")[:3]:
    quiz = module.quiz
    quiz.draw_count = 22
    quiz.save()
    attempt = services.start_attempt(quiz=quiz, user=user)
    for pk in attempt.question_ids:
        plan.append([attempt.pk, pk])
print("SEED=" + json.dumps({"session": client.cookies["sessionid"].value, "plan": plan}))
"""

CHECK = """
import json
from crossborder.learning.models import Answer
print("STORED=" + json.dumps([[a.attempt_id, a.question_id, a.response] for a in Answer.objects.all()]))
"""

RESPONSES = """
import json
from crossborder.learning.models import Question
out = {}
for q in Question.objects.all():
    d = q.data
    out[q.pk] = {
        "single": 0, "multiple": [0], "true_false": True,
        "matching": list(range(len(d.get("pairs", [])))),
        "ordering": list(range(len(d.get("items", [])))),
        "short": f"answer {q.pk}", "numeric": q.pk, "essay": f"essay {q.pk}",
    }[q.kind]
print("RESP=" + json.dumps(out))
"""


def test_every_acknowledged_save_survives_a_killed_server(server_database):
    env = server_env(server_database)
    manage(env, "migrate", "--noinput", "-v0")
    seed = json.loads(
        next(
            line
            for line in manage(env, "shell", "-v0", "-c", SEED).splitlines()
            if line.startswith("SEED=")
        )[5:]
    )
    responses = json.loads(
        next(
            line
            for line in manage(env, "shell", "-v0", "-c", RESPONSES).splitlines()
            if line.startswith("RESP=")
        )[5:]
    )
    server, base = start_server(env, workers=2, threads=4)

    acknowledged = []
    lock = threading.Lock()
    csrf = secrets.token_hex(16)

    def save(attempt_id, question_id):
        body = json.dumps({"response": responses[str(question_id)]}).encode()
        request = urllib.request.Request(
            f"{base}/api/v1/attempts/{attempt_id}/answers/{question_id}",
            method="PUT",
            data=body,
            headers={
                "Cookie": f"sessionid={seed['session']}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 200:
                    with lock:
                        acknowledged.append((attempt_id, question_id))
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass  # the server is gone: not acknowledged

    plan = seed["plan"]
    assert len(plan) >= 60
    threads = []
    killed = False
    for i, (attempt_id, question_id) in enumerate(plan):
        thread = threading.Thread(target=save, args=(attempt_id, question_id))
        thread.start()
        threads.append(thread)
        if i == len(plan) // 2 and not killed:
            time.sleep(0.05)
            os.killpg(server.pid, signal.SIGKILL)  # no graceful shutdown: the hard case
            killed = True
        time.sleep(0.005)
    for thread in threads:
        thread.join(timeout=15)
    server.wait(timeout=30)

    stored = json.loads(
        next(
            line
            for line in manage(env, "shell", "-v0", "-c", CHECK).splitlines()
            if line.startswith("STORED=")
        )[7:]
    )
    stored_pairs = {(a, q): r for a, q, r in stored}
    assert acknowledged, "no save was acknowledged before the kill"
    assert len(acknowledged) < len(plan), "the kill came too late to interrupt the stream"
    for attempt_id, question_id in acknowledged:
        assert (attempt_id, question_id) in stored_pairs, (attempt_id, question_id)
        assert stored_pairs[(attempt_id, question_id)] == responses[str(question_id)]
