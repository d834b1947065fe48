/* Search page: start Pagefind's UI (loaded from /pagefind/ before this file).
   A large archive is indexed in several bundles: /pagefind/shards.json lists
   them, and the UI searches the first and merges the others in.
   Reads ?q=words and filters such as ?Platform=TikTok from the address, so the
   header's search form and shared links open with results. Without JavaScript,
   or without an index, the page keeps its note and the browsable indexes. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof window.PagefindUI !== "function") return;
  var bundle = root.getAttribute("data-bundle");
  var base = root.getAttribute("data-base-url");
  fetch(bundle + "shards.json")
    .then(function (response) { return response.ok ? response.json() : { bundles: [] }; })
    .catch(function () { return { bundles: [] }; })
    .then(function (listing) { start((listing.bundles || []).slice(1)); });

  function start(others) {
    root.textContent = "";
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      mergeIndex: others.map(function (path) { return { bundlePath: base + path }; }),
      baseUrl: base,
      showSubResults: true,
      showImages: false,
      excerptLength: 24,
      openFilters: ["Country", "Platform"],
      translations: { placeholder: "Search briefings" },
      processResult: function (result) {
        delete result.meta.summary; // shown in the listing; here the excerpt says more
        return result;
      }
    });
    // A visible label for Pagefind's input, which has only a placeholder and a title.
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.id = "search-input";
      input.type = "search";
      var label = document.createElement("label");
      label.htmlFor = "search-input";
      label.className = "search-label";
      label.textContent = "Search briefings by word or name";
      root.parentNode.insertBefore(label, root);
    }
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    params.forEach(function (value, key) {
      if (key !== "q") (filters[key] = filters[key] || []).push(value);
    });
    if (Object.keys(filters).length) ui.triggerFilters(filters);
    var query = params.get("q");
    if (query) ui.triggerSearch(query);
  }
})();
