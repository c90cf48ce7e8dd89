"""The sections of the indicator set, in the order the page, the API, the PDF and the workbook
show them; registered when the app is ready (apps.py)."""

from .completion import modules_section
from .indicators import attendance_section, diversity_section, reach_section, register
from .outcomes import followup_section, knowledge_section, satisfaction_section


def register_sections() -> None:
    register("reach", reach_section, order=10)
    register("diversity", diversity_section, order=20)
    register("attendance", attendance_section, order=30)
    register("modules", modules_section, order=40)
    register("knowledge", knowledge_section, order=50)
    register("satisfaction", satisfaction_section, order=60)
    register("follow_up", followup_section, order=70)
