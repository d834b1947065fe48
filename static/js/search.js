/* Search page: the Pagefind index searched through its JavaScript API, results drawn in the
   site's own style. Briefings come first (as cards: where, attribution badge, date, excerpt),
   then the pages of countries, actors, platforms, elections and tags, grouped by kind, then
   other pages. Filters (target country, accused actor, confidence, platform, year, election,
   tag) are checkboxes with the number of results each would leave; choosing one keeps only
   briefings. A large archive is indexed in several bundles: /pagefind/shards.json lists them,
   and the first is searched with the others merged in. Reads ?q=words and filters such as
   ?Platform=TikTok from the address, so the header's search form and shared links open with
   results. Without JavaScript, or without an index, the page keeps its note and the indexes. */
const root = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");

const FILTERS = [["Target", "Target country"], ["Accused", "Accused actor"], ["Confidence", "Confidence"],
  ["Platform", "Platform"], ["Year", "Year"], ["Election", "Election"], ["Tag", "Tag"]];
const KINDS = [["briefings", "Briefings"], ["countries", "Countries"], ["actors", "Actors"], ["platforms", "Platforms"],
  ["elections", "Elections"], ["tags", "Tags"], ["", "Other pages"]];
// The search filter "Type" of each kind of term page (templates/term.html), by URL folder.
const TYPES = [["countries", "Country"], ["actors", "Actor"], ["platforms", "Platform"], ["elections", "Election"],
  ["tags", "Tag"]];
const FIRST = { briefings: 20, other: 8 }; // results drawn per group before "Show more"

async function start() {
  const bundle = root.dataset.bundle;
  const base = root.dataset.baseUrl;
  let pagefind;
  try {
    pagefind = await import(bundle + "pagefind.js");
    await pagefind.options({ baseUrl: base });
    const listing = await fetch(bundle + "shards.json").then((r) => (r.ok ? r.json() : { bundles: [] }), () => ({ bundles: [] }));
    await Promise.all((listing.bundles || []).slice(1).map((path) => pagefind.mergeIndex(base + path, { baseUrl: base })));
  } catch (error) {
    return; // no index: the note and the browsable indexes stay
  }
  const params = new URLSearchParams(window.location.search);
  const chosen = new Map();
  for (const [name, value] of params) {
    if (name !== "q" && FILTERS.some(([f]) => f === name)) {
      if (!chosen.has(name)) chosen.set(name, new Set());
      chosen.get(name).add(value);
    }
  }
  input.value = params.get("q") || "";
  form.hidden = false;
  root.textContent = "";
  const layout = element("div", "search-layout");
  const panel = element("details", "facets-panel search-filters");
  const summary = element("summary");
  const heading = element("h2", "", "Filter results");
  heading.id = "filters-h";
  summary.append(heading);
  panel.append(summary);
  if (window.matchMedia("(min-width: 56rem)").matches) panel.open = true;
  const groups = element("div", "filter-groups");
  panel.append(groups);
  const results = element("div", "search-results");
  const status = element("p", "search-status");
  status.id = "search-status";
  status.setAttribute("role", "status");
  const lists = element("div");
  results.append(status, lists);
  layout.append(panel, results);
  root.append(layout);

  const totals = pagefind.filters();
  let run = 0;
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });

  function filters() {
    const out = {};
    for (const [name, values] of chosen) out[name] = { any: Array.from(values) };
    return out;
  }

  function remember() {
    const query = new URLSearchParams();
    if (input.value.trim()) query.set("q", input.value.trim());
    for (const [name, values] of chosen) for (const value of values) query.append(name, value);
    const text = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
  }

  async function update() {
    const mine = ++run;
    remember();
    const term = input.value.trim();
    if (!term && !chosen.size) {
      status.textContent = "";
      lists.replaceChildren();
      drawFilters(await totals);
      return;
    }
    // Briefings (the pages with a Year), each kind of term page (its Type), then whatever is left.
    const found = new Map(KINDS.map(([kind]) => [kind, []]));
    let counts;
    if (chosen.size) {
      const search = await pagefind.search(term || null, { filters: filters() });
      if (mine !== run || !search) return;
      found.set("briefings", search.results);
      counts = search.filters || {};
    } else {
      const years = Object.keys((await totals).Year || {});
      const [all, briefings, terms] = await Promise.all([pagefind.search(term),
        pagefind.search(term, { filters: { Year: { any: years } } }),
        pagefind.search(term, { filters: { Type: { any: TYPES.map(([, type]) => type) } } })]);
      if (mine !== run || !all) return;
      found.set("briefings", briefings.results);
      counts = briefings.filters || {};
      const seen = new Set(briefings.results.map((r) => r.id));
      const present = TYPES.filter(([, type]) => ((terms.filters || {}).Type || {})[type]);
      const searches = await Promise.all(present.map(([, type]) => pagefind.search(term, { filters: { Type: type } })));
      present.forEach(([kind], i) => {
        found.set(kind, searches[i].results);
        searches[i].results.forEach((r) => seen.add(r.id));
      });
      found.set("", all.results.filter((r) => !seen.has(r.id)));
    }
    if (mine !== run) return;
    drawFilters(counts);
    const sections = await Promise.all(KINDS.filter(([kind]) => found.get(kind).length)
      .map(([kind, label]) => group(kind, label, found.get(kind), mine)));
    if (mine !== run) return;
    lists.replaceChildren(...sections);
    const total = Array.from(found.values()).reduce((n, list) => n + list.length, 0);
    const briefings = found.get("briefings").length;
    const what = [plural(briefings, "briefing")];
    if (total > briefings) what.push(plural(total - briefings, "other page"));
    const asked = [term ? "“" + term + "”" : "", ...Array.from(chosen, ([n, v]) => n + ": " + Array.from(v).join(" or "))];
    status.textContent = (total ? what.join(" and ") : "Nothing found") + " for " + asked.filter(Boolean).join("; ");
  }

  async function group(kind, label, found, mine) {
    const section = element("section", "search-group");
    const id = "results-" + (kind || "pages");
    const title = element("h2", "", label + " ");
    title.id = id;
    title.append(element("span", "count", String(found.length)));
    section.setAttribute("aria-labelledby", id);
    const list = element("ol", kind === "briefings" ? "search-list search-briefings" : "search-list");
    section.append(title, list);
    let shown = 0;
    async function more() {
      const next = found.slice(shown, shown + (kind === "briefings" ? FIRST.briefings : FIRST.other));
      const data = await Promise.all(next.map((r) => r.data()));
      if (mine !== run) return;
      list.append(...data.map((d) => item(d, kind === "briefings")));
      shown += next.length;
      button.hidden = shown >= found.length;
      button.textContent = "Show " + Math.min(found.length - shown, kind === "briefings" ? FIRST.briefings : FIRST.other) + " more";
    }
    const button = element("button", "search-more");
    button.type = "button";
    button.addEventListener("click", more);
    section.append(button);
    await more();
    return section;
  }

  function item(data, briefing) {
    const li = element("li", briefing ? "search-result card" : "search-result");
    const title = element(briefing ? "h3" : "p", "card-title search-result-title");
    const link = element("a", "search-result-link", data.meta.title || data.url);
    link.href = data.url;
    title.append(link);
    li.append(title);
    if (briefing && data.meta.where) li.append(element("p", "card-where", data.meta.where));
    if (briefing) {
      const meta = element("p", "meta", data.meta.date || "");
      for (const part of (data.meta.badge || "").split("; ").filter(Boolean)) {
        const colon = part.indexOf(": ");
        const badge = element("span", "attr-badge attr-" + (colon > 0 ? part.slice(0, colon).toLowerCase() : "none"));
        if (colon > 0) badge.append(element("span", "attr-level", part.slice(0, colon + 1)), " " + part.slice(colon + 2));
        else badge.textContent = part;
        meta.append(" ", badge);
      }
      li.append(meta);
    }
    const excerpt = element("p", "search-result-excerpt");
    excerpt.innerHTML = data.excerpt || ""; // Pagefind's excerpt: our own text, escaped, with <mark> around the words found
    li.append(excerpt);
    return li;
  }

  function drawFilters(counts) {
    const open = new Set(Array.from(groups.querySelectorAll("details[open]"), (d) => d.dataset.filter));
    const first = !groups.children.length;
    const drawn = [];
    for (const [name, label] of FILTERS) {
      const values = Object.entries(counts[name] || {}).filter(([value, n]) => n > 0 || (chosen.get(name) || new Set()).has(value));
      if (!values.length) continue;
      values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const box = element("details", "facet");
      box.dataset.filter = name;
      box.open = first ? drawn.length < 4 || chosen.has(name) : open.has(name) || chosen.has(name);
      const head = element("summary", "", label + " ");
      head.append(element("span", "count", String(values.length)));
      const list = element("ul");
      for (const [value, n] of values) {
        const li = element("li");
        const tick = element("input");
        tick.type = "checkbox";
        tick.id = "f-" + name + "-" + value.replace(/[^A-Za-z0-9]+/g, "-");
        tick.checked = (chosen.get(name) || new Set()).has(value);
        tick.addEventListener("change", () => {
          if (!chosen.has(name)) chosen.set(name, new Set());
          if (tick.checked) chosen.get(name).add(value);
          else chosen.get(name).delete(value);
          if (!chosen.get(name).size) chosen.delete(name);
          update();
        });
        const text = element("label", "", value + " ");
        text.htmlFor = tick.id;
        text.append(element("span", "count", String(n)));
        li.append(tick, text);
        list.append(li);
      }
      box.append(head, list);
      drawn.push(box);
    }
    const focused = document.activeElement && groups.contains(document.activeElement) ? document.activeElement.id : "";
    groups.replaceChildren(...drawn);
    const again = focused && document.getElementById(focused);
    if (again) again.focus(); // a redrawn checkbox keeps the keyboard's place
  }

  update();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

if (root && form && input) start();
