"""The evaluation pages; each part (knowledge tests, surveys, reports) has its own patterns."""

urlpatterns = []
