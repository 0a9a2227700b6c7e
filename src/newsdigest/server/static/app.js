// The digest page: sends a story to /v1/digest and shows where each item came from.
// Plain DOM code, no framework and nothing loaded from elsewhere.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("story-form");
  const story = $("story");
  const fileInput = $("file");
  const format = $("format");
  const title = $("title");
  const published = $("published");
  const submit = $("submit");
  const statusLine = $("status");
  const errorBox = $("error");
  const results = $("results");
  const storyText = $("story-text");
  const selectionLine = $("selection");

  const CAST_GROUPS = [
    ["People", ["PERSON"]],
    ["Organisations", ["ORG"]],
    ["Places", ["GPE", "LOC", "FAC"]],
    ["Other", null],
  ];
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

  let digest = null; // the last newsdigest/1 result
  let pinned = null; // {button, spans, kind} chosen by click or Enter
  let loadedFile = null; // {file, kind, shown}: a dropped or chosen file, sent as it is

  // ---- input -------------------------------------------------------------

  function kindOfFile(file) {
    const name = file.name.toLowerCase();
    return name.endsWith(".html") || name.endsWith(".htm") || file.type === "text/html"
      ? "html" : "text";
  }

  async function useFile(file) {
    if (!file) return;
    const kind = kindOfFile(file);
    const shown = await file.text();
    story.value = shown;
    format.value = kind;
    loadedFile = { file, kind, shown };
    setStatus(`Loaded ${file.name}.`);
  }

  fileInput.addEventListener("change", () => useFile(fileInput.files[0]));

  const dropZone = $("drop-zone");
  dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropZone.classList.add("dragging");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("dragging");
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) useFile(file);
  });

  story.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!story.value.trim()) {
      showError("No story", "Paste a story or choose a file first.");
      story.focus();
      return;
    }
    hideError();
    submit.disabled = true;
    setStatus("Digesting…");
    try {
      const response = await send();
      const body = await response.json();
      if (!response.ok) {
        showError(body.title || `Error ${response.status}`, body.detail || "");
        setStatus("");
        return;
      }
      show(body);
    } catch (err) {
      showError("The server could not be reached", String(err));
      setStatus("");
    } finally {
      submit.disabled = false;
    }
  });

  function send() {
    const meta = { title: title.value.trim() || null, published: published.value || null };
    if (loadedFile && story.value === loadedFile.shown && format.value === loadedFile.kind) {
      // The file's own bytes: the server decodes them, whatever their encoding.
      const query = new URLSearchParams();
      if (meta.title) query.set("title", meta.title);
      if (meta.published) query.set("published", meta.published);
      const type = loadedFile.kind === "html" ? "text/html" : "text/plain";
      return fetch(`v1/digest?${query}`, {
        method: "POST", headers: { "Content-Type": type }, body: loadedFile.file,
      });
    }
    const payload = { [format.value]: story.value, ...meta };
    return fetch("v1/digest", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  }

  function setStatus(text) { statusLine.textContent = text; }

  function showError(heading, detail) {
    errorBox.replaceChildren(el("strong", {}, heading), document.createTextNode(detail ? ` ${detail}` : ""));
    errorBox.hidden = false;
  }

  function hideError() { errorBox.hidden = true; errorBox.replaceChildren(); }

  // ---- rendering ---------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function show(result) {
    digest = result;
    pinned = null;
    renderStory([]);
    renderHighlights(result.highlights || []);
    renderCast(result.entities || []);
    renderQuotes(result.quotes || [], result.entities || []);
    renderTimeline(result.timeline || [], result.dates || []);
    results.hidden = false;
    const counts = [
      plural((result.highlights || []).length, "highlight"),
      plural((result.entities || []).length, "cast member"),
      plural((result.quotes || []).length, "quote"),
      plural((result.timeline || []).length, "dated event"),
    ];
    setStatus(`Digest ready: ${counts.join(", ")}.`);
    results.focus({ preventScroll: false });
  }

  function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

  function none(text) { return el("p", { class: "none" }, text); }

  function itemButton(kind, spans, label, ...content) {
    const button = el("button", { type: "button", class: `item item-${kind}`, "aria-pressed": "false",
      "data-kind": kind, "aria-label": label }, ...content);
    const preview = () => {
      if (!pinned || pinned.button !== button) revealInPane(renderStory(spans, kind));
    };
    const restore = () => { renderStory(pinned ? pinned.spans : [], pinned ? pinned.kind : kind); };
    button.addEventListener("mouseenter", preview);
    button.addEventListener("mouseleave", restore);
    button.addEventListener("focus", preview);
    button.addEventListener("blur", restore);
    button.addEventListener("click", () => pin(button, spans, kind));
    return button;
  }

  function pin(button, spans, kind) {
    for (const other of document.querySelectorAll(".item[aria-pressed='true']")) {
      other.setAttribute("aria-pressed", "false");
    }
    button.setAttribute("aria-pressed", "true");
    pinned = { button, spans, kind };
    const first = renderStory(spans, kind);
    if (first) {
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      first.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    }
  }

  // On a wide screen the story scrolls in its own pane beside the digest: bring a previewed
  // passage into that pane without moving the page. On a phone, only a click scrolls.
  function revealInPane(mark) {
    const pane = storyText.closest(".story-pane");
    if (!mark || !pane || getComputedStyle(pane).overflowY !== "auto") return;
    if (pane.scrollHeight <= pane.clientHeight) return;
    const box = mark.getBoundingClientRect();
    const view = pane.getBoundingClientRect();
    if (box.top < view.top || box.bottom > view.bottom) {
      pane.scrollTop += box.top - view.top - pane.clientHeight / 3;
    }
  }

  function renderHighlights(highlights) {
    const list = $("highlights");
    list.replaceChildren();
    if (!highlights.length) list.append(el("li", {}, none("No highlights.")));
    highlights.forEach((h, i) => {
      list.append(el("li", {}, itemButton("highlight", h.spans, `Highlight ${i + 1}: ${h.text}`, h.text)));
    });
  }

  function renderCast(entities) {
    const box = $("cast");
    box.replaceChildren();
    if (!entities.length) { box.append(none("No people, organisations or places found.")); return; }
    const placed = new Set();
    for (const [heading, types] of CAST_GROUPS) {
      const members = entities
        .filter((e) => !placed.has(e.id) && (types === null || types.includes(e.type)))
        .sort((a, b) => b.mentions.length - a.mentions.length);
      if (!members.length) continue;
      const list = el("ul", { class: "items cast-list" });
      for (const e of members) {
        placed.add(e.id);
        const roles = e.titles.length ? e.titles.join("; ") : null;
        const count = plural(e.mentions.length, "mention");
        const label = [e.name, roles, count].filter(Boolean).join(", ");
        list.append(el("li", { "data-entity": e.id, "data-type": e.type },
          itemButton("entity", e.mentions, label,
            el("span", { class: "name" }, e.name),
            roles ? el("span", { class: "roles" }, roles) : null,
            el("span", { class: "count" }, count))));
      }
      box.append(el("h3", {}, heading), list);
    }
  }

  function renderQuotes(quotes, entities) {
    const box = $("quotes");
    box.replaceChildren();
    if (!quotes.length) { box.append(none("No quotes.")); return; }
    const names = new Map(entities.map((e) => [e.id, e.name]));
    const groups = new Map();
    for (const q of quotes) {
      const speaker = (q.speaker && names.get(q.speaker))
        || (q.speaker_text ? `“${q.speaker_text}” (not matched to the cast)` : "Unattributed");
      if (!groups.has(speaker)) groups.set(speaker, []);
      groups.get(speaker).push(q);
    }
    for (const [speaker, said] of groups) {
      const list = el("ul", { class: "items quote-list" });
      for (const q of said) {
        const spans = q.speaker_span ? [q.span, q.speaker_span] : [q.span];
        const text = q.direct ? q.text : `(reported) ${q.text}`;
        list.append(el("li", {}, itemButton("quote", spans, `${speaker}: ${q.text}`, text)));
      }
      box.append(el("h3", { class: "speaker" }, speaker), list);
    }
  }

  function renderTimeline(events, dates) {
    const list = $("timeline");
    list.replaceChildren();
    if (!events.length) { list.append(el("li", {}, none("No dated events."))); return; }
    for (const ev of events) {
      const spans = [ev.span, ...ev.dates.map((i) => dates[i] && dates[i].span).filter(Boolean)];
      const when = el("time", { "data-value": ev.date, datetime: htmlDate(ev.date) }, formatDate(ev.date));
      list.append(el("li", {}, when, itemButton("event", spans, `${formatDate(ev.date)}: ${ev.text}`, ev.text)));
    }
  }

  function htmlDate(value) {
    return /^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-W\d{2}$/.test(value) ? value : null;
  }

  function formatDate(value) {
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) {
      const day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      return `${WEEKDAYS[day.getUTCDay()]} ${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}`;
    }
    m = /^(\d{4})-(\d{2})$/.exec(value);
    if (m && +m[2] >= 1 && +m[2] <= 12) return `${MONTHS[+m[2] - 1]} ${m[1]}`;
    m = /^(\d{4})-W(\d{2})$/.exec(value);
    if (m) return `Week ${+m[2]} of ${m[1]}`;
    return value;
  }

  // ---- marking the story -------------------------------------------------

  // Redraw the story with the given [start, end) spans marked; returns the first mark.
  function renderStory(spans, kind) {
    if (!digest) return null;
    const text = digest.text;
    const ranges = merge(spans.filter((s) => Array.isArray(s) && s[0] < s[1] && s[1] <= text.length));
    const parts = [];
    let at = 0;
    let first = null;
    for (const [start, end] of ranges) {
      if (start > at) parts.push(document.createTextNode(text.slice(at, start)));
      const mark = el("mark", { class: `mark-${kind || "item"}`, "data-start": start, "data-end": end },
        text.slice(start, end));
      if (!first) first = mark;
      parts.push(mark);
      at = end;
    }
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    storyText.replaceChildren(...parts);
    selectionLine.textContent = ranges.length
      ? `${plural(ranges.length, "passage")} marked. Escape clears.`
      : "Point at or select an item to mark its words. Escape clears.";
    return first;
  }

  function merge(spans) {
    const sorted = spans.map((s) => [s[0], s[1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out = [];
    for (const span of sorted) {
      const last = out[out.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else out.push(span);
    }
    return out;
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && digest) {
      for (const other of document.querySelectorAll(".item[aria-pressed='true']")) {
        other.setAttribute("aria-pressed", "false");
      }
      pinned = null;
      renderStory([]);
    }
  });
})();
