"""Enrolment pages: participant.py (applying, one's applications, badge, nomination links),
staff.py (call, applications, selection, waiting list) and desk.py (participants at the
seminar: lists, check-in, attendance, import)."""
