"""Authoring in the browser: modules, lessons, the question bank, library entries, their history."""
