"""Pages of the workshops: groups (allocation, moves, lists) and exercises (drafts, injects,
debrief)."""

urlpatterns: list = []
