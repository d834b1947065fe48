/* Briefing listing: the filter links become toggles that narrow the list in place.
   Values of one kind combine with "or", kinds with "and"; the choice is kept in the
   address (?Country=Czechia&Platform=TikTok) so it can be shared. On a year's page
   that year starts chosen. The data comes from the Pagefind index. Without JavaScript or an index the links simply open
   each country's, platform's, ... page, and nothing here runs. */
const panel = document.querySelector("[data-filter]");
const list = document.getElementById("listing");
const status = document.getElementById("filter-status");
const pages = document.querySelector(".listing-pages");

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
  const chosen = new Map();
  const here = links.filter((a) => a.getAttribute("aria-current") === "page");
  here.forEach((a) => add(a.dataset.facet, a.dataset.value));
  const initial = key();
  const params = new URLSearchParams(window.location.search);
  for (const [facet, value] of params) {
    if (links.some((a) => a.dataset.facet === facet && a.dataset.value === value)) add(facet, value);
  }

  function key() {
    return Array.from(chosen, ([facet, values]) => facet + "=" + Array.from(values).sort().join("|")).sort().join("&");
  }

  function add(facet, value) {
    if (!chosen.has(facet)) chosen.set(facet, new Set());
    chosen.get(facet).add(value);
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
  panel.querySelector("h2").after(clear);

  function card(data) {
    const article = document.createElement("article");
    article.className = "card";
    const heading = document.createElement("h2");
    heading.className = "card-title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    heading.append(link);
    const date = document.createElement("p");
    date.className = "meta";
    date.textContent = data.meta.date || "";
    const summary = document.createElement("p");
    summary.className = "summary";
    summary.textContent = data.meta.summary || "";
    article.append(heading, date, summary);
    return article;
  }

  async function apply() {
    for (const link of links) {
      const on = chosen.has(link.dataset.facet) && chosen.get(link.dataset.facet).has(link.dataset.value);
      link.setAttribute("aria-pressed", String(on));
    }
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
    if (unchanged) {
      list.replaceChildren(...original);
      pages.hidden = false;
      status.textContent = "";
      return;
    }
    const filters = {};
    for (const [facet, values] of chosen) filters[facet] = { any: Array.from(values) };
    const search = await pagefind.search(null, { filters, sort: { date: "desc" } });
    const found = await Promise.all(search.results.slice(0, 200).map((result) => result.data()));
    list.replaceChildren(...found.map(card));
    pages.hidden = true;
    const names = Array.from(chosen, ([facet, values]) => facet + ": " + Array.from(values).join(" or "));
    status.textContent = found.length + (found.length === 1 ? " briefing" : " briefings") + " for " + names.join("; ");
  }

  if (key() !== initial) apply();
  else for (const link of here) link.setAttribute("aria-pressed", "true");
  clear.hidden = !chosen.size;
}

if (panel && list && status && pages) start();
