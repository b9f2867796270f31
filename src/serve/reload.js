// marsad serve: live reload. Injected into HTML pages by the dev server only.
// Events: "reload" (pages changed: their URL paths, one a line, or "*" for every page),
// "css" (only stylesheets changed: swap them in place),
// "build-error" (show the error over the last good page), "ok" (the error is fixed).
// Events come through worker.js, one stream shared by all tabs, so twenty open tabs use one
// connection; without shared workers, the page opens a stream of its own.
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
  // Whether this tab's page is among the changed ones (paths compared decoded: the server and
  // the browser may percent-encode differently).
  function isMine(data) {
    var decode = function (p) { try { return decodeURIComponent(p); } catch (e) { return p; } };
    var here = decode(location.pathname);
    return String(data).split("\n").some(function (p) { return p === "*" || decode(p) === here; });
  }
  function handle(type, data) {
    // The first event says the page is listening (tests wait for it).
    if (type === "hello" || type === "build-error") window.marsadConnected = true;
    if (type === "reload" && isMine(data)) location.reload();
    if (type === "css") {
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
        var url = new URL(link.href);
        url.searchParams.set("marsad", String(Date.now()));
        link.href = url.toString();
      });
    }
    if (type === "build-error") showError(data);
    if (type === "ok" && overlay) { overlay.remove(); overlay = null; location.reload(); }
  }
  function ownStream() {
    var source = new EventSource("/__marsad/events");
    ["hello", "reload", "css", "build-error", "ok"].forEach(function (type) {
      source.addEventListener(type, function (e) { handle(type, e.data); });
    });
  }
  if (typeof SharedWorker !== "function") return ownStream();
  try {
    var worker = new SharedWorker("/__marsad/worker.js", { name: "marsad-reload" });
    worker.port.onmessage = function (e) { handle(e.data.type, e.data.data); };
    worker.port.start();
    window.addEventListener("pagehide", function () { worker.port.postMessage("bye"); });
  } catch (e) {
    ownStream();
  }
})();
