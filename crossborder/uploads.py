"""Upload → preview → confirm, the one flow of every import page.

The first POST carries the file: it is checked and parsed, the rows that can be stored are kept
in the session with a one-time token, and the page shows the preview. The second POST
("confirm", with the token) stores what was previewed. Nothing is stored before confirming,
and a stale or forged token (another tab, another object) stores nothing.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.shortcuts import render


@dataclass(frozen=True)
class Accept:
    """What a page accepts; each message is shown to the person as it is."""

    choose: str  # no file was sent
    max_bytes: int
    too_large: str = ""  # empty: the parser judges the size (it gets max_bytes + 1 bytes)
    suffixes: tuple[str, ...] = ()
    wrong_type: str = ""

    def problem(self, upload) -> str:
        if upload is None:
            return self.choose
        if self.too_large and upload.size > self.max_bytes:
            return self.too_large
        if self.suffixes and not upload.name.lower().endswith(self.suffixes):
            return self.wrong_type
        return ""


@dataclass
class Step:
    """Where the flow stands after this request."""

    stage: str  # "upload" (the form, maybe with an error), "preview", "done" or "stale"
    error: str = ""
    preview: Any = None  # what `parse` returned for the page
    token: str = ""
    result: Any = None  # what `store` returned
    status: int = field(init=False)

    def __post_init__(self):
        self.status = 400 if self.error else 200


def upload_preview_confirm(
    request,
    *,
    key: str,
    owner: int,
    accept: Accept,
    parse: Callable[[str, bytes], tuple[Any, list]],
    store: Callable[[list], Any],
    errors: tuple[type[Exception], ...] = (),
) -> Step:
    """`parse(name, content)` returns (what the preview shows, the rows to keep) or raises one
    of `errors` with a message for the person; `store(rows)` stores the kept rows."""
    if request.method != "POST":
        return Step("upload")
    if "confirm" in request.POST:
        pending = request.session.pop(key, None) or {}
        token = request.POST.get("token", "")
        if pending.get("owner") != owner or not token or pending.get("token") != token:
            return Step("stale")
        return Step("done", result=store(pending["rows"]))
    upload = request.FILES.get("file")
    problem = accept.problem(upload)
    if problem:
        return Step("upload", error=problem)
    try:
        preview, keep = parse(upload.name, upload.read(accept.max_bytes + 1))
    except errors as error:
        return Step("upload", error=str(error))
    token = secrets.token_urlsafe(12)
    request.session[key] = {"owner": owner, "token": token, "rows": keep}
    return Step("preview", preview=preview, token=token)


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is declared larger than settings.MAX_REQUEST_BYTES with a
    413 page, before anything reads the body. Django's own limits cover form fields
    (DATA_UPLOAD_MAX_MEMORY_SIZE) and how much of a file stays in memory, not a file's size;
    each upload page then checks its own, smaller limit with a message on the form. The API
    (/api/) answers in JSON: its bodies are read whole, so DATA_UPLOAD_MAX_MEMORY_SIZE bounds
    them, and an endpoint that takes large bodies refuses them in its own schema."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.MAX_REQUEST_BYTES
        if declared > limit and not request.path.startswith("/api/"):
            return render(request, "413.html", {"limit": limit // (1024 * 1024)}, status=413)
        return self.get_response(request)
