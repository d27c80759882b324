// The site's search: Pagefind's bundled UI, served from the site itself (no CDN). Links
// in the results are made relative to where the site is served from, so it works from
// any sub-path. A ?q= in the address starts a search.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var bundle = new URL(element.getAttribute("data-bundle"), window.location.href);
  var root = new URL("../", bundle);
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundle.pathname,
    baseUrl: root.pathname,
    showSubResults: false,
    showImages: false,
    resetStyles: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
