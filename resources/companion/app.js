// The room's page: join, then the forms of the current phase. Vanilla, no framework.
// Every text that came from a person is put on the page with textContent, never as markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = "room-token:" + location.pathname;
  const KINDS = ["observation", "event", "link", "factor", "votes", "action", "poll", "parked"];
  const state = { pub: null, me: null, code: "", roster: null, ws: null, rid: 0, waiting: new Map(),
    retry: 500, clockBase: null, clockAt: 0, votesTimer: 0, ready: false };

  // ---- small helpers -------------------------------------------------------------------
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function show(id, on) { $(id).hidden = !on; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function mmss(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }
  function teamName(lane) {
    const team = state.pub && state.pub.teams.find((t) => t.lane === lane);
    return team ? team.name : lane;
  }
  async function post(path, body) {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), credentials: "omit", cache: "no-store" });
    let data = {};
    try { data = await response.json(); } catch (e) { data = { ok: false, error: "the room did not answer" }; }
    return data;
  }

  // ---- joining ---------------------------------------------------------------------------
  function startJoin(message) {
    show("room", false); show("gone", false); show("join-name", false); show("me", false);
    show("join-code", true);
    $("code-error").textContent = message || "";
    const fromLink = new URLSearchParams(location.hash.slice(1)).get("code");
    if (fromLink && !message) { $("code").value = fromLink; checkCode(fromLink); }
  }

  async function checkCode(code) {
    $("code-error").textContent = "";
    const data = await post("api/code", { code: code });
    if (!data.ok) { $("code-error").textContent = data.error || "That code did not work."; return; }
    state.code = code;
    state.roster = data;
    drawRoster(data);
    show("join-code", false); show("join-name", true);
  }

  function drawRoster(data) {
    $("title").textContent = data.title;
    const box = $("roster");
    clear(box);
    for (const team of data.teams) {
      const group = el("div", null, "roster-team");
      group.appendChild(el("h2", team.name));
      for (const person of data.roster.filter((p) => p.lane === team.lane)) {
        const button = el("button", person.name, "person lane-" + team.lane);
        button.type = "button";
        button.addEventListener("click", () => join({ attendee_id: person.id }));
        group.appendChild(button);
      }
      box.appendChild(group);
    }
    const teams = $("guest-team");
    Array.from(teams.querySelectorAll("label")).forEach((n) => n.remove());
    data.teams.forEach((team, i) => {
      const label = el("label");
      const input = document.createElement("input");
      input.type = "radio"; input.name = "lane"; input.value = team.lane; input.required = true;
      if (i === 0) input.checked = true;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + team.name));
      teams.appendChild(label);
    });
  }

  async function join(who) {
    $("join-error").textContent = "";
    const data = await post("api/join", Object.assign({ code: state.code }, who));
    if (!data.ok) { $("join-error").textContent = data.error || "Could not join."; return; }
    localStorage.setItem(TOKEN_KEY, data.token);
    history.replaceState(null, "", location.pathname);
    connect();
  }

  // ---- the live connection -------------------------------------------------------------
  function connect() {
    const token = localStorage.getItem(TOKEN_KEY);
    if (!token) { startJoin(); return; }
    if (state.ws && state.ws.readyState <= 1) return;
    const url = new URL("ws", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url.href);
    state.ws = ws;
    ws.addEventListener("open", () => ws.send(JSON.stringify({ type: "hello", token: token })));
    ws.addEventListener("message", (event) => receive(JSON.parse(event.data)));
    ws.addEventListener("close", (event) => {
      if (state.ws !== ws) return;
      state.ws = null;
      if (event.reason === "room closed") { localStorage.removeItem(TOKEN_KEY); gone("closed"); return; }
      for (const [, pending] of state.waiting) pending({ ok: false, error: "connection lost: try again" });
      state.waiting.clear();
      if (!localStorage.getItem(TOKEN_KEY)) return;
      show("net", true);
      setTimeout(connect, state.retry);
      state.retry = Math.min(5000, state.retry * 2);
    });
  }

  function request(message) {
    return new Promise((resolve) => {
      if (!state.ws || state.ws.readyState !== 1) { resolve({ ok: false, error: "not connected: try again in a moment" }); return; }
      const rid = ++state.rid;
      state.waiting.set(rid, resolve);
      state.ws.send(JSON.stringify(Object.assign({ rid: rid }, message)));
      setTimeout(() => { if (state.waiting.delete(rid)) resolve({ ok: false, error: "no answer: try again" }); }, 10000);
    });
  }

  function receive(message) {
    if (message.type === "reply") {
      const pending = state.waiting.get(message.rid);
      if (pending) { state.waiting.delete(message.rid); pending(message); }
      return;
    }
    if (message.type === "bye") {
      localStorage.removeItem(TOKEN_KEY);
      gone(message.reason);
      return;
    }
    show("net", false);
    state.retry = 500;
    if (message.type === "state") { state.pub = message; state.clockBase = message.phase_left; state.clockAt = performance.now(); }
    if (message.type === "you") state.me = message;
    if (state.pub && state.me) draw();
  }

  function gone(reason) {
    if (state.ws) { const ws = state.ws; state.ws = null; ws.close(); }
    show("room", false); show("me", false); show("net", false); show("gone", true);
    const words = {
      replaced: ["You joined on another device", "Only one device per person: the newer one stays in."],
      closed: ["The room has closed", "The facilitator stopped taking contributions. Thank you for yours."],
    }[reason] || ["You are not in the room", "The room was restarted or your place expired. Join again with the code on the shared screen."];
    $("gone-title").textContent = words[0];
    $("gone-text").textContent = words[1];
  }

  // ---- drawing ---------------------------------------------------------------------------
  function draw() {
    const pub = state.pub, me = state.me;
    show("join-code", false); show("join-name", false); show("gone", false); show("room", true);
    $("title").textContent = pub.title;
    $("phase").textContent = pub.phase ? pub.phase.title : "Not started";
    const meBox = $("me");
    clear(meBox);
    meBox.appendChild(el("span", me.name));
    meBox.appendChild(el("span", me.team + (me.guest ? " · guest" : ""), "team lane-" + me.lane));
    show("me", true);
    for (const node of document.querySelectorAll(".own-team")) node.textContent = me.team;
    const may = new Set(me.may);
    for (const kind of KINDS) show("form-" + kind, may.has(kind));
    drawCounts(pub.counts);
    drawReady(pub.ready, me.ready_answered);
    $("framing-question").textContent = pub.framing_question;
    show("framing", !!pub.phase && pub.phase.key === "framing");
    drawEvent(pub.event);
    drawEventChoices(pub.events, pub.event);
    drawVotes(pub, me);
    show("private-note", pub.private_factors);
    show("poll-done", me.poll_answered);
    $("form-poll").querySelector("form").hidden = me.poll_answered;
    drawList($("additions"), pub.additions.map((a) => [a.summary, a.author + " · " + a.team]), "Nothing yet.");
    drawList($("mine"), me.proposals.slice().reverse().map((p) => [p.summary, statusWord(p)]), "Nothing sent yet.");
    show("room-factors-card", pub.room_factors.length > 0 && may.has("factor"));
    drawList($("room-factors"), pub.room_factors.map((f) => [f.text, f.owner_label]), "");
    tick();
  }

  function statusWord(p) {
    if (p.hidden) return "written privately";
    return { pending: "waiting for the facilitator", accepted: "on the screen", dismissed: "not taken" }[p.status] || p.status;
  }

  function drawList(list, rows, empty) {
    clear(list);
    if (!rows.length && empty) list.appendChild(el("li", empty, "empty"));
    for (const [text, meta] of rows) {
      const item = el("li");
      item.appendChild(el("span", text, "item-text"));
      item.appendChild(el("span", meta, "item-meta"));
      list.appendChild(item);
    }
  }

  function drawCounts(c) {
    const box = $("counts");
    clear(box);
    box.appendChild(el("span", c.joined + " of " + c.expected + " joined"));
    if (state.me.may.includes("votes")) box.appendChild(el("span", "votes in: " + c.votes_in + " of " + c.voters));
    if (c.asked) box.appendChild(el("span", "ready: " + c.ready + " of " + c.asked));
  }

  function drawReady(ready, answered) {
    show("ready", !!ready);
    if (!ready) return;
    $("ready-question").textContent = ready.question;
    show("ready-button", !answered);
    show("ready-done", answered);
    state.readyId = ready.id;
  }

  function drawEvent(event) {
    show("event", !!event && state.me.may.includes("observation"));
    if (!event) return;
    $("event-meta").textContent = event.time + " · " + event.team + (event.actor ? " · " + event.actor : "");
    $("event-text").textContent = event.description;
    const box = $("event-observations");
    clear(box);
    for (const lane of ["A", "B"]) {
      const seen = event.observations[lane];
      const row = el("div", null, "obs lane-" + lane);
      row.appendChild(el("strong", teamName(lane) + " saw: "));
      row.appendChild(el("span", seen && seen.saw ? seen.saw : "—"));
      if (seen) row.appendChild(el("span", " (aware of the other team: " + seen.aware + ")", "item-meta"));
      box.appendChild(row);
    }
    const date = $("event-date");
    if (!date.value) date.value = event.date;
  }

  function drawEventChoices(events, current) {
    for (const id of ["link-source", "link-target"]) {
      const select = $(id);
      const chosen = select.value;
      clear(select);
      select.appendChild(el("option", "Choose an event", ""));
      select.firstChild.value = "";
      for (const e of events) {
        const option = el("option", e.time + " · " + e.team + " · " + e.description.slice(0, 70));
        option.value = String(e.id);
        select.appendChild(option);
      }
      select.value = chosen || (id === "link-target" && current ? String(current.id) : "");
    }
  }

  function drawVotes(pub, me) {
    const list = $("vote-list");
    if (!me.may.includes("votes")) return;
    $("dots-left").textContent = me.counted
      ? "You have " + me.dots_left + " of " + pub.dots + " dots left."
      : "Your dots count once the facilitator adds you to the roster.";
    if (!pub.voting_open) $("dots-left").textContent = "Voting is closed.";
    clear(list);
    for (const f of pub.factors) {
      const mine = me.dots[String(f.id)] || 0;
      const item = el("li", null, "vote");
      const text = el("div", null, "vote-text");
      text.appendChild(el("span", f.text));
      text.appendChild(el("span", f.owner_label, "item-meta"));
      const less = el("button", "−", "dot"); less.type = "button";
      less.setAttribute("aria-label", "one dot less");
      const more = el("button", "+", "dot"); more.type = "button";
      more.setAttribute("aria-label", "one dot more");
      const count = el("span", String(mine), "dot-count");
      less.disabled = !pub.voting_open || !me.counted || mine === 0;
      more.disabled = !pub.voting_open || !me.counted || me.dots_left === 0;
      less.addEventListener("click", () => changeDots(f.id, -1));
      more.addEventListener("click", () => changeDots(f.id, +1));
      item.appendChild(text); item.appendChild(less); item.appendChild(count); item.appendChild(more);
      list.appendChild(item);
    }
  }

  async function changeDots(factorId, delta) {
    const dots = Object.assign({}, state.me.dots);
    const key = String(factorId);
    dots[key] = Math.max(0, (dots[key] || 0) + delta);
    if (!dots[key]) delete dots[key];
    const reply = await request({ type: "votes", dots: dots });
    $("votes-result").textContent = reply.ok ? "" : reply.error;
  }

  function tick() {
    const pub = state.pub;
    const clock = $("clock");
    if (!pub || state.clockBase === null || pub.clock === "idle") { clock.textContent = ""; return; }
    let left = state.clockBase;
    if (pub.clock === "running") left -= (performance.now() - state.clockAt) / 1000;
    const amber = pub.phase_amber_at || 0;
    // never colour alone: the words say it too, as on the shared screen
    if (left < 0) clock.textContent = "OVER +" + mmss(-left).replace(/^0/, "");
    else clock.textContent = mmss(left) + (left <= amber ? " WRAP UP" : "");
    clock.className = "clock" + (left < 0 ? " over" : left <= amber ? " wrap" : "");
  }

  // ---- forms -----------------------------------------------------------------------------
  function values(form) {
    const data = {};
    for (const field of form.elements) {
      if (!field.name || field.disabled) continue;
      if (field.type === "radio" && !field.checked) continue;
      data[field.name] = field.value;
    }
    return data;
  }

  function message(kind, form) {
    const v = values(form);
    if (kind === "observation") return { type: kind, event_id: state.pub.event && state.pub.event.id, saw: v.saw, aware: v.aware };
    if (kind === "event") return { type: kind, time: v.date + "T" + v.time, description: v.description, source_url: v.source_url };
    if (kind === "link") return { type: kind, source_id: Number(v.source_id), target_id: Number(v.target_id), note: v.note };
    if (kind === "factor") return { type: kind, text: v.text, owner: v.owner };
    if (kind === "action") return { type: kind, kind: v.kind, description: v.description, owner: v.owner, lead: v.lead, due: v.due, test: v.test };
    if (kind === "poll") return { type: kind, learned: v.learned === "yes", again: v.again === "yes" };
    return { type: kind, text: v.text };
  }

  function drawFindings(form, findings) {
    for (const box of form.querySelectorAll(".findings")) {
      clear(box);
      for (const f of findings.filter((x) => x.field === box.dataset.for)) {
        const note = el("p", null, "finding");
        note.appendChild(el("span", "“" + f.text + "” can read as blame. "));
        note.appendChild(el("span", "Try: " + f.suggestion, "reframe"));
        box.appendChild(note);
      }
    }
  }

  function drawVerdict(verdict) {
    const box = $("verdict");
    clear(box);
    if (!verdict) return;
    box.className = "verdict " + verdict.verdict;
    box.appendChild(el("strong", verdict.verdict === "specific" ? "Specific: passes the test." : "Not specific yet:"));
    const list = el("ul");
    for (const reason of verdict.reasons) list.appendChild(el("li", reason));
    box.appendChild(list);
  }

  function wireForm(form) {
    const kind = form.dataset.kind;
    const result = form.querySelector(".result");
    let timer = 0;
    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const draft = message(kind, form);
        delete draft.type;
        const reply = await request({ type: "check", draft: draft });
        if (reply.ok) { drawFindings(form, reply.findings || []); if (kind === "action") drawVerdict(reply.verdict); }
      }, 400);
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      result.className = "result";
      result.textContent = "Sending…";
      const reply = await request(message(kind, form));
      button.disabled = false;
      if (reply.ok) {
        result.textContent = kind === "poll" ? "Thank you." : "Sent: the facilitator decides what goes on the screen.";
        drawFindings(form, reply.findings || []);
        if (kind === "action" && reply.verdict) drawVerdict(reply.verdict);
        for (const field of form.querySelectorAll("textarea, input[type=url], input[name=note], input[name=test]")) field.value = "";
      } else {
        result.className = "result error";
        result.textContent = reply.error || "Not sent.";
      }
    });
  }

  // ---- start -----------------------------------------------------------------------------
  $("code-form").addEventListener("submit", (event) => { event.preventDefault(); checkCode($("code").value); });
  $("guest-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const lane = $("guest-form").querySelector("input[name=lane]:checked");
    join({ name: $("guest-name").value, lane: lane ? lane.value : "" });
  });
  $("ready-button").addEventListener("click", async () => {
    const reply = await request({ type: "ready", id: state.readyId });
    if (!reply.ok) $("ready-done").textContent = reply.error;
  });
  $("rejoin").addEventListener("click", () => startJoin());
  for (const form of document.querySelectorAll("form[data-kind]")) wireForm(form);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) connect(); });
  window.addEventListener("online", connect);
  setInterval(tick, 250);
  if (localStorage.getItem(TOKEN_KEY)) connect(); else startJoin();
})();
