"""Evaluation of the programme: knowledge tests before and after each seminar (learning),
surveys (reaction, and behaviour months later), and the funder's indicators and reports.
Each part keeps its models in its own module here."""

from .reports import FunderReport  # noqa: F401
