"""Knowledge tests before and after each seminar: parallel forms (drawing.py), taking them
(services.py), their analysis (analysis.py) and pages (views.py)."""
