"""Issuing and revoking certificates: one function creates one credential.

`issue_attendance` (a seminar, for a checked-in participant) and `issue_completion` (an online
module whose quiz the person passed) freeze the certified facts in the holder's language, give
the credential its unguessable code and a random free bit of the revocation status list,
render its PDF, write the audit entry and, if asked, tell the holder by e-mail after commit.
Issuing twice returns the certificate already issued.
"""

from __future__ import annotations

import secrets
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from . import hours
from .facts import CertifiedFacts
from .models import STATUS_LIST_SIZE, Credential, new_code

LANGUAGES = ("en", "fr", "de")
ISSUER_NAME = "Crossborder training programme"
# Who signs, unless the installation says otherwise (settings.CREDENTIAL_SIGNATORY).
SIGNATORY = "Dr Marta Kowalska, Programme director"
TRIES = 8  # a new code and status index per try; a collision of either is ~1 in 10^5 at most


class NotEligible(Exception):
    """No certificate can be issued; the message says why (shown to the person asking)."""


def issuer_name() -> str:
    return getattr(settings, "CREDENTIAL_ISSUER_NAME", ISSUER_NAME)


def signatory() -> str:
    return getattr(settings, "CREDENTIAL_SIGNATORY", SIGNATORY)


def verify_url(code: str) -> str:
    """The absolute address of a code's verification page (from SITE_URL: a background task
    has no request to ask)."""
    return settings.SITE_URL.rstrip("/") + reverse("verify", args=[code])


def holder_language(user) -> str:
    """A certificate is written in the language the person chose for their e-mails."""
    return user.language if user.language in LANGUAGES else "en"


def _place(seminar) -> str:
    return f"{seminar.city}, {seminar.country.name}"


def _create(*, kind, holder, by, language, facts_for, seminar=None, module=None) -> Credential:
    """Create the row; a new code and status index if either is taken already."""
    for _try in range(TRIES):
        code, now = new_code(), timezone.now()
        with translation.override(language):
            facts = facts_for(code, now)
        try:
            with transaction.atomic():
                return Credential.objects.create(
                    kind=kind,
                    holder=holder,
                    seminar=seminar,
                    module=module,
                    code=code,
                    language=language,
                    facts=facts.as_json(),
                    status_index=secrets.randbelow(STATUS_LIST_SIZE),
                    issued_at=now,
                    issued_by=by if getattr(by, "is_authenticated", False) else None,
                )
        except IntegrityError:
            if _existing(kind, holder, seminar, module) is not None:
                raise  # issued meanwhile by someone else: the caller returns that one
    raise IntegrityError("no free verification code or status index found")


def _create_once(*, kind, holder, by, language, facts_for, seminar=None, module=None):
    """(credential, True) when made now; (the one issued meanwhile by someone else, False)."""
    try:
        return _create(
            kind=kind,
            holder=holder,
            by=by,
            language=language,
            facts_for=facts_for,
            seminar=seminar,
            module=module,
        ), True
    except IntegrityError:
        return _existing(kind, holder, seminar, module), False


def _existing(kind, holder, seminar, module) -> Credential | None:
    return Credential.objects.filter(
        kind=kind, holder=holder, seminar=seminar, module=module
    ).first()


def _finish(credential: Credential, *, by, notify: bool, pdf: bool) -> Credential:
    sign(credential)
    if pdf:
        store_pdf(credential)
    record(
        actor=by,
        action=f"credential.issue.{credential.kind}",
        obj=credential,
        details={"holder": credential.holder_id, "code": credential.code},
    )
    if notify and credential.holder is not None:
        tell_holder(credential)
    return credential


def sign(credential: Credential) -> None:
    """Its Open Badges 3.0 form, signed with the issuer's current key (signing/openbadge.py)."""
    from .signing.keys import NoSigningKey
    from .signing.openbadge import sign_credential

    try:
        sign_credential(credential)
    except NoSigningKey as error:
        raise NotEligible(
            _(
                "Certificates cannot be signed: the issuer has no key yet. "
                "Run `manage.py credential_keys --ensure` on the server."
            )
        ) from error


def store_pdf(credential: Credential) -> None:
    """Render the certificate's PDF from its frozen facts and keep it with the credential."""
    from .pdf import certificate_pdf

    credential.pdf.save(f"{credential.code}.pdf", ContentFile(certificate_pdf(credential)))


def tell_holder(credential: Credential) -> None:
    """E-mail the holder a link to their wallet, once the transaction commits."""
    user = credential.holder
    context = {
        "user": user,
        "facts": credential.certified,
        "wallet_url": settings.SITE_URL.rstrip("/") + reverse("wallet"),
    }
    with translation.override(credential.language):
        text = render_to_string("credentials/email/issued.txt", context).strip()
    subject, _nl, body = text.partition("\n")
    transaction.on_commit(
        partial(send_mail, subject.strip(), body.strip() + "\n", None, [user.email])
    )


@transaction.atomic
def issue_attendance(application, *, by, notify: bool = True, pdf: bool = True) -> Credential:
    """The certificate of attendance of one application's seminar (only after check-in)."""
    if application.checked_in_at is None:
        raise NotEligible(_("Only participants who were checked in receive a certificate."))
    user, seminar = application.user, application.call.seminar
    existing = _existing(Credential.Kind.ATTENDANCE, user, seminar, None)
    if existing is not None:
        return existing
    marks = application.session_attendance.filter(present=True).select_related("session")
    sessions = [m.session for m in marks.prefetch_related("session__tags")]
    language = holder_language(user)

    def facts_for(code, now):
        lines = hours.attended_hours(sessions, hours.element_names())
        return CertifiedFacts(
            code=code,
            kind=Credential.Kind.ATTENDANCE,
            language=language,
            holder_name=user.get_full_name(),
            achievement=seminar.title_local,
            description=_(
                "Attended the cross-border seminar on countering trafficking in human beings; "
                "the hours are those of the sessions at which attendance was recorded."
            ),
            place=_place(seminar),
            start_date=seminar.start_date,
            end_date=seminar.end_date,
            issued_at=now,
            issuer_name=issuer_name(),
            signatory=signatory(),
            verify_url=verify_url(code),
            hours=lines,
            total_hours=hours.total(lines),
        )

    credential, new = _create_once(
        kind=Credential.Kind.ATTENDANCE,
        holder=user,
        seminar=seminar,
        by=by,
        language=language,
        facts_for=facts_for,
    )
    return _finish(credential, by=by, notify=notify, pdf=pdf) if new else credential


@transaction.atomic
def issue_completion(user, module, *, by, notify: bool = False, pdf: bool = True) -> Credential:
    """The certificate of completion of an online module whose quiz `user` passed."""
    from crossborder.learning.models import Attempt

    attempts = list(Attempt.objects.filter(quiz__module=module, user=user).order_by("started_at"))
    passed = [a for a in attempts if a.passed]
    if not passed:
        raise NotEligible(_("A certificate of completion needs the module's quiz passed."))
    existing = _existing(Credential.Kind.COMPLETION, user, None, module)
    if existing is not None:
        return existing
    language = holder_language(user)
    first_passed = passed[0]
    best = max(a.percent for a in passed)

    def facts_for(code, now):
        lines = hours.module_hours(module, hours.element_names())
        finished = timezone.localdate(first_passed.submitted_at or first_passed.started_at)
        return CertifiedFacts(
            code=code,
            kind=Credential.Kind.COMPLETION,
            language=language,
            holder_name=user.get_full_name(),
            achievement=module.title_local,
            description=_("Completed the online module and passed its assessment (%(score)s %%).")
            % {"score": round(best)},
            place=_("Online"),
            start_date=min(timezone.localdate(attempts[0].started_at), finished),
            end_date=finished,
            issued_at=now,
            issuer_name=issuer_name(),
            signatory=signatory(),
            verify_url=verify_url(code),
            hours=lines,
            total_hours=hours.total(lines),
            score_percent=round(best),
        )

    credential, new = _create_once(
        kind=Credential.Kind.COMPLETION,
        holder=user,
        module=module,
        by=by,
        language=language,
        facts_for=facts_for,
    )
    return _finish(credential, by=by, notify=notify, pdf=pdf) if new else credential


@transaction.atomic
def revoke_credential(credential: Credential, *, by, reason: str) -> Credential:
    """Revoke a certificate (it stays, marked revoked; the verification says so at once)."""
    reason = reason.strip()
    if not reason:
        raise NotEligible(_("Give the reason for the revocation."))
    updated = Credential.objects.filter(pk=credential.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason, revoked_by=by
    )
    if not updated:
        raise NotEligible(_("This certificate was revoked already."))
    credential.refresh_from_db()
    record(
        actor=by,
        action="credential.revoke",
        obj=credential,
        details={"reason": reason, "holder": credential.holder_id},
    )
    return credential


def passed_modules_without_certificate(user) -> list:
    """The modules whose quiz `user` passed and that have no certificate of completion yet."""
    from crossborder.learning.models import Module

    return list(
        Module.objects.filter(quiz__attempts__user=user, quiz__attempts__passed=True)
        .exclude(
            pk__in=Credential.objects.filter(holder=user, kind=Credential.Kind.COMPLETION).values(
                "module_id"
            )
        )
        .distinct()
        .order_by("order", "slug")
    )
