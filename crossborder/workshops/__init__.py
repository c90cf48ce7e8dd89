"""Workshops: the participants of a workshop slot split into well-mixed groups, and the
exercises the groups work on (the joint-investigation-team simulation)."""
