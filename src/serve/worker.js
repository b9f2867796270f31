// marsad serve: one event stream per browser, shared by every open tab of the preview.
// Browsers allow six HTTP/1.1 connections per host; with one stream per tab, the seventh tab
// of a preview would never load. This shared worker holds the only stream and hands each
// event to every tab (reload.js falls back to a stream of its own where shared workers are
// not available).
"use strict";
var ports = [];
// What a tab that opens now must know: connected, or the current build error.
var state = null;
var source = new EventSource("/__marsad/events");
["hello", "reload", "css", "build-error", "ok"].forEach(function (type) {
  source.addEventListener(type, function (e) {
    var message = { type: type, data: e.data };
    if (type === "hello" || type === "build-error") state = message;
    if (type === "ok") state = { type: "hello", data: "" };
    ports.forEach(function (port) { port.postMessage(message); });
  });
});
self.onconnect = function (e) {
  var port = e.ports[0];
  ports.push(port);
  port.onmessage = function (m) {
    // A tab going away says so, so events stop going to it.
    if (m.data === "bye") ports = ports.filter(function (p) { return p !== port; });
  };
  port.start();
  if (state) port.postMessage(state);
};
