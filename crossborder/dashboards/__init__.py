"""The dashboard's cards, one module per audience: what each person needs when they land.

- learner.py: a participant's things to do, applications, seminars and modules;
- programme.py: what needs programme staff's attention, the programme at a glance, and the
  anonymous totals of practitioners trained (also the funder's);
- speaker.py: a trainer's sessions and modules.

Each function returns the context of its cards; the view (crossborder/views.py) asks
crossborder/access.py which of them a person gets.
"""
