// marsad search client: queries the static index under /search/ (see src/search.rs).
// Its file is named by its content hash (search.<hash>.js); the manifest names the client it
// was built for, and a page that loaded another client (a page cached from before a deploy)
// says so instead of misreading the index. Shards and chunks are read under the
// content-hashed names the manifest gives, so they never mix versions either.
// Words are split and folded as src/fold.rs does (words, fold, search_forms), from the
// tables src/fold.rs defines: render replaces FOLD_TABLE below with them (fold::client_table),
// so no folding table is written here by hand. tests/node/fold.test.mjs checks this client
// against tests/fixtures/fold_cases.json, the cases src/fold.rs is tested with.
// Only data from the index is shown, and only as text nodes: no title can inject markup.
(function (global) {
  "use strict";
  var T = /*FOLD_TABLE*/null;

  function dropped(c) {
    return T.dropped.some(function (r) { return c >= r[0] && c <= r[1]; });
  }
  var uEscape = function (c) { return "\\u{" + c.toString(16) + "}"; };
  var uRange = function (r) { return uEscape(r[0]) + "-" + uEscape(r[1]); };
  // fold::words: letters, digits and dropped characters, but never an apostrophe.
  var WORD = new RegExp("(?:(?![" + T.apostrophes.map(uEscape).join("") + "])[\\p{Alphabetic}\\p{N}" +
    T.dropped.map(uRange).join("") + "])+", "gu");
  // NFKD (presentation forms and ligatures to their letters), lowercase, dropped characters
  // out, letters and digits mapped: fold::fold.
  function fold(word) {
    var out = "";
    for (var ch of word.normalize("NFKD")) {
      for (var lc of ch.toLowerCase()) {
        if (dropped(lc.codePointAt(0))) continue;
        out += Object.prototype.hasOwnProperty.call(T.map, lc) ? T.map[lc] : lc;
      }
    }
    return out;
  }
  function words(text) {
    return (text.match(WORD) || []).filter(function (w) { return Array.from(w).length >= 2; });
  }
  function isArabic(ch) {
    var c = ch.codePointAt(0);
    return c >= T.arabic[0] && c <= T.arabic[1];
  }
  // fold::search_forms: the word, and for Arabic the word without its clitics, stage by stage.
  function forms(folded) {
    var out = [folded];
    if (!Array.from(folded).some(isArabic)) return out;
    var stage = [folded];
    T.clitics.forEach(function (s) {
      var next = stage.slice();
      stage.forEach(function (w) {
        for (var p of s[0]) {
          if (w.startsWith(p) && Array.from(w.slice(p.length)).length >= s[1]) { next.push(w.slice(p.length)); break; }
        }
      });
      stage = next;
    });
    stage.forEach(function (f) { if (out.indexOf(f) < 0) out.push(f); });
    return out;
  }
  if (typeof document === "undefined") {
    // Loaded outside a page (the Node test): hand out the folding, nothing else.
    global.marsadFold = { fold: fold, words: words, forms: forms };
    return;
  }

  var root = document.getElementById("search");
  if (!root) return;
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var empty = document.getElementById("search-empty");
  var base = root.getAttribute("data-index");
  var uiLang = Number(root.getAttribute("data-lang-index"));
  var undated = root.getAttribute("data-undated");
  var stale = document.getElementById("search-stale");
  var script = document.currentScript;
  var client = script ? script.src.split("?")[0].split("/").pop() : "";
  var MAX_RESULTS = 50;

  var cache = {};
  function load(path, options) {
    if (!cache[path]) {
      cache[path] = fetch(base + path, options).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  // The shards holding a form: the longest key that prefixes it (the index splits big
  // shards by one more character), and in prefix mode every longer key it prefixes.
  function shardKeys(form, manifest, prefix, keys) {
    var best = null;
    Object.keys(manifest.shards).forEach(function (k) {
      if (form.startsWith(k) && (best === null || k.length > best.length)) best = k;
      if (prefix && k.startsWith(form) && k !== form) keys[k] = true;
    });
    if (best !== null) keys[best] = true;
  }

  // doc -> best weight for one query word, over all its forms (prefix match for the last word).
  function matchWord(manifest, wordForms, prefix) {
    var keys = {};
    wordForms.forEach(function (f) { shardKeys(f, manifest, prefix, keys); });
    return Promise.all(Object.keys(keys).map(function (k) { return load(manifest.shards[k]); }))
      .then(function (shards) {
        var best = new Map();
        function take(list) {
          var doc = 0;
          for (var i = 0; i < list.length; i += 2) {
            doc += list[i];
            if ((best.get(doc) || 0) < list[i + 1]) best.set(doc, list[i + 1]);
          }
        }
        shards.forEach(function (shard) {
          if (!prefix) {
            // A whole word: look its forms up; no need to walk the shard.
            wordForms.forEach(function (f) { if (Object.prototype.hasOwnProperty.call(shard, f)) take(shard[f]); });
            return;
          }
          Object.keys(shard).forEach(function (token) {
            if (wordForms.some(function (f) { return token.startsWith(f); })) take(shard[token]);
          });
        });
        return best;
      });
  }

  function highlight(text, queryForms, prefixForms) {
    var frag = document.createDocumentFragment();
    var last = 0;
    text.replace(WORD, function (w, offset) {
      var fs = forms(fold(w));
      var hit = fs.some(function (f) {
        return queryForms.has(f) || prefixForms.some(function (p) { return f.startsWith(p); });
      });
      if (hit && Array.from(w).length >= 2) {
        frag.appendChild(document.createTextNode(text.slice(last, offset)));
        var mark = document.createElement("mark");
        mark.textContent = w;
        frag.appendChild(mark);
        last = offset + w.length;
      }
      return w;
    });
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  var generation = 0;
  function run(query) {
    var mine = ++generation;
    var started = performance.now();
    var qwords = words(query);
    var trailingSpace = /\s$/.test(query);
    if (qwords.length === 0) { show([], [], new Set(), [], started); return Promise.resolve(); }
    // The manifest's URL is fixed: always ask the server whether it changed.
    return load("index.json", { cache: "no-cache" }).then(function (manifest) {
      if (manifest.client !== client) {
        stale.hidden = false;
        throw new Error("index built for " + manifest.client + ", this page has " + client);
      }
      var perWord = qwords.map(function (w, i) {
        return { forms: forms(fold(w)), prefix: i === qwords.length - 1 && !trailingSpace };
      });
      return Promise.all(perWord.map(function (q) { return matchWord(manifest, q.forms, q.prefix); }))
        .then(function (maps) {
          var scores = new Map(maps[0]);
          for (var i = 1; i < maps.length; i++) {
            scores.forEach(function (s, doc) {
              if (maps[i].has(doc)) scores.set(doc, s + maps[i].get(doc)); else scores.delete(doc);
            });
          }
          var ranked = Array.from(scores.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
            .slice(0, MAX_RESULTS).map(function (e) { return e[0]; });
          var chunks = {};
          ranked.forEach(function (d) { chunks[Math.floor(d / manifest.chunk)] = true; });
          return Promise.all(Object.keys(chunks).map(function (c) {
            return load(manifest.chunks[c]).then(function (docs) { return [Number(c), docs]; });
          })).then(function (loaded) {
            if (mine !== generation) return;
            var byChunk = {};
            loaded.forEach(function (l) { byChunk[l[0]] = l[1]; });
            var docs = ranked.map(function (d) { return byChunk[Math.floor(d / manifest.chunk)][d % manifest.chunk]; });
            var exact = new Set();
            var prefixes = [];
            perWord.forEach(function (q) {
              q.forms.forEach(function (f) { if (q.prefix) prefixes.push(f); else exact.add(f); });
            });
            show(docs, ranked, exact, prefixes, started);
          });
        });
    }).catch(function (e) { root.setAttribute("data-error", String(e)); });
  }

  function show(docs, ids, exact, prefixes, started) {
    results.textContent = "";
    docs.forEach(function (d) {
      var li = document.createElement("li");
      li.lang = d.lang;
      li.dir = d.dir;
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = d.url;
      a.appendChild(highlight(d.title, exact, prefixes));
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "meta";
      var when = document.createElement("span");
      when.lang = document.documentElement.lang;
      when.dir = document.documentElement.dir;
      if (d.date) {
        var t = document.createElement("time");
        t.dateTime = d.date;
        t.textContent = d.dates[uiLang] || d.date;
        when.appendChild(t);
      } else {
        when.textContent = undated;
      }
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = d.language_name;
      meta.appendChild(when);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(badge);
      li.appendChild(meta);
      var p = document.createElement("p");
      p.className = "summary";
      p.appendChild(highlight(d.summary, exact, prefixes));
      li.appendChild(p);
      results.appendChild(li);
    });
    var query = input.value.trim();
    empty.hidden = !(query && docs.length === 0);
    root.setAttribute("data-results", String(docs.length));
    root.setAttribute("data-query-ms", (performance.now() - started).toFixed(1));
    root.setAttribute("data-state", "done");
  }

  var timer = null;
  input.addEventListener("input", function () {
    root.setAttribute("data-state", "busy");
    clearTimeout(timer);
    var q = input.value;
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    timer = setTimeout(function () { run(q); }, 60);
  });
  root.hidden = false;
  var initial = new URL(location.href).searchParams.get("q");
  if (initial) { input.value = initial; root.setAttribute("data-state", "busy"); run(initial); }
  else root.setAttribute("data-state", "done");
})(this);
