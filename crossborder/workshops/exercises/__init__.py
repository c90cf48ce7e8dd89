"""Workshop exercises: loading them from their content folders (loader.py), running them in a
workshop slot (services.py) and the pages of the trainer and the groups (views.py)."""
