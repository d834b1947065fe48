/* Briefing listing: the filter links become toggles that narrow the list in place.
   Values of one kind combine with "or", kinds with "and"; the choice is kept in the
   address (?Target=Moldova&Platform=TikTok) so it can be shared. On a year's (or a
   confidence's) page that value starts chosen. Next to each value, its count says how
   many briefings choosing it would show with the other kinds' choices (a value of the
   same kind widens the list); values that would show none are greyed out. The list
   shown can be downloaded as CSV or JSON. The data comes from the Pagefind index
   (partials/search_filters.html). Without JavaScript or an index the links simply open
   each country's, actor's ... page, the download links give every briefing, and
   nothing here runs. */
const panel = document.querySelector("[data-filter]");
const list = document.getElementById("listing");
const status = document.getElementById("filter-status");
const pages = document.querySelector(".listing-pages");
const downloads = document.getElementById("downloads");

// The panel is open on a wide screen; site.css shows its content there where browsers know ::details-content.
const details = panel && panel.querySelector("details");
if (details && window.matchMedia("(min-width: 56rem)").matches) details.open = true;

async function start() {
  let pagefind;
  try {
    pagefind = await import(panel.dataset.bundle + "pagefind.js");
    await pagefind.options({ baseUrl: panel.dataset.baseUrl });
  } catch (error) {
    return; // no search index: the links keep working as links
  }
  const original = Array.from(list.children);
  const links = Array.from(panel.querySelectorAll("a[data-facet]"));
  const facets = Array.from(new Set(links.map((a) => a.dataset.facet)));
  const chosen = new Map();
  const here = links.filter((a) => a.getAttribute("aria-current") === "page");
  here.forEach((a) => add(a.dataset.facet, a.dataset.value));
  const initial = key();
  const params = new URLSearchParams(window.location.search);
  for (const [facet, value] of params) {
    if (links.some((a) => a.dataset.facet === facet && a.dataset.value === value)) add(facet, value);
  }
  let totals = null; // every value's count with nothing chosen
  let shown = null; // the Pagefind results listed, when filtered
  let run = 0; // the latest apply(); an older one that finishes later changes nothing

  function key() {
    return Array.from(chosen, ([facet, values]) => facet + "=" + Array.from(values).sort().join("|")).sort().join("&");
  }

  function add(facet, value) {
    if (!chosen.has(facet)) chosen.set(facet, new Set());
    chosen.get(facet).add(value);
  }

  function isOn(facet, value) {
    return chosen.has(facet) && chosen.get(facet).has(value);
  }

  function toggle(facet, value) {
    const values = chosen.get(facet);
    if (values && values.has(value)) {
      values.delete(value);
      if (!values.size) chosen.delete(facet);
    } else {
      add(facet, value);
    }
    apply();
  }

  for (const link of links) {
    link.setAttribute("role", "button");
    link.setAttribute("aria-pressed", "false");
    link.removeAttribute("aria-current");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      toggle(link.dataset.facet, link.dataset.value);
    });
    link.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        toggle(link.dataset.facet, link.dataset.value);
      }
    });
  }

  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "filter-clear";
  clear.textContent = "Clear filters";
  clear.hidden = true;
  clear.addEventListener("click", () => {
    chosen.clear();
    apply();
  });
  function everything() {
    window.location.assign(panel.dataset.all); // a year's page: "no filter" is the full listing
  }
  (details ? details.querySelector("summary") : panel.querySelector("h2")).after(clear);

  function filtersOf(map) {
    const filters = {};
    for (const [facet, values] of map) filters[facet] = { any: Array.from(values) };
    return filters;
  }

  // Each kind's counts given the other kinds' choices: one search per kind that has others chosen.
  async function updateCounts() {
    if (!totals) totals = await pagefind.filters();
    const counts = {};
    const asked = new Map();
    for (const facet of facets) {
      const others = new Map(Array.from(chosen).filter(([f]) => f !== facet));
      const ask = others.size ? JSON.stringify(filtersOf(others)) : "";
      if (!asked.has(ask)) {
        asked.set(ask, ask ? pagefind.search(null, { filters: filtersOf(others) }).then((s) => s.filters) : totals);
      }
      counts[facet] = (await asked.get(ask))[facet] || {};
    }
    return counts;
  }

  function showCounts(counts) {
    for (const link of links) {
      const { facet, value } = link.dataset;
      const n = (counts[facet] && counts[facet][value]) || 0;
      const badge = link.parentElement.querySelector("[data-count]");
      if (badge) badge.textContent = String(n);
      const empty = n === 0 && !isOn(facet, value);
      link.parentElement.classList.toggle("facet-empty", empty);
      if (empty) link.setAttribute("aria-disabled", "true");
      else link.removeAttribute("aria-disabled");
    }
  }

  function card(data) {
    const article = document.createElement("article");
    article.className = "card";
    const heading = document.createElement("h2");
    heading.className = "card-title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    heading.append(link);
    article.append(heading);
    if (data.meta.where) {
      const where = document.createElement("p");
      where.className = "card-where";
      where.textContent = data.meta.where;
      article.append(where);
    }
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.append(data.meta.date || "");
    for (const part of (data.meta.badge || "").split("; ").filter(Boolean)) {
      const badge = document.createElement("span");
      const colon = part.indexOf(": ");
      const level = colon > 0 ? part.slice(0, colon).toLowerCase() : "none";
      badge.className = "attr-badge attr-" + level;
      if (colon > 0) {
        const strong = document.createElement("span");
        strong.className = "attr-level";
        strong.textContent = part.slice(0, colon + 1);
        badge.append(strong, " " + part.slice(colon + 2));
      } else {
        badge.textContent = part;
      }
      meta.append(" ", badge);
    }
    const summary = document.createElement("p");
    summary.className = "summary";
    summary.textContent = data.meta.summary || "";
    article.append(meta, summary);
    return article;
  }

  async function apply() {
    const mine = ++run;
    for (const link of links) link.setAttribute("aria-pressed", String(isOn(link.dataset.facet, link.dataset.value)));
    if (!chosen.size && here.length) return everything();
    const query = new URLSearchParams();
    for (const [facet, values] of chosen) {
      for (const value of values) {
        if (!here.some((a) => a.dataset.facet === facet && a.dataset.value === value)) query.append(facet, value);
      }
    }
    const unchanged = key() === initial;
    window.history.replaceState(null, "", window.location.pathname + (unchanged ? "" : "?" + query));
    clear.hidden = !chosen.size;
    const counts = await updateCounts();
    if (mine !== run) return;
    showCounts(counts);
    if (unchanged) {
      list.replaceChildren(...original);
      pages.hidden = false;
      status.textContent = "";
      shown = null;
      describeDownloads();
      return;
    }
    const search = await pagefind.search(null, { filters: filtersOf(chosen), sort: { date: "desc" } });
    const found = await Promise.all(search.results.slice(0, 200).map((result) => result.data()));
    if (mine !== run) return;
    shown = search.results;
    list.replaceChildren(...found.map(card));
    pages.hidden = true;
    const names = Array.from(chosen, ([facet, values]) => facet + ": " + Array.from(values).join(" or "));
    const more = search.results.length > found.length ? " (the first " + found.length + " listed)" : "";
    status.textContent = search.results.length + (search.results.length === 1 ? " briefing" : " briefings") +
      " for " + names.join("; ") + more;
    describeDownloads();
  }

  // Downloads: every briefing (the static files) until a filter is chosen, then the briefings it shows.
  function describeDownloads() {
    if (!downloads) return;
    const what = downloads.querySelector("[data-download-what]");
    if (what) what.textContent = shown ? "these " + shown.length + " briefing" + (shown.length === 1 ? "" : "s") : "every briefing";
  }

  const COLUMNS = ["title", "date", "url", "targets", "accused", "attribution", "confidence", "platforms", "summary"];
  function row(data) {
    const filters = data.filters || {};
    const list = (name) => (filters[name] || []).join("; ");
    return {
      title: data.meta.title || "", date: data.meta.date || "", url: new URL(data.url, window.location.href).href,
      targets: list("Target"), accused: list("Accused"), attribution: data.meta.badge || "",
      confidence: list("Confidence"), platforms: list("Platform"), summary: data.meta.summary || "",
    };
  }
  function csv(rows) {
    const quote = (value) => '"' + String(value).replace(/"/g, '""') + '"';
    return [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => quote(r[c])).join(","))].join("\r\n") + "\r\n";
  }
  async function download(kind) {
    const rows = (await Promise.all(shown.map((result) => result.data()))).map(row);
    const body = kind === "csv" ? csv(rows) : JSON.stringify({ filters: Object.fromEntries(
      Array.from(chosen, ([facet, values]) => [facet, Array.from(values)])), briefings: rows }, null, 1);
    const blob = new Blob([body], { type: kind === "csv" ? "text/csv" : "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "briefings-filtered." + kind;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
  if (downloads) {
    for (const link of downloads.querySelectorAll("[data-download]")) {
      link.addEventListener("click", (event) => {
        if (!shown) return; // nothing chosen: the static file of every briefing
        event.preventDefault();
        download(link.dataset.download);
      });
    }
  }

  if (key() !== initial) apply();
  else {
    for (const link of here) link.setAttribute("aria-pressed", "true");
    updateCounts().then(showCounts);
  }
  clear.hidden = !chosen.size;
}

if (panel && list && status && pages) start();
