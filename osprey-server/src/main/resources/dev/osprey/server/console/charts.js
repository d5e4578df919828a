// Line charts drawn as SVG with no library: a series of [time ms, value] points.
"use strict";

const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const W = 320, H = 120, PAD = 4;

  function el(name, attrs) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  // An empty chart: returns { node, draw(points) }.
  function line(title, unit, format) {
    const fig = document.createElement("figure");
    fig.className = "chart";
    const cap = document.createElement("figcaption");
    const name = document.createElement("span");
    name.textContent = title;
    const now = document.createElement("strong");
    now.className = "chart-value";
    const max = document.createElement("span");
    max.className = "chart-axis";
    cap.append(name, " ", now, " ", max);
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title, preserveAspectRatio: "none" });
    const grid = el("path", { class: "chart-grid", d: `M0 ${H / 2}H${W}M0 ${H - PAD}H${W}` });
    const path = el("polyline", { class: "chart-line", points: "" });
    svg.append(grid, path);
    fig.append(cap, svg);
    const fmt = format || ((v) => (Math.round(v * 100) / 100).toString());
    return {
      node: fig,
      draw(points) {
        if (!points.length) { now.textContent = "–"; max.textContent = ""; path.setAttribute("points", ""); return; }
        const t0 = points[0][0], t1 = Math.max(points[points.length - 1][0], t0 + 1);
        const top = Math.max(...points.map((p) => p[1]), 1e-9) * 1.1;
        path.setAttribute("points", points
          .map(([t, v]) => `${(((t - t0) / (t1 - t0)) * W).toFixed(1)},${(H - PAD - (v / top) * (H - 2 * PAD)).toFixed(1)}`)
          .join(" "));
        max.textContent = "(max " + fmt(top / 1.1) + (unit ? " " + unit : "") + ")";
        now.textContent = fmt(points[points.length - 1][1]) + (unit ? " " + unit : "");
      },
    };
  }

  function bytes(n) {
    const u = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
    return (i ? n.toFixed(1) : String(Math.round(n))) + " " + u[i];
  }

  return { line, bytes };
})();
