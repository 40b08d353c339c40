"use strict";
// The console's pages: plain DOM and fetch, no build step, no library.
const csrf = document.querySelector('meta[name="csrf"]').content;
const admin = document.querySelector('meta[name="role"]').content === "admin";
const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

async function getJson(url) {
  const r = await fetch(url, { credentials: "same-origin" });
  if (r.status === 401) { location.href = "/login"; throw new Error("login required"); }
  return r.json();
}

async function post(url, params) {
  const r = await fetch(url, {
    method: "POST", credentials: "same-origin",
    headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString()
  });
  if (r.status === 401) { location.href = "/login"; throw new Error("login required"); }
  return { status: r.status, body: await r.json() };
}

function logLine(command, ok, detail) {
  const text = command + (detail ? "  # " + detail : "");
  $("log").prepend(el("li", text, ok ? "ok" : "bad"));
  // the last result also at the top of the page, where the click was
  const flash = $("flash");
  flash.textContent = text;
  flash.className = ok ? "ok" : "bad";
  flash.hidden = false;
}

// ---- actions: show the crm command, then run it ----
async function action(kind, target, node) {
  const q = new URLSearchParams({ kind, target });
  if (node) q.set("node", node);
  const preview = await getJson("/api/preview?" + q);
  if (preview.error) { logLine(kind + " " + target, false, preview.error); return; }
  $("confirm-command").textContent = preview.command;
  $("confirm-note").hidden = admin;
  $("confirm-note").textContent = admin ? "" : "You are read-only: the console will refuse this.";
  const dlg = $("confirm");
  dlg.returnValue = "";
  dlg.showModal();
  dlg.onclose = async () => {
    if (dlg.returnValue !== "run") return;
    const params = { kind, target };
    if (node) params.node = node;
    const r = await post("/api/action", params);
    logLine(r.body.command || preview.command, r.status === 200,
      r.status === 200 ? "ok" : (r.body.error || r.body.err || ("exit " + r.body.code)));
    refreshStatus();
  };
}

function button(label, id, onclick) {
  const b = el("button", label);
  b.type = "button";
  b.id = id;
  b.onclick = onclick;
  if (!admin) b.title = "read-only: shows the command, the console refuses to run it";
  return b;
}

// ---- status ----
const moveChoice = {};

function nodeState(n) {
  const s = [];
  s.push(n.online ? "online" : "offline");
  if (n.standby) s.push("standby");
  if (n.maintenance) s.push("maintenance");
  if (n.unclean) s.push("unclean");
  return s;
}

function renderStatus(d) {
  $("status-text").textContent = d.text || "";
  $("status-error").hidden = d.ok;
  $("status-error").textContent = d.error || "";
  $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  if (!d.ok) return;
  const st = d.status;
  const sum = st.summary || {};
  $("summary").textContent = "DC: " + (sum.dc || "none") + "  |  quorum: " + (sum.quorate ? "yes" : "no")
    + " (" + (sum.votes ?? "?") + "/" + (sum.expectedVotes ?? "?") + " votes)  |  members: " + (sum.members || []).join(", ");
  const nodes = $("nodes").tBodies[0];
  nodes.replaceChildren();
  const nodeNames = [];
  for (const n of st.nodes || []) {
    nodeNames.push(n.name);
    const tr = el("tr");
    tr.id = "node-" + n.name;
    tr.append(el("td", n.name));
    const states = nodeState(n);
    tr.append(el("td", states.join(", "), states[states.length - 1]));
    const td = el("td");
    td.append(n.standby ? button("Online", "online-" + n.name, () => action("node-online", n.name))
      : button("Standby", "standby-" + n.name, () => action("node-standby", n.name)));
    td.append(n.maintenance ? button("Ready", "ready-" + n.name, () => action("node-ready", n.name))
      : button("Maintenance", "maintenance-" + n.name, () => action("node-maintenance", n.name)));
    tr.append(td);
    nodes.append(tr);
  }
  const res = $("resources").tBodies[0];
  res.replaceChildren();
  for (const r of st.resources || []) {
    if (r.variant !== "primitive") continue;
    const tr = el("tr");
    tr.id = "rsc-" + r.id;
    tr.append(el("td", r.id));
    tr.append(el("td", r.agent || ""));
    const where = Object.entries(r.active || {}).map(([n, role]) => n + (role === "started" ? "" : " (" + role + ")"));
    const w = el("td", where.length ? where.join(", ") : "stopped");
    w.className = "where";
    tr.append(w);
    const td = el("td");
    td.append(button("Start", "start-" + r.id, () => action("resource-start", r.id)));
    td.append(button("Stop", "stop-" + r.id, () => action("resource-stop", r.id)));
    const sel = el("select");
    sel.id = "move-to-" + r.id;
    for (const n of nodeNames) sel.append(el("option", n));
    // the table is redrawn at every poll: the node chosen to move to survives it
    if (moveChoice[r.id]) sel.value = moveChoice[r.id];
    sel.onchange = () => { moveChoice[r.id] = sel.value; };
    td.append(sel);
    td.append(button("Move", "move-" + r.id, () => action("resource-move", r.id, sel.value)));
    td.append(button("Clear", "clear-" + r.id, () => action("resource-clear", r.id)));
    td.append(button("Cleanup", "cleanup-" + r.id, () => action("resource-cleanup", r.id)));
    tr.append(td);
    res.append(tr);
  }
  const moves = $("moves").tBodies[0];
  moves.replaceChildren();
  for (const m of st.moveConstraints || []) {
    const tr = el("tr");
    tr.id = "constraint-" + m.id;
    tr.append(el("td", m.id), el("td", m.resource), el("td", m.node), el("td", m.score));
    const td = el("td");
    td.append(button("Clear", "clear-constraint-" + m.id, () => action("resource-clear", m.resource)));
    tr.append(td);
    moves.append(tr);
  }
  const failed = $("failed").tBodies[0];
  failed.replaceChildren();
  for (const f of st.failedActions || []) {
    const tr = el("tr");
    tr.append(el("td", f.resource), el("td", f.node), el("td", f.operation + " " + f.intervalMs + "ms"),
      el("td", f.rcText + " (" + f.status + ")" + (f.exitReason ? ": " + f.exitReason : "")));
    const td = el("td");
    td.append(button("Cleanup", "cleanup-failed-" + f.resource + "-" + f.node, () => action("resource-cleanup", f.resource)));
    tr.append(td);
    failed.append(tr);
  }
}

async function refreshStatus() {
  try { renderStatus(await getJson("/api/status")); } catch (e) { /* next poll tries again */ }
}

// ---- what if ----
function renderExplanations(target, explanations) {
  for (const [rsc, lines] of Object.entries(explanations || {})) {
    target.append(el("h4", "Why " + rsc + " goes where it goes"));
    const ul = el("ul");
    ul.className = "explanation";
    for (const l of lines) ul.append(el("li", l));
    target.append(ul);
  }
}

function svgBox(svg) {
  const div = el("div");
  div.className = "graph-box";
  div.innerHTML = svg; // drawn by the server, every label escaped there
  return div;
}

$("whatif-form").onsubmit = async (ev) => {
  ev.preventDefault();
  const p = new URLSearchParams();
  for (const f of ["down", "fail", "up", "inject"]) {
    const v = $("wi-" + f).value.trim();
    if (v) p.append(f, v);
  }
  $("wi-result").replaceChildren(el("p", "Simulating..."));
  const r = await post("/api/whatif", p);
  const out = $("wi-result");
  out.replaceChildren();
  $("wi-command").textContent = r.body.command || "";
  if (r.body.error) { out.append(el("p", r.body.error, "error")); return; }
  if (r.body.summary) {
    out.append(el("h3", "Transition summary"));
    const ul = el("ul");
    ul.id = "wi-summary";
    for (const s of r.body.summary) ul.append(el("li", s.trim().replace(/^\* /, "")));
    out.append(ul);
  }
  renderExplanations(out, r.body.explanations);
  if (r.body.svg) { out.append(el("h3", "Transition graph")); out.append(svgBox(r.body.svg)); }
  out.append(el("h3", "crm simulate"));
  out.append(el("pre", r.body.text));
};

// ---- history ----
async function loadHistory() {
  const d = await getJson("/api/history");
  const body = $("transitions").tBodies[0];
  body.replaceChildren();
  for (const t of (d.transitions || []).slice().reverse()) {
    const tr = el("tr");
    const a = el("td", t.id, "transition-link");
    a.id = "transition-" + t.id.replace(/[^A-Za-z0-9_-]/g, "_");
    a.onclick = () => showTransition(t.id);
    tr.append(a, el("td", t.started.replace("T", " ").replace(/\.\d+Z$|Z$/, "")), el("td", t.result), el("td", t.trigger),
      el("td", (t.summary || []).join("; ") || "(" + t.actions + " actions)"));
    body.append(tr);
  }
  if (d.error) $("transition").replaceChildren(el("p", d.error, "error"));
}

async function showTransition(id) {
  const d = await getJson("/api/transition?id=" + encodeURIComponent(id));
  const out = $("transition");
  out.replaceChildren(el("h3", "Transition " + id));
  const c = el("p", d.command, "command");
  c.id = "transition-command";
  out.append(c);
  if (d.svg) out.append(svgBox(d.svg));
  if (d.svgError) out.append(el("p", d.svgError, "error"));
  const pre = el("pre", d.text || d.error);
  pre.id = "transition-text";
  out.append(pre);
}

// ---- configuration ----
async function loadConfig() {
  const d = await getJson("/api/config");
  $("config-command").textContent = d.configCommand;
  $("config-text").textContent = d.config;
  $("verify-command").textContent = d.verifyCommand;
  $("verify-text").textContent = d.verify || "(no findings)";
}

// ---- pages ----
function show() {
  const page = (location.hash || "#status").substring(1);
  for (const s of document.querySelectorAll(".page")) s.hidden = s.id !== "page-" + page;
  if (page === "history") loadHistory();
  if (page === "config") loadConfig();
}
window.addEventListener("hashchange", show);
$("logout").onclick = async () => { await post("/api/logout", {}); location.href = "/login"; };
show();
refreshStatus();
setInterval(() => { if (!$("page-status").hidden) refreshStatus(); }, 2000);
