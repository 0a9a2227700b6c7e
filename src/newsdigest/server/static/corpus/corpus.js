// The corpus page: stories, people, quotes, timeline, event clusters, who gets quoted and
// search, each linking to the others.
// Views are chosen by the address's hash (#/story/ID, #/person/ID, ...), so every view can be
// bookmarked and the back button works. Every text from the corpus goes in as text, never HTML.
"use strict";

const view = document.getElementById("view");
const statusLine = document.getElementById("status");
const errorBox = document.getElementById("error");
const PAGE = 50;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function link(hash, text) {
  return el("a", { href: hash }, text);
}

const storyLink = (id, text) => link(`#/story/${encodeURIComponent(id)}`, text || id);
const personLink = (id, text) => link(`#/person/${encodeURIComponent(id)}`, text || id);
const clusterLink = (id, text) => link(`#/cluster/${encodeURIComponent(id)}`, text || id);

// A snippet with its hits marked **so**: the hits become <mark>, the rest plain text.
function snippet(text) {
  const span = el("span");
  String(text || "").split("**").forEach((part, i) => {
    span.append(i % 2 ? el("mark", {}, part) : part);
  });
  return span;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function api(path, params = {}) {
  const response = await fetch(`v1/corpus/${path}${query(params)}`, {
    headers: { Accept: "application/json" },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && (body.detail || body.title);
    throw new Error(detail || `the server answered ${response.status}`);
  }
  return body;
}

function table(columns, rows) {
  const head = el("tr", {}, ...columns.map(([title]) => el("th", { scope: "col" }, title)));
  const body = rows.map((row) =>
    el("tr", {}, ...columns.map(([, cell, numeric]) =>
      el("td", numeric ? { class: "number" } : {}, cell(row)))));
  return el("table", {}, el("thead", {}, head), el("tbody", {}, ...body));
}

function section(title, ...children) {
  return el("section", {}, el("h2", {}, title), ...children);
}

function nothing(text) {
  return el("p", { class: "meta" }, text);
}

function storyMeta(row) {
  return [row.published, row.outlet].filter(Boolean).join(" · ");
}

// ---- views ----

async function showStories(params) {
  const rows = await api("stories", { ...params, limit: PAGE });
  const form = filterForm(params, [["search", "Words in the text"], ["outlet", "Outlet"],
    ["since", "Since (YYYY-MM-DD)"], ["until", "Until"]], "#/stories");
  const columns = [
    ["Published", (r) => r.published || ""],
    ["Story", (r) => el("span", {}, storyLink(r.id, r.title || r.id),
      r.snippet ? el("div", { class: "meta" }, snippet(r.snippet)) : null)],
    ["Outlet", (r) => r.outlet || ""],
    ["Versions", (r) => r.versions, true],
  ];
  return section("Stories", form, rows.length ? table(columns, rows) : nothing("No stories."));
}

async function showStory(id) {
  const digest = await api(`stories/${encodeURIComponent(id)}`);
  const changes = await api(`changes/${encodeURIComponent(id)}`);
  const article = digest.article;
  const entities = new Map((digest.entities || []).map((e) => [e.id, e]));
  const personOf = (entity) => entity.corpus_id || entity.name;
  const parts = [
    el("p", { class: "meta" }, [article.published, article.outlet].filter(Boolean).join(" · "),
      article.cluster ? " · cluster " : null,
      article.cluster ? clusterLink(article.cluster) : null,
      article.duplicate_of ? " · copy of " : null,
      article.duplicate_of ? storyLink(article.duplicate_of) : null),
  ];
  if (article.url) parts.push(el("p", {}, el("a", { href: article.url, rel: "noreferrer" }, article.url)));
  if (digest.highlights) {
    parts.push(el("h3", {}, "Highlights"),
      el("ol", { class: "items" }, ...digest.highlights.map((h) => el("li", {}, h.text))));
  }
  if (digest.entities) {
    const people = digest.entities.filter((e) => e.type === "PERSON");
    parts.push(el("h3", {}, "People"), people.length
      ? el("ul", { class: "items" }, ...people.map((e) => el("li", {}, personLink(personOf(e), e.name),
        e.titles.length ? ` (${[...new Set(e.titles)].join("; ")})` : "",
        ` · ${e.mentions.length} mention${e.mentions.length === 1 ? "" : "s"}`)))
      : nothing("No people."));
  }
  if (digest.quotes) {
    parts.push(el("h3", {}, "Quotes"), digest.quotes.length
      ? el("ul", { class: "items" }, ...digest.quotes.map((q) => {
        const speaker = q.speaker ? entities.get(q.speaker) : null;
        const who = speaker ? personLink(personOf(speaker), speaker.name) : (q.speaker_text || "Unattributed");
        return el("li", {}, el("blockquote", {}, q.direct ? `“${q.text}”` : q.text), "— ", who);
      }))
      : nothing("No quotes."));
  }
  if (digest.timeline && digest.timeline.length) {
    parts.push(el("h3", {}, "Timeline"), el("ul", { class: "items" },
      ...digest.timeline.map((e) => el("li", {}, el("strong", {}, e.date), " ", e.text))));
  }
  if (changes.length) {
    parts.push(el("h3", {}, "Changes between versions"), table([
      ["Versions", (c) => `${c.from} → ${c.to}`],
      ["Section", (c) => c.section],
      ["Change", (c) => c.change],
      ["Item", (c) => c.item],
    ], changes));
  }
  if (digest.text !== undefined) {
    parts.push(el("details", { class: "more" }, el("summary", {}, "Story text"),
      el("p", { class: "story-text" }, digest.text)));
  }
  return section(article.title || article.id, ...parts);
}

async function showPeople(params) {
  const rows = await api("people", { ...params, limit: PAGE });
  const form = filterForm(params, [["outlet", "Outlet"], ["since", "Since"], ["until", "Until"]],
    "#/people");
  const columns = [
    ["Person", (r) => personLink(r.person, r.name)],
    ["Quotes", (r) => r.quotes, true],
    ["Mentions", (r) => r.mentions, true],
    ["Stories", (r) => r.stories, true],
    ["Outlets", (r) => r.outlets, true],
  ];
  return section("People", form, rows.length ? table(columns, rows) : nothing("No people."));
}

async function showPerson(id) {
  const [quotes, events] = await Promise.all([
    api("quotes", { person: id, limit: PAGE }),
    api("timeline", { person: id, limit: PAGE }),
  ]);
  const name = (quotes.find((q) => q.speaker) || {}).speaker || id;
  return section(name,
    el("h3", {}, "Quotes"), quotes.length ? quoteList(quotes, false) : nothing("No quotes."),
    el("h3", {}, "Timeline"), events.length ? eventTable(events) : nothing("No dated events."));
}

function quoteList(rows, withSpeaker) {
  return el("ul", { class: "items" }, ...rows.map((q) => el("li", {},
    el("blockquote", {}, q.snippet ? snippet(q.snippet) : (q.kind === "direct" ? `“${q.text}”` : q.text)),
    withSpeaker ? "— " : null,
    withSpeaker ? (q.person ? personLink(q.person, q.speaker) : (q.speaker_text || "Unattributed")) : null,
    el("div", { class: "meta" }, storyLink(q.story_id), " ", storyMeta(q)))));
}

function eventTable(rows) {
  return table([
    ["Date", (e) => e.date],
    ["Event", (e) => e.text],
    ["Story", (e) => storyLink(e.story_id)],
    ["Outlet", (e) => e.outlet || ""],
  ], rows);
}

async function showQuotes(params) {
  const rows = await api("quotes", { ...params, limit: PAGE });
  const form = filterForm(params, [["search", "Words in the quote"], ["person", "Person"],
    ["outlet", "Outlet"], ["since", "Since"], ["until", "Until"]], "#/quotes");
  return section("Quotes", form, rows.length ? quoteList(rows, true) : nothing("No quotes."));
}

async function showTimeline(params) {
  const rows = await api("timeline", { ...params, limit: PAGE });
  const form = filterForm(params, [["person", "Person"], ["cluster", "Cluster"],
    ["since", "Events since"], ["until", "Events until"]], "#/timeline");
  return section("Timeline", form, rows.length ? eventTable(rows) : nothing("No dated events."));
}

async function showCluster(id) {
  const cluster = await api(`clusters/${encodeURIComponent(id)}`, { limit: PAGE });
  const dates = [...new Set([cluster.first_published, cluster.last_published].filter(Boolean))];
  const size = `${cluster.size} ${cluster.size === 1 ? "story" : "stories"}`;
  const storyColumns = [
    ["Published", (r) => r.published || ""],
    ["Story", (r) => storyLink(r.id, r.title || r.id)],
    ["Outlet", (r) => r.outlet || ""],
  ];
  const peopleColumns = [
    ["Person", (r) => personLink(r.person, r.name)],
    ["Quotes", (r) => r.quotes, true],
    ["Mentions", (r) => r.mentions, true],
    ["Stories", (r) => r.stories, true],
  ];
  return section(cluster.label || `Cluster ${cluster.cluster}`,
    el("p", { class: "meta" }, [`cluster ${cluster.cluster}`, size, dates.join(" – ")]
      .filter(Boolean).join(" · ")),
    el("h3", {}, "Stories"),
    cluster.stories.length ? table(storyColumns, cluster.stories) : nothing("No stories."),
    el("h3", {}, "People"),
    cluster.people.length ? table(peopleColumns, cluster.people) : nothing("No people."),
    el("h3", {}, "Timeline"),
    cluster.timeline.length ? eventTable(cluster.timeline) : nothing("No dated events."));
}

// ---- who gets quoted: horizontal bars drawn with plain elements ----

const SOURCES_BY = [["outlet", "Outlet"], ["cluster", "Event cluster"], ["month", "Month"],
  ["role", "Role class"]];
const GENDERS = [["female", "Women"], ["male", "Men"], ["unknown", "Not stated"]];
const BARS = 40;

function groupLabel(by, value) {
  if (value === null || value === undefined) return by === "month" ? "undated" : `no ${by}`;
  return by === "cluster" ? clusterLink(value) : value;
}

// One row per group: its label, a bar of its parts (each part's width its share of the
// largest group), and the counts as text; the bar's parts are named for screen readers.
function barChart(title, rows, by, parts, legendClass, count) {
  const largest = Math.max(1, ...rows.map((r) => r.quoted_people));
  const legend = el("ul", { class: "legend" }, ...parts.map(([, name], i) =>
    el("li", {}, el("span", { class: `swatch ${legendClass}${i}` }), name)));
  const bars = rows.map((row) => {
    const counts = parts.map(([key]) => count(row, key));
    const said = parts.map(([, name], i) => `${name}: ${counts[i]}`).join(", ");
    const bar = el("div", { class: "bar", role: "img", "aria-label": said },
      ...counts.map((n, i) => {
        const part = el("span", { class: `part ${legendClass}${i}`, title: `${parts[i][1]}: ${n}` });
        part.style.width = `${(100 * n) / largest}%`;
        return part;
      }));
    return el("li", { class: "bar-row" },
      el("span", { class: "bar-label" }, groupLabel(by, row[by])), bar,
      el("span", { class: "bar-value" }, said));
  });
  return el("figure", { class: "chart" }, el("figcaption", {}, title), legend,
    el("ul", { class: "bars" }, ...bars));
}

function sourcesForm(params) {
  const select = el("select", { name: "by" }, ...SOURCES_BY.map(([value, name]) =>
    el("option", { value, selected: (params.by || "outlet") === value ? "" : null }, name)));
  const form = filterForm(params, [["outlet", "Outlet"], ["since", "Since (YYYY-MM-DD)"],
    ["until", "Until"]], "#/sources");
  form.prepend(el("label", {}, "Count by ", select));
  select.addEventListener("change", () => form.requestSubmit());
  return form;
}

async function showSources(params) {
  const by = params.by || "outlet";
  const rows = await api("sources", { ...params, by, limit: BARS });
  const form = sourcesForm(params);
  if (!rows.length) return section("Who gets quoted", form, nothing("Nobody is quoted in these stories."));
  const shares = rows.filter((r) => r.female_share !== null);
  const summary = el("p", { class: "meta" },
    `The distinct people quoted in each story, by gender as the story states it and by role. `,
    rows.length === BARS ? `The ${BARS} groups with the most quoted people.` : "");
  return section("Who gets quoted", form, summary,
    barChart("Quoted people by gender", rows, by, GENDERS, "gender", (r, key) => r[key]),
    barChart("Quoted people by role", rows, by, Object.keys(rows[0].roles).map((r) => [r, r]),
      "role", (r, key) => r.roles[key]),
    shares.length ? table([
      [SOURCES_BY.find(([value]) => value === by)[1], (r) => groupLabel(by, r[by])],
      ["Quoted people", (r) => r.quoted_people, true],
      ["Share of women (gender stated)", (r) => `${Math.round(100 * r.female_share)}%`, true],
    ], shares) : null);
}

async function showSearch(params) {
  document.getElementById("search-text").value = params.q || "";
  if (!params.q) return section("Search", nothing("Type some words to search for."));
  const rows = await api("search", { q: params.q, limit: PAGE });
  const columns = [
    ["Found in", (r) => r.found_in],
    ["Hit", (r) => snippet(r.snippet)],
    ["Story", (r) => storyLink(r.story_id, r.title || r.story_id)],
    ["Published", (r) => storyMeta(r)],
  ];
  return section(`Search: ${params.q}`, rows.length ? table(columns, rows) : nothing("Nothing found."));
}

function filterForm(params, fields, base) {
  const inputs = fields.map(([name, label]) => {
    const input = el("input", { type: "text", name, value: params[name] || "", autocomplete: "off" });
    return el("label", {}, label, " ", input);
  });
  const form = el("form", { class: "search-form" }, ...inputs, el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    location.hash = base + query(values);
  });
  return form;
}

// ---- routing ----

const ROUTES = {
  stories: (rest, params) => showStories(params),
  story: (rest) => showStory(rest),
  people: (rest, params) => showPeople(params),
  person: (rest) => showPerson(rest),
  quotes: (rest, params) => showQuotes(params),
  timeline: (rest, params) => showTimeline(params),
  cluster: (rest) => showCluster(rest),
  sources: (rest, params) => showSources(params),
  search: (rest, params) => showSearch(params),
};

async function route() {
  const hash = location.hash.replace(/^#\/?/, "") || "stories";
  const [path, search = ""] = hash.split("?");
  const slash = path.indexOf("/");
  const name = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? "" : decodeURIComponent(path.slice(slash + 1));
  const params = Object.fromEntries(new URLSearchParams(search).entries());
  const show = ROUTES[name] || ROUTES.stories;
  for (const item of document.querySelectorAll("[data-nav]")) {
    if (item.dataset.nav === name) item.setAttribute("aria-current", "page");
    else item.removeAttribute("aria-current");
  }
  errorBox.hidden = true;
  statusLine.textContent = "Loading…";
  try {
    const content = await show(rest, params);
    view.replaceChildren(content);
    statusLine.textContent = "";
  } catch (error) {
    view.replaceChildren();
    statusLine.textContent = "";
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  }
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = document.getElementById("search-text").value.trim();
  location.hash = `#/search${query({ q: text })}`;
});
window.addEventListener("hashchange", route);
route();
