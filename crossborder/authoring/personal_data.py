"""Personal data of authoring: the modules a trainer owns, and their edits in the version
history of modules, lessons, questions and library entries."""

from django.utils.translation import gettext_lazy as _

from crossborder.learning.models import Lesson, Module, Question
from crossborder.library.models import Entry

LABEL = _("Authoring")

VERSIONED = {"module": Module, "lesson": Lesson, "question": Question, "library_entry": Entry}


def export(user) -> dict:
    return {
        "modules_owned": list(
            Module.objects.filter(owners=user).order_by("title").values_list("title", flat=True)
        ),
        "versions_saved": {
            kind: [
                {"id": row["id"], "at": row["history_date"], "change": row["history_type"]}
                for row in model.history.filter(history_user=user)
                .order_by("history_date")
                .values("id", "history_date", "history_type")
            ]
            for kind, model in VERSIONED.items()
        },
    }


def erase(user) -> None:
    """The person no longer owns a module. The versions they saved stay (the content belongs
    to the programme); their name goes with the account itself."""
    user.authored_modules.clear()
