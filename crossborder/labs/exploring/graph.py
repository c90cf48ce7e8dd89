"""The lab's dataset as a networkx graph, and the pieces of it the browser draws.

Entities are nodes (named by their key); an edge joins two entities that are linked (holds,
directs, uses, ...) or between which money moved. The graph is undirected for the algorithms
(who is connected to whom); the elements sent to Cytoscape.js keep the direction of the money.

Hubs (cash machines and anything with very many neighbours) connect almost everything to
everything: the neighbourhood shows them but does not walk through them, and the shortest
path goes through one only when there is no other way.

Ground truth (an entity's role, a money flow that is the network's) is only put into the
elements when the caller says the person may see it (`access.can_see_lab_truth`).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from django.db.models import Count, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Entity, Lab, Link

HUB_KINDS = {Entity.Kind.CASH_POINT}
HUB_DEGREE = 40  # more neighbours than this makes an entity a hub
HUB_PENALTY = 100  # a path step through a hub costs as much as this many ordinary steps
MAX_NODES = 150  # the most nodes one neighbourhood sends (the closest, the biggest flows first)
MAX_DEPTH = 3
NEIGHBOURHOOD_SPREAD = 70  # pixels per node, roughly, of a neighbourhood's spring layout


class GraphError(Exception):
    """The request cannot be answered; the message says why (unknown key, no path, ...)."""


@dataclass
class LabGraph:
    lab: Lab
    graph: nx.Graph
    entities: dict[str, dict]
    links: list[dict] = field(default_factory=list)
    flows: list[dict] = field(default_factory=list)
    truth: bool = False

    def hubs(self) -> set[str]:
        return {
            key
            for key, degree in self.graph.degree()
            if self.entities[key]["kind"] in HUB_KINDS or degree > HUB_DEGREE
        }

    def entity(self, key: str) -> str:
        """The key as stored (keys are typed in any case), or GraphError."""
        key = (key or "").strip().upper()
        if not self.entities:
            raise GraphError(_("The dataset has not been generated yet."))
        if not key:
            raise GraphError(_("Give an identifier, e.g. ACC-001."))
        if key not in self.entities:
            raise GraphError(_("“%(key)s” is not in this lab's dataset.") % {"key": key})
        return key


def build_graph(lab: Lab, *, truth: bool = False) -> LabGraph:
    """The whole dataset as a graph, in three queries whatever its size."""
    fields = ["pk", "key", "kind", "name", "country"]
    if truth:
        fields += ["truth_role", "truth_flags"]
    rows = list(lab.entities.order_by("key").values(*fields))
    by_pk = {row["pk"]: row["key"] for row in rows}
    entities = {row["key"]: row for row in rows}
    graph = nx.Graph()
    graph.add_nodes_from(entities)
    links = [
        {"id": f"L{pk}", "source": by_pk[s], "target": by_pk[t], "kind": kind}
        for pk, s, t, kind in lab.links.values_list("pk", "source_id", "target_id", "kind")
    ]
    for link in links:
        graph.add_edge(link["source"], link["target"])
    aggregates = {"total": Sum("amount"), "n": Count("pk")}
    if truth:
        aggregates["network"] = Count("pk", filter=Q(truth_network=True))
    flows = []
    for row in (
        lab.transactions.values("source_id", "target_id", "currency")
        .annotate(**aggregates)
        .order_by("source_id", "target_id", "currency")
    ):
        source, target = by_pk[row["source_id"]], by_pk[row["target_id"]]
        flow = {
            "id": f"F{row['source_id']}-{row['target_id']}-{row['currency']}",
            "source": source,
            "target": target,
            "total": row["total"] or Decimal(0),
            "n": row["n"],
            "currency": row["currency"],
        }
        if truth:
            flow["network"] = row["network"] > 0
        flows.append(flow)
        edge = graph.get_edge_data(source, target)
        money = float(flow["total"]) + (edge.get("money", 0.0) if edge else 0.0)
        graph.add_edge(source, target, money=money)
    return LabGraph(lab=lab, graph=graph, entities=entities, links=links, flows=flows, truth=truth)


def neighbourhood(lg: LabGraph, focus: str, depth: int = 1) -> tuple[list[str], int]:
    """The entities within `depth` steps of `focus` (not walking through hubs), closest and
    biggest money flows first, at most MAX_NODES; and how many more were left out."""
    focus = lg.entity(focus)
    graph, hubs = lg.graph, lg.hubs() - {focus}
    passable = graph.subgraph(set(graph) - hubs)
    distance = nx.single_source_shortest_path_length(passable, focus, cutoff=depth)
    for key, steps in list(distance.items()):
        if steps < depth:
            for hub in hubs.intersection(graph[key]):
                distance.setdefault(hub, steps + 1)

    def order(key):
        edge = graph.get_edge_data(focus, key) or {}
        return (distance[key], -edge.get("money", 0.0), key)

    ranked = sorted(distance, key=order)
    return ranked[:MAX_NODES], max(0, len(ranked) - MAX_NODES)


def shortest_path(lg: LabGraph, source: str, target: str) -> list[str]:
    """The entities on a shortest chain from `source` to `target` that avoids hubs where it can."""
    source, target = lg.entity(source), lg.entity(target)
    if source == target:
        raise GraphError(_("Give two different identifiers."))
    hubs = lg.hubs() - {source, target}

    def cost(u, v, _data):
        return 1 + HUB_PENALTY * ((u in hubs) + (v in hubs))

    try:
        return nx.shortest_path(lg.graph, source, target, weight=cost)
    except nx.NetworkXNoPath:
        raise GraphError(
            _("No chain of links or payments connects %(source)s and %(target)s.")
            % {"source": source, "target": target}
        ) from None


def spread(lg: LabGraph, keys: list[str], centre: str) -> dict[str, tuple[float, float]]:
    """Positions for `keys` (a spring layout of the part of the graph between them), shifted so
    that `centre` is at the origin: the browser adds them around the node it already shows."""
    sub = lg.graph.subgraph(keys)
    scale = NEIGHBOURHOOD_SPREAD * math.sqrt(len(keys))
    pos = nx.spring_layout(sub, seed=lg.lab.seed, iterations=60, scale=scale)
    cx, cy = pos[centre]
    return {key: (round(float(x - cx), 1), round(float(y - cy), 1)) for key, (x, y) in pos.items()}


def _money(total: Decimal, currency: str, n: int) -> str:
    amount = number_format(total, decimal_pos=0, use_l10n=True, force_grouping=True)
    return ngettext(
        "%(amount)s %(currency)s · %(n)s payment",
        "%(amount)s %(currency)s · %(n)s payments",
        n,
    ) % {"amount": amount, "currency": currency, "n": n}


def _width(total: Decimal) -> float:
    """Edge width in pixels, by the order of magnitude of the money (1 to 12)."""
    return round(min(12.0, 1.0 + 2.0 * math.log10(1.0 + float(total) / 100.0)), 1)


def elements(lg: LabGraph, keys, positions: dict | None = None) -> dict:
    """The Cytoscape.js elements of the entities `keys` and of the edges among them."""
    shown = set(keys)
    kinds = dict(Entity.Kind.choices)
    nodes = []
    for key in keys:
        row = lg.entities[key]
        name = row["name"] if len(row["name"]) <= 28 else row["name"][:27] + "…"
        data = {
            "id": key,
            "kind": row["kind"],
            "kindLabel": str(kinds.get(row["kind"], row["kind"])),
            "name": row["name"],
            "country": row["country"],
            "label": f"{key}\n{name}",
        }
        if lg.truth:
            data["role"] = row["truth_role"]
            data["truthFlags"] = row["truth_flags"]
        node = {"group": "nodes", "data": data}
        if positions is not None and key in positions:
            x, y = positions[key]
            node["position"] = {"x": x, "y": y}
        nodes.append(node)
    relations = dict(Link.Kind.choices)
    edges = [
        {
            "group": "edges",
            "data": {**link, "kind": "link", "relation": link["kind"]},
            "classes": "link",
        }
        for link in lg.links
        if link["source"] in shown and link["target"] in shown
    ]
    for edge in edges:
        edge["data"]["label"] = str(relations.get(edge["data"]["relation"], ""))
    for flow in lg.flows:
        if flow["source"] in shown and flow["target"] in shown:
            data = {
                "id": flow["id"],
                "source": flow["source"],
                "target": flow["target"],
                "kind": "flow",
                "total": float(flow["total"]),
                "n": flow["n"],
                "currency": flow["currency"],
                "width": _width(flow["total"]),
                "label": _money(flow["total"], flow["currency"], flow["n"]),
            }
            if lg.truth:
                data["network"] = flow["network"]
            edges.append({"group": "edges", "data": data, "classes": "flow"})
    return {"nodes": nodes, "edges": edges}
