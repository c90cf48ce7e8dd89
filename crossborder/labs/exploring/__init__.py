"""Exploring a lab's dataset in the browser: filterable, sortable tables of each kind, the
network graph (Cytoscape.js) with "expand neighbours" and "shortest path", and the timeline of
transactions."""
