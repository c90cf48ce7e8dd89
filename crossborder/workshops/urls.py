"""Pages of the workshops: groups (allocation, moves, lists) and exercises (drafts, injects,
debrief)."""

from django.urls import include, path

from .jit import views as jit

urlpatterns: list = [
    path("", include("crossborder.workshops.allocation.urls")),
    path("", include("crossborder.workshops.exercises.urls")),
]

# The JIT agreement each group drafts (crossborder/workshops/jit/).
RUN = "workshops/runs/<int:exercise_run_id>/drafts/"
GROUP = RUN + "<int:group_number>/"
urlpatterns += [
    path(RUN, jit.drafts_grid, name="jit-drafts"),
    path(RUN + "debrief/", jit.drafts_debrief, name="jit-debrief"),
    path(RUN + "mine/", jit.my_draft, name="jit-my-draft"),
    path(GROUP, jit.draft_page, name="jit-draft"),
    path(GROUP + "rows/<slug:section_key>/", jit.draft_row, name="jit-draft-row"),
    path(GROUP + "comments/<slug:section_key>/", jit.draft_comment, name="jit-comment"),
    path(GROUP + "agreement.docx", jit.draft_docx, name="jit-docx"),
    path(GROUP + "agreement.pdf", jit.draft_pdf, name="jit-pdf"),
]
