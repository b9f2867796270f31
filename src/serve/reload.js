// marsad serve: live reload. Injected into HTML pages by the dev server only.
// Events: "reload" (a page changed), "css" (only stylesheets changed: swap them in place),
// "build-error" (show the error over the last good page), "ok" (the error is fixed).
(function () {
  "use strict";
  var overlay = null;
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "marsad-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.92);" +
        "color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem;overflow:auto;direction:ltr;text-align:left";
      var h = document.createElement("h2");
      h.textContent = "marsad: the last edit does not build (showing the last good version)";
      h.style.cssText = "font:bold 18px sans-serif;margin:0 0 1rem;color:#ffb4b4";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.appendChild(h);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }
  var source = new EventSource("/__marsad/events");
  // The server's first event says the page is listening (tests wait for it).
  source.addEventListener("hello", function () { window.marsadConnected = true; });
  source.addEventListener("build-error", function () { window.marsadConnected = true; });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("marsad", String(Date.now()));
      link.href = url.toString();
    });
  });
  source.addEventListener("build-error", function (e) { showError(e.data); });
  source.addEventListener("ok", function () {
    if (overlay) { overlay.remove(); overlay = null; location.reload(); }
  });
})();
