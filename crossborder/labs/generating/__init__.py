"""The lab's dataset: the synthetic case generator (seed, difficulty, size), storing it in the
lab's tables, the form and background task that create a lab, and the downloads (CSV, GraphML)
and `GET /api/v1/labs/{id}/dataset`."""
