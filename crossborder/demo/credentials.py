"""Demo certificates: everyone checked in at the held seminars has their certificate of
attendance (participant@example.org's from Vienna among them), one was revoked with a reason,
and participant@example.org took the certificate of completion of the module they passed.

PDFs are not rendered here (it would add ~0.15 s per certificate to `make demo`): a download
renders the PDF on demand from the frozen facts when none is stored, and the manager's
"issue" run stores them for the certificates it issues."""

from crossborder.accounts.models import User
from crossborder.credentials.batch import checked_in
from crossborder.credentials.issuing import issue_attendance, issue_completion, revoke_credential
from crossborder.credentials.models import Credential
from crossborder.learning.models import Module
from crossborder.seminars.models import Seminar

from .learning import JOURNEY, JOURNEY_PASSED

REVOKED_REASON = (
    "Issued in error: the participant left after the opening session and was marked present "
    "by mistake."
)


def seed_credentials() -> dict:
    if Credential.objects.exists():
        return {"attendance": 0, "completion": 0, "revoked": 0}
    manager = User.objects.get(email="manager@example.org")
    journey = User.objects.filter(email=JOURNEY).first()
    attendance = completion = revoked = 0
    for seminar in Seminar.objects.filter(status=Seminar.Status.HELD).order_by("start_date"):
        applications = checked_in(seminar).select_related("user", "call__seminar").order_by("pk")
        issued = [issue_attendance(a, by=manager, notify=False, pdf=False) for a in applications]
        attendance += len(issued)
        if not revoked:
            mistaken = next((c for c in issued if c.holder != journey), None)
            if mistaken is not None:
                revoke_credential(mistaken, by=manager, reason=REVOKED_REASON)
                revoked += 1
    module = Module.objects.filter(slug=JOURNEY_PASSED).first()
    if journey is not None and module is not None:
        passed = module.quiz.attempts.filter(user=journey, passed=True).exists()
        if passed:
            issue_completion(journey, module, by=journey, pdf=False)
            completion += 1
    return {"attendance": attendance, "completion": completion, "revoked": revoked}
