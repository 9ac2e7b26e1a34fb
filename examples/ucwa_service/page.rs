//! `GET /`: one small page for people (plain HTML + JS, no build step). It
//! long-polls the event channel with the token typed in, lists pending
//! renegotiations with their decoded offer SDP, has Answer and Dismiss
//! (reason selector) buttons, and shows each outcome with the final answer
//! SDP. Kept in a `.rs` file so that the published example carries it.

/// The page.
pub const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>UCWA renegotiations</title>
<style>
body{font-family:sans-serif;margin:1.5em;max-width:60em}
.reneg{border:1px solid #999;border-radius:6px;padding:.6em;margin:.6em 0}
pre{background:#f4f4f4;padding:.4em;overflow:auto;font-size:.85em}
.done{color:#555}
</style></head>
<body>
<h1>UCWA <code>audioVideoRenegotiation</code></h1>
<p><label>Bearer token <input id="token" value="demo-token"></label>
<label>Application <input id="app" value="app1" size="6"></label>
<button id="connect">Connect</button> <span id="status">not connected</span></p>
<div id="list"></div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const reasons = ["Unknown","MediaAllocationFailure","EncryptionMismatch","IPv6NotSupported",
  "UnsupportedMedia","InvalidMediaOffer","InsufficientBandwidth","Conflict"];
function sdp(uri) {
  const p = "data:application/sdp;base64,";
  return uri && uri.startsWith(p) ? atob(uri.slice(p.length)) : (uri || "");
}
function headers(extra) {
  return Object.assign({"Authorization": "Bearer " + $("token").value,
    "Accept": "application/json"}, extra || {});
}
function card(r) {
  const id = "r-" + r.operationId;
  let el = $(id);
  if (!el) {
    el = document.createElement("div");
    el.id = id; el.className = "reneg";
    $("list").prepend(el);
  }
  return el;
}
function show(type, r) {
  const el = card(r), links = r._links || {};
  el.innerHTML = "";
  const h = document.createElement("div");
  h.textContent = r.direction + " renegotiation " + r.operationId + ": " + type;
  el.append(h);
  const offer = document.createElement("pre");
  offer.textContent = sdp(links.mediaOffer && links.mediaOffer.href);
  el.append(offer);
  if (type === "started" && links.answer) {
    const answer = document.createElement("button");
    answer.textContent = "Answer";
    answer.onclick = () => post(links.answer.href, null, null, el);
    const select = document.createElement("select");
    select.id = "reason-" + r.operationId;
    for (const x of reasons) { const o = document.createElement("option"); o.textContent = x; select.append(o); }
    select.value = "InsufficientBandwidth";
    const dismiss = document.createElement("button");
    dismiss.textContent = "Dismiss";
    dismiss.onclick = () => post(links.dismiss.href, JSON.stringify({reason: select.value}),
      "application/json", el);
    el.append(answer, " ", select, " ", dismiss);
  }
  if (type === "completed") {
    el.className = "reneg done";
    const outcome = document.createElement("div");
    outcome.className = "outcome";
    outcome.textContent = links.mediaAnswer ? "Answered. Final answer:" : "Ended without an answer (dismissed or failed).";
    el.append(outcome);
    if (links.mediaAnswer) {
      const a = document.createElement("pre");
      a.textContent = sdp(links.mediaAnswer.href);
      el.append(a);
    }
  }
}
async function post(href, body, type, el) {
  const r = await fetch(href, {method: "POST", body, headers: headers(type ? {"Content-Type": type} : {})});
  const line = document.createElement("div");
  line.textContent = "POST " + href.split("/").pop() + " \u2192 " + r.status;
  el.append(line);
}
let running = false;
async function poll() {
  let next = "/ucwa/v1/applications/" + encodeURIComponent($("app").value) + "/events?ack=1";
  while (running) {
    try {
      const r = await fetch(next, {headers: headers()});
      if (!r.ok) { $("status").textContent = "events: " + r.status; await new Promise(f => setTimeout(f, 2000)); continue; }
      $("status").textContent = "connected";
      const page = await r.json();
      const links = page._links || {};
      for (const s of page.sender || []) for (const e of s.events || []) {
        const res = e._embedded && e._embedded.audioVideoRenegotiation;
        if (res) show(e.type, res);
      }
      next = (links.next || links.resync || {}).href || next;
    } catch (e) {
      $("status").textContent = "error: " + e; await new Promise(f => setTimeout(f, 2000));
    }
  }
}
$("connect").onclick = () => { if (!running) { running = true; poll(); } };
</script>
</body></html>
"#;
