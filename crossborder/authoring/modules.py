"""Authoring workflows on modules and lessons: each one audited, each marks what a person saved
in the browser (`edited_at`) so that `load_content` leaves it alone."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from crossborder.audit.models import record
from crossborder.learning.models import Lesson, Module, Question


class AuthoringError(Exception):
    """Not possible now; the message is for the author."""


def publish_problems(module: Module) -> list[str]:
    """Why the module cannot be published as it is (empty when it can)."""
    problems = []
    if not module.lessons.exists():
        problems.append(_("The module has no lessons: add at least one before publishing."))
    quiz = getattr(module, "quiz", None)
    if quiz is None or quiz.pk is None:
        return [*problems, _("The module has no quiz settings yet: save the module first.")]
    fixed = set(quiz.questions.filter(hidden=False).values_list("pk", flat=True))
    drawable = (
        Question.objects.filter(module=module, hidden=False)
        .exclude(kind__in=Question.UNSCORED)
        .exclude(pk__in=fixed)
        .count()
    )
    if quiz.draw_count > drawable:
        problems.append(
            _(
                "Questions drawn at random: the quiz draws %(n)s questions but the bank has "
                "only %(have)s visible questions to draw from. Add questions or lower the number."
            )
            % {"n": quiz.draw_count, "have": drawable}
        )
    elif quiz.draw_count == 0 and not fixed:
        problems.append(_("The quiz has no questions: draw some or fix some."))
    return problems


def unique_slug(model, title: str, **scope) -> str:
    """A slug from the title that no other row of `model` (within `scope`) uses."""
    base = slugify(title)[:45].rstrip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_module(*, form, quiz_form, by) -> Module:
    """A new module, always a draft, with its quiz. A trainer who creates it becomes its owner."""
    module = form.save(commit=False)
    module.status = Module.Status.DRAFT
    module.edited_at = timezone.now()
    module.order = (Module.objects.aggregate(n=Max("order"))["n"] or 0) + 1
    module.save()
    form.save_m2m()
    if "owners" not in form.cleaned_data:  # only managers assign owners
        module.owners.add(by)
    quiz = quiz_form.save(commit=False)
    quiz.module = module
    quiz.save()
    record(actor=by, action="module.create", obj=module, details={"slug": module.slug})
    return module


@transaction.atomic
def update_module(*, form, quiz_form, by) -> Module:
    module = form.save(commit=False)
    module.edited_at = timezone.now()
    module.save()
    form.save_m2m()
    quiz_form.save()
    record(
        actor=by,
        action="module.update",
        obj=module,
        details={"fields": form.changed_data + quiz_form.changed_data},
    )
    return module


@transaction.atomic
def publish_module(*, module: Module, by) -> Module:
    """Draft → published, when it has lessons and enough questions for its quiz."""
    module = Module.objects.select_for_update().get(pk=module.pk)
    if module.status != Module.Status.DRAFT:
        raise AuthoringError(_("Only a draft can be published."))
    problems = publish_problems(module)
    if problems:
        raise AuthoringError(" ".join(problems))
    return _set_status(module, Module.Status.PUBLISHED, by)


@transaction.atomic
def archive_module(*, module: Module, by) -> Module:
    """Hide a module from learners (their attempts and results are kept)."""
    module = Module.objects.select_for_update().get(pk=module.pk)
    if module.status == Module.Status.ARCHIVED:
        raise AuthoringError(_("The module is already archived."))
    return _set_status(module, Module.Status.ARCHIVED, by)


@transaction.atomic
def unarchive_module(*, module: Module, by) -> Module:
    """An archived module comes back as a draft: publishing it checks it again."""
    module = Module.objects.select_for_update().get(pk=module.pk)
    if module.status != Module.Status.ARCHIVED:
        raise AuthoringError(_("Only an archived module can be restored."))
    return _set_status(module, Module.Status.DRAFT, by)


def _set_status(module: Module, status: str, by) -> Module:
    previous = module.status
    module.status = status
    module.edited_at = timezone.now()
    module.save(update_fields=["status", "edited_at"])
    record(actor=by, action="module.status", obj=module, details={"from": previous, "to": status})
    return module


@transaction.atomic
def save_lesson(*, form, module: Module, by) -> Lesson:
    """Create or update a lesson of `module` (a new one goes last)."""
    lesson = form.save(commit=False)
    created = lesson.pk is None
    if created:
        lesson.module = module
        lesson.order = (module.lessons.aggregate(n=Max("order"))["n"] or 0) + 1
        lesson.slug = unique_slug(Lesson, lesson.title, module=module)
    lesson.edited_at = timezone.now()
    lesson.save()
    record(
        actor=by,
        action="lesson.create" if created else "lesson.update",
        obj=lesson,
        details={"module": module.slug, "fields": form.changed_data},
    )
    return lesson


@transaction.atomic
def delete_lesson(*, lesson: Lesson, by) -> None:
    record(
        actor=by,
        action="lesson.delete",
        obj=lesson,
        details={"module": lesson.module.slug, "slug": lesson.slug},
    )
    module, order = lesson.module, lesson.order
    lesson.delete()
    module.lessons.filter(order__gt=order).update(order=F("order") - 1)


@transaction.atomic
def move_lesson(*, lesson: Lesson, up: bool, by) -> bool:
    """Swap the lesson with the one before (up) or after it; False at either end."""
    lessons = list(Lesson.objects.select_for_update().filter(module_id=lesson.module_id))
    lessons.sort(key=lambda item: (item.order, item.pk))
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(lessons):
        return False
    lessons[index], lessons[other] = lessons[other], lessons[index]
    now = timezone.now()
    for number, item in enumerate(lessons, 1):
        if item.order != number:
            item.order = number
            item.edited_at = now
            item.save(update_fields=["order", "edited_at"])
    record(
        actor=by,
        action="lesson.move",
        obj=lesson,
        details={"module": lesson.module.slug, "to": other + 1},
    )
    return True


@transaction.atomic
def record_image_upload(*, module: Module, name: str, by) -> None:
    """An image stored for a module's lessons (the file itself is in the storage)."""
    record(actor=by, action="lesson.image.upload", obj=module, details={"file": name})
