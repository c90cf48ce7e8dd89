"""The positions of the whole graph, laid out once (in the background) and stored on the lab
(`lab.graph_layout`, {entity key: [x, y]} in pixels), so that the browser draws the whole
dataset with a preset layout instead of computing one."""

import math
import time

import networkx as nx

from ..models import Lab
from .graph import build_graph

ITERATIONS = 30  # bounded: ~1,500 entities take about 5 s on this machine (issue 15 report)
SPREAD = 60  # pixels per node, roughly


def lay_out(lab: Lab) -> float:
    """Compute the spring layout of the lab's whole graph (networkx, seeded by the lab's seed,
    so a regenerated lab gets the same picture) and store it; returns the seconds it took."""
    started = time.perf_counter()
    graph = build_graph(lab).graph
    if len(graph):
        scale = SPREAD * math.sqrt(len(graph))
        pos = nx.spring_layout(graph, seed=lab.seed, iterations=ITERATIONS, scale=scale)
    else:
        pos = {}
    lab.graph_layout = {
        key: [round(float(x), 1), round(float(y), 1)] for key, (x, y) in pos.items()
    }
    lab.save(update_fields=["graph_layout"])
    return time.perf_counter() - started


def has_layout(lab: Lab) -> bool:
    return bool(lab.graph_layout)
