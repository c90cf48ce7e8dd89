"""Storing a generated case in the lab's tables, and the workflow around it: create a lab and
queue its generation, regenerate it with another seed while nobody has worked on it yet.

Generation is not one big transaction on purpose (like the group allocation): a big dataset
takes seconds, and the status page must see the progress meanwhile. A lab being generated is
"prepared" and shown to nobody but those who run it; if storing fails, the partial dataset is
deleted, the lab is marked failed with the message, and it can be generated again."""

from collections.abc import Callable
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from ..models import Entity, Lab, Link, Transaction
from .generator import generate_case

BATCH = 2000
STORING_START = 10  # percent once the case is generated in memory


class GenerationRefused(Exception):
    """The lab cannot be (re)generated now; the message says why."""


def refuse_regeneration(lab: Lab) -> None:
    """Raise GenerationRefused unless the lab's dataset may be replaced."""
    if lab.status != Lab.Status.PREPARED:
        raise GenerationRefused(
            _("This lab has been opened; its dataset can no longer be replaced.")
        )
    if lab.submissions.exists():
        raise GenerationRefused(
            _(
                "Groups or learners have already flagged items in this lab; its dataset can no "
                "longer be replaced."
            )
        )


def _report(lab: Lab, percent: int, progress: Callable[[int], None] | None) -> None:
    Lab.objects.filter(pk=lab.pk).update(generation_progress=percent)
    lab.generation_progress = percent
    if progress is not None:
        progress(percent)


def clear_dataset(lab: Lab) -> None:
    """Delete the lab's entities, links and transactions (fast: no per-row signals)."""
    Lab.objects.filter(pk=lab.pk).update(lead=None)
    Transaction.objects.filter(lab=lab).delete()
    Link.objects.filter(lab=lab).delete()
    Entity.objects.filter(lab=lab).delete()


def generate_lab(lab: Lab, progress: Callable[[int], None] | None = None) -> Lab:
    """Generate the lab's case from its seed, difficulty and size and store it, replacing any
    earlier dataset. Sets the lead, the truth summary, the briefs (and a title if it has
    none) and the generation status; on failure, generation=failed with the message."""
    refuse_regeneration(lab)
    # Claim the lab: a second task queued by a double click finds it running and stops.
    claimed = (
        Lab.objects.filter(pk=lab.pk)
        .exclude(generation=Lab.Generation.RUNNING)
        .update(generation=Lab.Generation.RUNNING, generation_progress=0, generation_error="")
    )
    if not claimed:
        lab.refresh_from_db()
        return lab
    lab.generation = Lab.Generation.RUNNING
    try:
        case = generate_case(lab.seed, lab.difficulty, lab.transactions_wanted)
        _report(lab, STORING_START, progress)
        clear_dataset(lab)
        _store(lab, case, progress)
    except Exception as error:
        clear_dataset(lab)
        message = str(error) or error.__class__.__name__
        Lab.objects.filter(pk=lab.pk).update(
            generation=Lab.Generation.FAILED, generation_error=message[:2000]
        )
        lab.generation, lab.generation_error = Lab.Generation.FAILED, message
        return lab
    return lab


def _store(lab: Lab, case, progress) -> None:
    entities = [
        Entity(
            lab=lab,
            key=e.key,
            kind=e.kind,
            name=e.name[:200],
            country=e.country,
            details=e.details,
            truth_role=e.truth_role,
            truth_flags=e.truth_flags,
        )
        for e in case.entities
    ]
    Entity.objects.bulk_create(entities, batch_size=BATCH)
    pk = {e.key: e.pk for e in entities}
    if None in pk.values():  # a backend that does not return keys from bulk inserts
        pk = dict(Entity.objects.filter(lab=lab).values_list("key", "pk"))
    Link.objects.bulk_create(
        [
            Link(lab=lab, source_id=pk[link.source], target_id=pk[link.target], kind=link.kind)
            for link in case.links
        ],
        batch_size=BATCH,
    )
    _report(lab, 25, progress)
    total = len(case.transactions)
    for start in range(0, total, BATCH):
        Transaction.objects.bulk_create(
            [
                Transaction(
                    lab=lab,
                    key=t.key,
                    at=t.at,
                    source_id=pk[t.source],
                    target_id=pk[t.target],
                    amount=t.amount,
                    currency=t.currency,
                    channel=t.channel,
                    reference=t.reference[:140],
                    truth_flags=t.truth_flags,
                    truth_network=t.truth_network,
                )
                for t in case.transactions[start : start + BATCH]
            ]
        )
        _report(lab, 25 + int(74 * min(total, start + BATCH) / total), progress)
    lab.lead_id = pk[case.lead]
    lab.truth_summary = case.truth
    lab.brief, lab.brief_fr, lab.brief_de = case.brief["en"], case.brief["fr"], case.brief["de"]
    if not lab.title.strip():
        start = case.transactions[0].at
        lab.title = f"Follow the money ({case.country}, {start:%m/%Y})"
    lab.graph_layout = {}
    lab.generated_at = timezone.now()
    lab.generation = Lab.Generation.DONE
    lab.generation_progress = 100
    lab.generation_error = ""
    lab.save(
        update_fields=[
            "lead",
            "truth_summary",
            "brief",
            "brief_fr",
            "brief_de",
            "title",
            "graph_layout",
            "generated_at",
            "generation",
            "generation_progress",
            "generation_error",
        ]
    )
    if progress is not None:
        progress(100)


@transaction.atomic
def start_generation(lab: Lab, *, by) -> Lab:
    """Queue the generation of a lab (new, failed, or with a new seed)."""
    from .tasks import generate_lab_task

    lab = Lab.objects.select_for_update().get(pk=lab.pk)
    refuse_regeneration(lab)
    if lab.generation == Lab.Generation.RUNNING:
        raise GenerationRefused(_("This lab's dataset is being generated; wait for it to finish."))
    Lab.objects.filter(pk=lab.pk).update(
        generation=Lab.Generation.QUEUED, generation_progress=0, generation_error=""
    )
    lab.refresh_from_db()
    record(
        actor=by,
        action="lab.generate",
        obj=lab,
        details={
            "seed": lab.seed,
            "difficulty": lab.difficulty,
            "transactions": lab.transactions_wanted,
        },
    )
    transaction.on_commit(partial(generate_lab_task.enqueue, lab_id=lab.pk))
    return lab


@transaction.atomic
def create_lab(*, by, **fields) -> Lab:
    """Create a prepared lab (title, workshop or module, seed, difficulty, size) and queue the
    generation of its dataset."""
    lab = Lab.objects.create(
        created_by=by,
        status=Lab.Status.PREPARED,
        generation=Lab.Generation.QUEUED,
        **fields,
    )
    record(actor=by, action="lab.create", obj=lab, details={"title": lab.title})
    return start_generation(lab, by=by)


@transaction.atomic
def regenerate_lab(lab: Lab, *, seed: int, by) -> Lab:
    """Replace the dataset of a prepared lab nobody has worked on, with another seed."""
    locked = Lab.objects.select_for_update().get(pk=lab.pk)
    refuse_regeneration(locked)
    if locked.generation == Lab.Generation.RUNNING:
        raise GenerationRefused(_("This lab's dataset is being generated; wait for it to finish."))
    Lab.objects.filter(pk=lab.pk).update(seed=seed)
    locked.seed = seed
    return start_generation(locked, by=by)
