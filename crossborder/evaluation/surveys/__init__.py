"""Surveys of a seminar's attendees: the builder (`builder_views`, `forms`), the default
questions (`defaults`), answering (`answering`, `answer_views`), the workflows (`services`),
invitations and reminders (`tasks`, `emails`) and the results (`analysis`, `result_views`).

Other parts of the programme call `analysis.satisfaction_summary`, `analysis.followup_outcomes`,
`analysis.open_surveys_for`, `analysis.running_surveys` and `analysis.ratings_for_speaker`."""
