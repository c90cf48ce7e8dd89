/* The lab's network graph (labs/explore/graph.html): draws what the server sends
   (crossborder/labs/exploring/graph.py: elements with positions computed by networkx) with
   Cytoscape.js, and wires the controls: select an entity (side panel), expand its neighbours,
   shortest path, whole dataset, fit, and the reveal of the hidden network.
   Timings for the browser test are kept in window.labGraphTimings. */
(function () {
  "use strict";

  var box = document.getElementById("graph");
  if (!box || typeof cytoscape !== "function") return;
  var cfg = box.dataset;
  var status = document.getElementById("graph-status");
  var list = document.getElementById("visible-nodes");
  var expandButton = document.getElementById("expand");
  var reveal = document.getElementById("reveal");
  var timings = (window.labGraphTimings = { expands: [] });
  var selected = null;

  var SHAPES = {
    person: ["ellipse", "#f59e0b"],
    company: ["rectangle", "#7c3aed"],
    account: ["round-rectangle", "#2563eb"],
    phone: ["triangle", "#059669"],
    ad: ["diamond", "#db2777"],
    photo: ["hexagon", "#0891b2"],
    wallet: ["star", "#ca8a04"],
    address: ["pentagon", "#65a30d"],
    cash_point: ["octagon", "#475569"],
  };
  var style = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "text-wrap": "wrap",
        "font-size": 9,
        "text-valign": "bottom",
        "text-margin-y": 3,
        color: "#111827",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.8,
        "min-zoomed-font-size": 7,
        width: 22,
        height: 22,
        "border-width": 1,
        "border-color": "#1f2937",
      },
    },
    { selector: "node[kind = 'account']", style: { width: 30, height: 18 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#111827", "overlay-opacity": 0.15 } },
    {
      selector: "edge.link",
      style: {
        width: 1,
        "line-color": "#94a3b8",
        "curve-style": "bezier",
        label: "data(label)",
        "font-size": 7,
        color: "#475569",
        "min-zoomed-font-size": 8,
        "text-rotation": "autorotate",
      },
    },
    {
      selector: "edge.flow",
      style: {
        width: "data(width)",
        "line-color": "#60a5fa",
        "target-arrow-color": "#2563eb",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        "curve-style": "bezier",
        label: "data(label)",
        "font-size": 7,
        color: "#1e3a8a",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.8,
        "min-zoomed-font-size": 8,
        "text-rotation": "autorotate",
      },
    },
    { selector: ".path", style: { "border-width": 4, "border-color": "#16a34a", "line-color": "#16a34a", "target-arrow-color": "#16a34a", "z-index": 10 } },
    { selector: "node.reveal[role = 'network']", style: { "border-width": 6, "border-color": "#dc2626", "background-blacken": -0.1 } },
    { selector: "node.reveal[role = 'victim']", style: { "border-width": 4, "border-style": "dashed", "border-color": "#ea580c" } },
    { selector: "edge.reveal[?network]", style: { "line-color": "#dc2626", "target-arrow-color": "#dc2626", "z-index": 9 } },
  ];
  Object.keys(SHAPES).forEach(function (kind) {
    style.push({
      selector: "node[kind = '" + kind + "']",
      style: { shape: SHAPES[kind][0], "background-color": SHAPES[kind][1] },
    });
  });

  style.push({ selector: "edge.overview", style: { label: "", "curve-style": "haystack", "target-arrow-shape": "none" } });
  style.push({ selector: "node.overview", style: { "min-zoomed-font-size": 12 } });

  /* `big`: the whole dataset; while panning and zooming, edges are hidden and the picture is
     moved as a texture, so that it stays fluid with thousands of elements. */
  function makeCy(big) {
    var made = cytoscape({
      container: box,
      style: style,
      layout: { name: "preset" },
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      hideEdgesOnViewport: big,
      textureOnViewport: big,
      motionBlur: false,
      pixelRatio: big ? 1 : "auto",
    });
    made.on("tap", "node", function (event) {
      select(event.target.id());
    });
    window.labGraph = made; // for the browser test (pan/zoom)
    return made;
  }
  var bigMode = false;
  var cy = makeCy(false);

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, name) {
      return values[name];
    });
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      function (response) {
        return response.json().then(function (body) {
          if (!response.ok || body.error) throw new Error(body.error || response.statusText);
          return body;
        });
      }
    );
  }

  function afterRender(callback) {
    cy.one("render", function () {
      callback(performance.now());
    });
  }

  /* Add the elements not shown yet; positions are relative to `origin` (a node's position). */
  function add(data, origin, classes) {
    var added = [];
    data.nodes.forEach(function (node) {
      if (cy.getElementById(node.data.id).nonempty()) return;
      if (node.position) {
        node.position = { x: node.position.x + origin.x, y: node.position.y + origin.y };
      }
      added.push(node);
    });
    var edges = data.edges.filter(function (edge) {
      return cy.getElementById(edge.data.id).empty();
    });
    var extra = ((classes || "") + (reveal && reveal.checked ? " reveal" : "")).trim();
    if (extra) {
      added.concat(edges).forEach(function (element) {
        element.classes = ((element.classes || "") + " " + extra).trim();
      });
    }
    var made = cy.add(added.concat(edges));
    return made;
  }

  function refreshList() {
    var nodes = cy.nodes().sort(function (a, b) {
      return a.id() < b.id() ? -1 : 1;
    });
    var base = cfg.entityUrl + "?key=";
    var items = [];
    nodes.forEach(function (node) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + encodeURIComponent(node.id());
      a.dataset.key = node.id();
      a.className = "kind-" + node.data("kind");
      a.textContent = node.id() + " ";
      var name = document.createElement("span");
      name.textContent = node.data("name") + " (" + node.data("kindLabel") + ")";
      a.appendChild(name);
      if (selected && node.id() === selected) a.setAttribute("aria-current", "true");
      li.appendChild(a);
      items.push(li);
    });
    list.replaceChildren.apply(list, items);
  }

  function select(key, fromList) {
    var node = cy.getElementById(key);
    if (node.empty()) return;
    selected = key;
    cy.nodes(":selected").unselect();
    node.select();
    if (fromList) cy.animate({ center: { eles: node } }, { duration: 200 });
    expandButton.disabled = false;
    list.querySelectorAll("a[aria-current]").forEach(function (a) {
      a.removeAttribute("aria-current");
    });
    var link = list.querySelector('a[data-key="' + key + '"]');
    if (link) link.setAttribute("aria-current", "true");
    var url = cfg.entityUrl + "?key=" + encodeURIComponent(key);
    if (window.htmx) {
      window.htmx.ajax("GET", url, { target: "#entity-panel", swap: "innerHTML" });
    }
  }

  function load(url, big, done) {
    say(cfg.msgLoading);
    var started = performance.now();
    getJSON(url)
      .then(function (data) {
        var fetched = performance.now();
        if (big !== bigMode) {
          cy.destroy();
          cy = makeCy(big);
          bigMode = big;
        } else {
          cy.elements().remove();
        }
        afterRender(function (at) {
          done(data, { fetch: fetched - started, total: at - started, at: at });
        });
        add(data, { x: 0, y: 0 }, big ? "overview" : "");
        cy.layout({ name: "preset", fit: true, padding: 30 }).run();
        refreshList();
      })
      .catch(function (error) {
        say(error.message, true);
      });
  }

  function loadFocus(key) {
    var url = cfg.dataUrl + "?depth=1&focus=" + encodeURIComponent(key || "");
    load(url, false, function (data, t) {
      if (timings.firstRender === undefined) {
        timings.firstRender = t.at; // since the navigation started
        timings.firstLoad = t.total;
        timings.firstFetch = t.fetch;
      }
      say(fill(cfg.msgLoaded, { n: cy.nodes().length }));
      if (data.focus) select(data.focus);
    });
  }

  expandButton.addEventListener("click", function () {
    if (!selected) return;
    var node = cy.getElementById(selected);
    var origin = node.position();
    var started = performance.now();
    say(cfg.msgLoading);
    getJSON(cfg.dataUrl + "?depth=1&focus=" + encodeURIComponent(selected))
      .then(function (data) {
        var fetched = performance.now();
        afterRender(function (at) {
          timings.expands.push({ fetch: fetched - started, total: at - started });
        });
        var made = add(data, { x: origin.x, y: origin.y });
        cy.animate({ fit: { eles: made.union(node).closedNeighborhood(), padding: 30 } }, { duration: 250 });
        refreshList();
        say(fill(cfg.msgExpanded, { n: made.nodes().length, key: selected }));
      })
      .catch(function (error) {
        say(error.message, true);
      });
  });

  document.getElementById("path-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var url = cfg.pathUrl + "?" + new URLSearchParams(new FormData(form)).toString();
    cy.elements(".path").removeClass("path");
    getJSON(url)
      .then(function (data) {
        var first = cy.getElementById(data.path[0]);
        var origin = first.nonempty() ? first.position() : { x: 0, y: 0 };
        add(data, { x: origin.x, y: origin.y });
        var ids = data.nodes.concat(data.edges).map(function (e) {
          return "#" + CSS.escape(e.data.id);
        });
        var path = cy.elements(ids.join(","));
        path.addClass("path");
        cy.animate({ fit: { eles: path, padding: 40 } }, { duration: 250 });
        refreshList();
        say(fill(cfg.msgPath, { path: data.path.join(" → ") }));
      })
      .catch(function (error) {
        say(error.message, true);
      });
  });

  var whole = document.getElementById("whole");
  if (whole) {
    whole.addEventListener("click", function () {
      load(cfg.dataUrl + "?whole=1", true, function (data, t) {
        timings.whole = t.total;
        timings.wholeFetch = t.fetch;
        say(fill(cfg.msgWhole, { n: cy.nodes().length }));
      });
    });
  }

  document.getElementById("fit").addEventListener("click", function () {
    cy.fit(undefined, 30);
  });

  if (reveal) {
    reveal.addEventListener("change", function () {
      cy.elements().toggleClass("reveal", reveal.checked);
    });
  }

  /* The text list of the visible entities and the links in the side panel select an
     entity shown on the graph (others are followed as links: the graph centred there). */
  function follow(event) {
    var link = event.target.closest("a[data-key]");
    if (!link || cy.getElementById(link.dataset.key).empty()) return;
    event.preventDefault();
    select(link.dataset.key, true);
  }
  list.addEventListener("click", follow);
  document.getElementById("entity-panel").addEventListener("click", follow);
  loadFocus(cfg.focus);
})();
