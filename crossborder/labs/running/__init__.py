"""Running a lab: opening and closing it, the flag form and submission, scoring against the
ground truth, the trainer's comparison of groups and the reveal, self-study in a module, and
`POST /api/v1/labs/{id}/flags`."""
