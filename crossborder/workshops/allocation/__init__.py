"""Workshop groups: who takes part (people.py), the diversity score and its random baseline
(scores.py), the CP-SAT model (solver.py), conflicts said in words (checks.py), the workflow
(services.py, tasks.py) and the pages and API (views.py, api.py)."""
