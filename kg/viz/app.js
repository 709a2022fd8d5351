/* sea-kg network page: cytoscape.js with precomputed positions (no physics, no network). */
(function () {
  "use strict";
  var status = document.getElementById("kg-status");
  var errors = [];
  window.addEventListener("error", function (e) {
    errors.push(String(e.message || e));
    status.setAttribute("data-errors", String(errors.length));
    status.setAttribute("data-error-messages", errors.join(" | "));
  });

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var big = DATA.elements.nodes.length > 400;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { for (var k in attrs) { e.setAttribute(k, attrs[k]); } }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: DATA.elements,
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.02,
    maxZoom: 6,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    pixelRatio: big ? 1 : "auto",
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 10, "min-zoomed-font-size": 7,
        "text-wrap": "wrap", "text-max-width": 150,
        "text-valign": "bottom", "text-margin-y": 2, "color": "#222",
        "text-outline-color": "#fff", "text-outline-width": 2, "border-width": 1, "border-color": "#333", "border-opacity": 0.35 } },
      { selector: "node.hub", style: { "font-size": 13, "min-zoomed-font-size": 5, "font-weight": "bold" } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "#b9b9b9", "curve-style": big ? "haystack" : "bezier",
        "target-arrow-shape": big ? "none" : "triangle", "target-arrow-color": "#b9b9b9", "arrow-scale": 0.8,
        "label": "data(label)", "font-size": 8, "min-zoomed-font-size": 9, "color": "#555",
        "text-rotation": "autorotate", "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: "edge[?symmetric]", style: { "target-arrow-shape": "none" } },
      { selector: ".dim", style: { "opacity": 0.12 } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#ffb000" } },
      { selector: ":selected", style: { "border-width": 4, "border-color": "#000", "line-color": "#333",
        "target-arrow-color": "#333", "z-index": 10 } }
    ]
  });
  cy.nodes().forEach(function (n) { if (n.data("hub")) { n.addClass("hub"); } });
  if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }

  /* ---------------------------------------------------------------- legend + filters */
  function counts(coll, key) {
    var c = {};
    coll.forEach(function (x) { var k = x.data(key); c[k] = (c[k] || 0) + 1; });
    return c;
  }
  var hiddenTypes = {}, hiddenRels = {};
  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.style("display", hiddenTypes[n.data("type")] ? "none" : "element"); });
      cy.edges().forEach(function (e) { e.style("display", hiddenRels[e.data("relation")] ? "none" : "element"); });
    });
  }
  function checkbox(box, key, text, n, color, hidden) {
    var row = el("label", { "class": "row" });
    var cb = el("input", { type: "checkbox" });
    cb.checked = true;
    cb.addEventListener("change", function () { hidden[key] = !cb.checked; applyFilters(); });
    row.appendChild(cb);
    if (color) { var sw = el("span", { "class": "swatch" }); sw.style.background = color; row.appendChild(sw); }
    row.appendChild(el("span", null, text));
    row.appendChild(el("span", { "class": "count" }, n));
    box.appendChild(row);
  }
  var typeCount = counts(cy.nodes(), "type");
  DATA.types.forEach(function (t) {
    if (typeCount[t.name]) { checkbox(document.getElementById("types"), t.name, t.label, typeCount[t.name], t.color, hiddenTypes); }
  });
  var relCount = counts(cy.edges(), "relation");
  DATA.relations.forEach(function (r) {
    if (relCount[r.name]) { checkbox(document.getElementById("rels"), r.name, r.label, relCount[r.name], null, hiddenRels); }
  });
  document.getElementById("meta").textContent =
    cy.nodes().length + " entities, " + cy.edges().length + " relations" + (DATA.subtitle ? " · " + DATA.subtitle : "");

  /* ---------------------------------------------------------------- search */
  var names = document.getElementById("names");
  cy.nodes().slice(0, 5000).forEach(function (n) { names.appendChild(el("option", { value: n.data("name") })); });
  var search = document.getElementById("search"), info = document.getElementById("search-info");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) { return cy.collection(); }
    return cy.nodes().filter(function (n) {
      if (n.data("name").toLowerCase().indexOf(q) >= 0) { return true; }
      return (n.data("aliases") || []).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    });
  }
  function runSearch(zoom) {
    var m = matches(search.value);
    cy.batch(function () {
      cy.elements().removeClass("dim match");
      if (search.value.trim()) {
        cy.elements().addClass("dim");
        m.removeClass("dim").addClass("match");
        m.connectedEdges().removeClass("dim");
        m.neighborhood().removeClass("dim");
      }
    });
    info.textContent = search.value.trim() ? m.length + " match" + (m.length === 1 ? "" : "es") : "";
    if (zoom && m.length) {
      cy.animate({ fit: { eles: m.closedNeighborhood(), padding: 60 } }, { duration: 300 });
      if (m.length === 1) { showNode(m[0]); }
    }
  }
  search.addEventListener("input", function () { runSearch(false); });
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { runSearch(true); } });
  search.addEventListener("change", function () { runSearch(true); });

  /* ---------------------------------------------------------------- hover tooltip */
  var tip = document.getElementById("tip");
  cy.on("mouseover", "node", function (e) {
    var d = e.target.data();
    tip.textContent = "";
    tip.appendChild(el("b", null, d.name));
    tip.appendChild(el("div", null, d.type_label + " · degree " + d.degree));
    if (d.aliases && d.aliases.length) { tip.appendChild(el("div", { "class": "al" }, "also: " + d.aliases.join(", "))); }
    tip.style.display = "block";
  });
  cy.on("mouseover", "edge", function (e) {
    var d = e.target.data();
    tip.textContent = "";
    tip.appendChild(el("div", null, nodeName(d.source) + " — " + d.label + " → " + nodeName(d.target)));
    tip.appendChild(el("div", { "class": "al" }, d.evidence.length + " evidence item(s); click for details"));
    tip.style.display = "block";
  });
  cy.on("mousemove", function (e) {
    var oe = e.originalEvent;
    if (oe) { tip.style.left = (oe.clientX + 14) + "px"; tip.style.top = (oe.clientY + 10) + "px"; }
  });
  cy.on("mouseout", "node, edge", function () { tip.style.display = "none"; });

  /* ---------------------------------------------------------------- side panel */
  var panel = document.getElementById("panel");
  function nodeName(id) { var n = cy.getElementById(id); return n.length ? n.data("name") : id; }
  function dl(pairs) {
    var d = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") { return; }
      d.appendChild(el("dt", null, p[0])); d.appendChild(el("dd", null, p[1]));
    });
    return d;
  }
  function showEdge(edge) {
    var d = edge.data();
    panel.textContent = "";
    panel.appendChild(el("h2", null, nodeName(d.source) + " — " + d.label + " → " + nodeName(d.target)));
    var q = d.qualifiers || {};
    panel.appendChild(dl([["relation", d.rel_type], ["role", q.role], ["status", q.status],
      ["amount", q.amount ? q.amount + (q.currency ? " " + q.currency : "") : null], ["date", q.date],
      ["confidence", d.confidence], ["first seen", d.first_seen], ["last seen", d.last_seen],
      ["sources", d.source_count]]));
    panel.appendChild(el("h2", null, "Evidence (" + d.evidence.length + ")"));
    d.evidence.forEach(function (ev) {
      var box = el("div", { "class": "ev" });
      box.appendChild(el("q", null, ev.sentence || "(no sentence)"));
      var src = el("div", { "class": "src" });
      var url = safeUrl(ev.url);
      var title = ev.title || ev.source || "source";
      if (url) {
        src.appendChild(el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, title));
      } else {
        src.appendChild(el("span", null, title + (ev.path ? " (" + ev.path + ")" : "")));
      }
      var extra = [ev.date, ev.publisher].filter(Boolean).join(", ");
      if (extra) { src.appendChild(el("span", null, " · " + extra)); }
      box.appendChild(src);
      panel.appendChild(box);
    });
  }
  function showNode(node) {
    var d = node.data();
    panel.textContent = "";
    panel.appendChild(el("h2", null, d.name));
    panel.appendChild(dl([["type", d.type_label], ["aliases", (d.aliases || []).join(", ")], ["degree", d.degree],
      ["IRI", d.id]]));
    panel.appendChild(el("h2", null, "Relations"));
    node.connectedEdges().forEach(function (e) {
      var row = el("div", { "class": "rel" },
        nodeName(e.data("source")) + " — " + e.data("label") + " → " + nodeName(e.data("target")));
      row.addEventListener("click", function () { cy.elements().unselect(); e.select(); showEdge(e); });
      panel.appendChild(row);
    });
  }
  cy.on("tap", "edge", function (e) { showEdge(e.target); });
  cy.on("tap", "node", function (e) { showNode(e.target); });
  cy.on("tap", function (e) {
    if (e.target === cy) {
      panel.textContent = "";
      panel.appendChild(el("div", { "class": "empty" }, "Click an edge to see the sentences and sources it was read from."));
    }
  });

  /* ---------------------------------------------------------------- ready marker (tests read it) */
  function report() {
    var painted = 0;
    document.querySelectorAll("#cy canvas").forEach(function (c) {
      try {
        var ctx = c.getContext("2d"), w = c.width, h = c.height;
        if (!w || !h) { return; }
        var img = ctx.getImageData(0, 0, w, h).data;
        for (var i = 3; i < img.length; i += 4 * 97) { if (img[i] > 0) { painted++; } }
      } catch (err) { /* a canvas we cannot read */ }
    });
    var res = (performance.getEntriesByType ? performance.getEntriesByType("resource") : []);
    status.setAttribute("data-nodes", String(cy.nodes().length));
    status.setAttribute("data-edges", String(cy.edges().length));
    status.setAttribute("data-painted", String(painted));
    status.setAttribute("data-resources", String(res.length));
    status.setAttribute("data-resource-names", res.map(function (r) { return r.name; }).join(" "));
    status.setAttribute("data-errors", String(errors.length));
    if (location.hash.indexOf("kg-selftest") >= 0) { selftest(); }
    status.setAttribute("data-state", "ready");
  }
  /* with #kg-selftest in the URL: search, then open the first edge's evidence (browser test) */
  function selftest() {
    search.value = cy.nodes().max(function (n) { return n.degree(); }).ele.data("name");
    runSearch(false);
    var edge = cy.edges().filter(function (e) { return e.data("evidence").length > 0; })[0];
    if (edge) { edge.select(); showEdge(edge); }
    status.setAttribute("data-search-matches", String(cy.nodes(".match").length));
    status.setAttribute("data-panel-evidence", String(panel.querySelectorAll(".ev").length));
    status.setAttribute("data-panel-links", String(panel.querySelectorAll(".ev a[href^='http']").length));
  }
  var reported = false;
  function once() { if (!reported) { reported = true; setTimeout(report, 50); } }
  cy.one("render", once);
  setTimeout(once, 1500);
  window.kgCy = cy;
})();
