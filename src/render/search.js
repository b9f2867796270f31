// marsad search client: queries the static index under /search/ (see src/search/mod.rs).
// Its file is named by its content hash (search.<hash>.js); the manifest names the client it
// was built for, and a page that loaded another client (a page cached from before a deploy)
// says so instead of misreading the index. Every other index file is read from the folder
// the manifest names (a hash of the whole index), so versions never mix either.
// A query (issue 24) loads the manifest, one shard per word, and the cards of the results it
// shows (ten at a time); typo candidates only for a word the index does not know, and the
// files of the terms its filters show. Excerpts are cut from the shown briefings' text.
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
  // Typo tolerance (issue 24): one edit for a word of five letters or more, two from nine;
  // an edit is an insertion, a deletion, a substitution or two neighbours swapped.
  function typoBudget(letters) { return letters >= 9 ? 2 : letters >= 5 ? 1 : 0; }
  // Edit distance of two arrays of characters (optimal string alignment), or max + 1 once
  // it is sure to pass max.
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  // The Arabic clitics are the folding's rules, not typos: a candidate that is the query word
  // with a clitic more or less is never a typo match.
  var CLITICS = [];
  T.clitics.forEach(function (s) { s[0].forEach(function (p) { CLITICS.push(p); }); });
  function crossesClitic(q, c) {
    return CLITICS.some(function (p) { return q === p + c || c === p + q; });
  }
  // The form a word's typos are looked for under: its shortest (for Arabic, without its
  // clitics), so an edit never stands in for a clitic.
  function typoForm(wordForms) {
    return wordForms.reduce(function (a, b) { return Array.from(b).length <= Array.from(a).length ? b : a; });
  }
  // Candidates within the word's budget among `vocabulary`, nearest first.
  function typoCandidates(form, vocabulary) {
    var q = Array.from(form);
    var budget = typoBudget(q.length);
    if (budget === 0) return [];
    var found = [];
    vocabulary.forEach(function (c) {
      if (c === form || crossesClitic(form, c)) return;
      var d = editDistance(q, Array.from(c), budget);
      if (d <= budget) found.push([d, c]);
    });
    found.sort(function (x, y) { return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0); });
    return found.map(function (f) { return f[1]; });
  }

  if (typeof document === "undefined") {
    // Loaded outside a page (the Node test): hand out the folding and typo rules, nothing else.
    global.marsadFold = { fold: fold, words: words, forms: forms, editDistance: editDistance,
      typoBudget: typoBudget, typoForm: typoForm, typoCandidates: typoCandidates, crossesClitic: crossesClitic };
    return;
  }

  var root = document.getElementById("search");
  if (!root) return;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var empty = document.getElementById("search-empty");
  var count = document.getElementById("search-count");
  var facets = document.getElementById("search-facets");
  var more = document.getElementById("search-more");
  var stale = document.getElementById("search-stale");
  var base = root.getAttribute("data-index");
  var uiLang = Number(root.getAttribute("data-lang-index"));
  var uiCode = document.documentElement.lang;
  var locale = root.getAttribute("data-locale") || uiCode;
  var label = function (name) { return root.getAttribute("data-" + name) || ""; };
  var script = document.currentScript;
  var client = script ? script.src.split("?")[0].split("/").pop() : "";
  var PAGE = 10;          // cards loaded and shown at a time
  var FACET_VALUES = 5;   // values shown per topic, actor and place filter
  var TYPO_CANDIDATES = 8;
  var WEIGHTS = [1, 3, 6, 8];   // body, summary, terms, title (src/search/postings.rs)
  var TYPO_SCALE = 1 / 16;      // a typo match counts less than any exact one
  var KINDS = ["topic", "actor", "place"];
  var numbers = new Intl.NumberFormat(locale);
  var plurals = new Intl.PluralRules(locale);

  var cache = {};
  function fetchOnce(path, read, options) {
    if (!cache[path]) {
      cache[path] = fetch(base + path, options).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return read(r);
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }
  function json(path, options) { return fetchOnce(path, function (r) { return r.json(); }, options); }
  // Document files are gzip; a host may already have inflated them in transit.
  function gzipJson(path) {
    return fetchOnce(path, function (r) {
      return r.arrayBuffer().then(function (buf) {
        var b = new Uint8Array(buf);
        if (b[0] !== 0x1f || b[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(b));
        var stream = new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).json();
      });
    });
  }
  function hex(s) {
    return Array.from(new TextEncoder().encode(s)).map(function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var i = 0; i < 64; i++) DIGIT[ALPHABET[i]] = i;
  // Calls f(number) for each base-64 variable-length number of s (src/search/postings.rs).
  function eachVarint(s, f) {
    var n = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s[i]];
      n += (d & 31) * Math.pow(2, shift);
      if (d & 32) { shift += 5; } else { f(n); n = 0; shift = 0; }
    }
  }

  // The manifest, read once per page: its URL is fixed, so the server is always asked
  // whether it changed.
  var manifest = null, keys = [], prefixKeys = {}, suffixKeys = {};
  function loadManifest() {
    return json("index.json", { cache: "no-cache" }).then(function (m) {
      if (m.client !== client) {
        stale.hidden = false;
        throw new Error("index built for " + m.client + ", this page has " + client);
      }
      if (m !== manifest) {
        manifest = m;
        keys = m.keys ? m.keys.split(" ") : [];
        prefixKeys = {}; suffixKeys = {};
        (m.prefixes ? m.prefixes.split(" ") : []).forEach(function (k) { prefixKeys[k] = true; });
        (m.suffixes ? m.suffixes.split(" ") : []).forEach(function (k) { suffixKeys[k] = true; });
      }
      return m;
    });
  }
  function indexFile(path) { return manifest.id + "/" + path; }
  function shardOf(form) {
    var best = null;
    keys.forEach(function (k) { if (form.startsWith(k) && (best === null || k.length > best.length)) best = k; });
    return best;
  }
  function shard(key) { return json(indexFile("t/" + hex(key) + ".json")); }
  function entry(shardData, form) {
    if (!Object.prototype.hasOwnProperty.call(shardData, form)) return null;
    var e = shardData[form];
    return typeof e === "string" ? { postings: e, terms: [] } : { postings: e[0], terms: e.slice(1) };
  }

  // One query word: doc -> score over all its forms (prefixes of longer words too for the
  // word being typed), the index forms it matched (for highlighting) and the terms whose
  // names hold them. Typos are looked for only when the word itself matches nothing.
  function matchWord(word) {
    var wanted = {};
    word.forms.forEach(function (f) {
      var k = shardOf(f);
      if (k !== null) wanted[k] = true;
      if (word.prefix && Array.from(f).length >= 3) {
        keys.forEach(function (key) { if (key.startsWith(f) && key !== f) wanted[key] = true; });
      }
    });
    return Promise.all(Object.keys(wanted).map(shard)).then(function (shards) {
      var m = { docs: new Map(), matched: new Set(), terms: new Map(), typo: false };
      shards.forEach(function (s) {
        if (!word.prefix) {
          word.forms.forEach(function (f) { take(m, f, entry(s, f), 1); });
          return;
        }
        Object.keys(s).forEach(function (token) {
          if (word.forms.some(function (f) { return token.startsWith(f); })) take(m, token, entry(s, token), 1);
        });
      });
      if (m.docs.size > 0) return m;
      return typoMatches(word, m);
    });
  }
  function take(m, form, e, scale) {
    if (!e) return;
    m.matched.add(form);
    if (e.terms.length) m.terms.set(form, e.terms);
    // (delta << 2 | field) per posting from document -1; a delta of 0 starts a run: the
    // next varint is how many documents follow one after another in that field.
    var doc = -1, runClass = -1;
    function post(score) { if ((m.docs.get(doc) || 0) < score) m.docs.set(doc, score); }
    eachVarint(e.postings, function (v) {
      if (runClass >= 0) {
        var score = WEIGHTS[runClass] * scale;
        for (var k = 0; k < v; k++) { doc++; post(score); }
        runClass = -1;
        return;
      }
      var delta = Math.floor(v / 4);
      if (delta === 0) { runClass = v & 3; return; }
      doc += delta;
      post(WEIGHTS[v & 3] * scale);
    });
  }
  function typoMatches(word, m) {
    var form = typoForm(word.forms);
    var letters = Array.from(form);
    if (typoBudget(letters.length) === 0) return m;
    var files = [];
    var first = letters.slice(0, 2).join(""), last = letters.slice(-2).join("");
    if (prefixKeys[first]) files.push(json(indexFile("v/p" + hex(first) + ".json")));
    if (suffixKeys[last]) files.push(json(indexFile("v/s" + hex(last) + ".json")));
    return Promise.all(files).then(function (lists) {
      var seen = new Set();
      var vocabulary = [];
      lists.forEach(function (l) { l.forEach(function (c) { if (!seen.has(c)) { seen.add(c); vocabulary.push(c); } }); });
      var candidates = typoCandidates(form, vocabulary).slice(0, TYPO_CANDIDATES);
      var byShard = {};
      candidates.forEach(function (c) { var k = shardOf(c); if (k !== null) (byShard[k] = byShard[k] || []).push(c); });
      return Promise.all(Object.keys(byShard).map(function (k) {
        return shard(k).then(function (s) { byShard[k].forEach(function (c) { take(m, c, entry(s, c), TYPO_SCALE); }); });
      })).then(function () { m.typo = m.docs.size > 0; return m; });
    });
  }

  // Where a document sits: its language (a run of numbers) and its year (a run inside it).
  function languageOf(doc) {
    var ls = manifest.languages;
    for (var i = 0; i < ls.length; i++) if (doc >= ls[i].start && doc < ls[i].end) return i;
    return -1;
  }
  function yearOf(doc, lang) {
    var runs = manifest.languages[lang].years, y = null;
    for (var i = 0; i < runs.length && runs[i][1] <= doc; i++) y = runs[i][0];
    return y;
  }
  function yearKey(y) { return y === null ? "undated" : String(y); }

  // The state a search is: the query and the filters, as the URL says.
  var FILTERS = ["lang", "year", "topic", "actor", "place"];
  function stateFromUrl() {
    var p = new URL(location.href).searchParams;
    var s = { q: p.get("q") || "", filters: {} };
    FILTERS.forEach(function (f) { var v = p.get(f); if (v) s.filters[f] = v; });
    return s;
  }
  // The page's URL for a state: this page, its query string saying the state.
  function urlOf(s) {
    var p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    FILTERS.forEach(function (f) { if (s.filters[f]) p.set(f, s.filters[f]); });
    var search = p.toString();
    return location.pathname + (search ? "?" + search : "");
  }
  function termPath(kind, id) { return indexFile("f/" + kind + "/" + hex(id) + ".json"); }
  function termFile(handle) {
    var cut = handle.indexOf(":");
    return json(termPath(handle.slice(0, cut), handle.slice(cut + 1)));
  }
  function termDocs(t) {
    if (!t.docs) {
      t.docs = [];
      var doc = 0;
      eachVarint(t.p, function (d) { doc += d; t.docs.push(doc); });
    }
    return t.docs;
  }

  var state = stateFromUrl();
  var generation = 0;
  var current = null;   // the shown search: ranked documents and what highlights them

  function run(s) {
    var mine = ++generation;
    var started = performance.now();
    root.setAttribute("data-state", "busy");
    var qwords = words(s.q);
    if (qwords.length === 0) { clear(); done(started, s.q); return Promise.resolve(); }
    var trailingSpace = /\s$/.test(s.q);
    return loadManifest().then(function () {
      var perWord = qwords.map(function (w, i) {
        return { forms: forms(fold(w)), prefix: i === qwords.length - 1 && !trailingSpace };
      });
      var filterTerms = [];
      KINDS.forEach(function (k, i) {
        if (s.filters[k]) filterTerms.push(termFile(i + ":" + s.filters[k]).catch(function () { return { p: "" }; }));
      });
      return Promise.all([Promise.all(perWord.map(matchWord)), Promise.all(filterTerms)]).then(function (got) {
        if (mine !== generation) return;
        var ranked = rank(got[0], s.filters, got[1]);
        var highlight = new Set();
        var terms = new Map();
        got[0].forEach(function (m) {
          m.matched.forEach(function (f) { highlight.add(f); });
          m.terms.forEach(function (t, f) { terms.set(f, t); });
        });
        current = { state: s, ranked: ranked, words: got[0], highlight: highlight, terms: terms, shown: 0, started: started };
        return showMore(mine).then(function () { return showFacets(mine); });
      });
    }).then(function () { if (mine === generation) done(started, s.q); })
      .catch(function (e) { root.setAttribute("data-error", String(e)); root.setAttribute("data-state", "done"); });
  }

  // Documents matching every word and every filter, best first: fewer typo-matched words,
  // then the higher score, then the interface language, then the newer.
  function rank(maps, filters, filterTerms) {
    var docs = [];
    var first = maps[0].docs;
    var allowed = null;
    filterTerms.forEach(function (t) {
      var set = new Set(termDocs(t));
      allowed = allowed === null ? set : new Set(Array.from(allowed).filter(function (d) { return set.has(d); }));
    });
    first.forEach(function (score, doc) {
      var typos = maps[0].typo ? 1 : 0;
      for (var i = 1; i < maps.length; i++) {
        var s = maps[i].docs.get(doc);
        if (s === undefined) return;
        score += s;
        if (maps[i].typo) typos++;
      }
      if (allowed !== null && !allowed.has(doc)) return;
      var lang = languageOf(doc);
      if (filters.lang && (lang < 0 || manifest.languages[lang].code !== filters.lang)) return;
      var year = lang < 0 ? null : yearOf(doc, lang);
      if (filters.year && yearKey(year) !== filters.year) return;
      docs.push({ doc: doc, score: score, typos: typos, lang: lang, year: year });
    });
    docs.sort(function (a, b) {
      return a.typos - b.typos || b.score - a.score || (a.lang !== uiLang) - (b.lang !== uiLang) ||
        (b.year || 0) - (a.year || 0) || a.doc - b.doc;
    });
    return docs;
  }

  function card(doc) {
    return gzipJson(indexFile("d/" + Math.floor(doc / manifest.group) + ".bin"))
      .then(function (group) { return group[doc % manifest.group]; });
  }

  // Loads and shows the next PAGE results.
  function showMore(mine) {
    var c = current;
    var next = c.ranked.slice(c.shown, c.shown + PAGE);
    return Promise.all(next.map(function (r) { return card(r.doc); })).then(function (cards) {
      // The terms that explain a match no text shows ("matched: actor …").
      var explained = cards.map(function (d) { return explanation(d); });
      var needed = {};
      explained.forEach(function (ts) { ts.forEach(function (t) { needed[t] = true; }); });
      var handles = Object.keys(needed);
      return Promise.all(handles.map(function (h) { return termFile(h).catch(function () { return null; }); })).then(function (files) {
        if (mine !== generation) return;
        var names = {};
        handles.forEach(function (h, i) { names[h] = files[i]; });
        // The previous query's results stay until this one's cards are in.
        if (c.shown === 0) results.textContent = "";
        next.forEach(function (r, i) { results.appendChild(resultItem(r, cards[i], explained[i], names)); });
        c.shown += next.length;
        more.hidden = c.shown >= c.ranked.length;
        c.cards = (c.cards || []).concat(cards);
      });
    });
  }

  // Whether a word of a card is one the query matched (its forms, the longer words the word
  // being typed matched, the typo candidates found).
  function matches(word) {
    return formsOf(word).some(function (f) { return current.highlight.has(f); });
  }

  // The terms (as "kind:id") through which a query word found this briefing when none of
  // its text holds the word: a registry alias or a name in another script.
  function explanation(d) {
    var out = [];
    var textForms = cardText(d).forms;
    current.words.forEach(function (m) {
      var inText = false;
      m.matched.forEach(function (f) { if (textForms.has(f)) inText = true; });
      if (inText) return;
      var mine = new Set(d.m);
      m.matched.forEach(function (f) {
        (current.terms.get(f) || []).forEach(function (t) { if (mine.has(t) && out.indexOf(t) < 0) out.push(t); });
      });
    });
    return out;
  }

  function highlight(text) {
    var frag = document.createDocumentFragment();
    var last = 0;
    text.replace(WORD, function (w, offset) {
      if (Array.from(w).length >= 2 && matches(w)) {
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

  // A word's forms, worked out once per word a page meets: the cards' texts are read word by
  // word for highlights, excerpts and "matched:" lines, and folding (NFKD) is the cost.
  var formsCache = new Map();
  function formsOf(word) {
    var fs = formsCache.get(word);
    if (!fs) {
      if (formsCache.size > 100000) formsCache.clear();
      fs = forms(fold(word));
      formsCache.set(word, fs);
    }
    return fs;
  }

  // Which query word a word (its forms, null for a one-letter word) matched, or -1.
  function matchedWord(fs) {
    if (!fs) return -1;
    for (var i = 0; i < current.words.length; i++) {
      var m = current.words[i].matched;
      if (fs.some(function (f) { return m.has(f); })) return i;
    }
    return -1;
  }

  // A card's words, read once per page: the body's words (offsets and forms) and the forms of
  // every word of its title, summary and body.
  function cardText(d) {
    if (!d.words) {
      var spans = [], all = new Set();
      d.b.replace(WORD, function (w, offset) {
        var fs = Array.from(w).length >= 2 ? formsOf(w) : null;
        spans.push([offset, offset + w.length, fs]);
        if (fs) fs.forEach(function (f) { all.add(f); });
        return w;
      });
      (d.t + " " + d.s).replace(WORD, function (w) { formsOf(w).forEach(function (f) { all.add(f); }); return w; });
      d.words = { spans: spans, forms: all };
    }
    return d.words;
  }

  var EXCERPT_WORDS = 30;
  // The passage of `body` of EXCERPT_WORDS words holding the most distinct query words, then
  // the most matches (the first such), or null when the body holds none.
  function excerpt(d) {
    var body = d.b;
    var spans = cardText(d).spans;
    var hits = spans.map(function (sp) { return matchedWord(sp[2]); });
    var best = -1, bestScore = -1, bestLast = 0;
    for (var start = 0; start < hits.length; start++) {
      if (hits[start] < 0) continue;
      var distinct = {}, n = 0, total = 0, lastHit = start;
      for (var j = start; j < Math.min(hits.length, start + EXCERPT_WORDS); j++) {
        if (hits[j] < 0) continue;
        total++;
        lastHit = j;
        if (!distinct[hits[j]]) { distinct[hits[j]] = true; n++; }
      }
      // Most distinct words, then most matches, then the tightest.
      var score = n * 10000 + total * 100 - (lastHit - start);
      if (score > bestScore) { bestScore = score; best = start; bestLast = lastHit; }
    }
    if (best < 0) return null;
    // Start a few words before the window's first match, keeping its last in view.
    var first = Math.max(0, best - Math.min(6, EXCERPT_WORDS - 1 - (bestLast - best)));
    var last = Math.min(spans.length, first + EXCERPT_WORDS) - 1;
    var from = first === 0 ? 0 : spans[first][0];
    var to = last === spans.length - 1 ? body.length : spans[last][1];
    var frag = document.createDocumentFragment();
    if (from > 0) frag.appendChild(document.createTextNode("… "));
    frag.appendChild(highlight(body.slice(from, to).trim()));
    if (to < body.length) frag.appendChild(document.createTextNode(" …"));
    return frag;
  }

  function resultItem(r, d, explained, names) {
    var lang = manifest.languages[r.lang] || { code: "", dir: "auto", name: "" };
    var li = document.createElement("li");
    li.lang = lang.code;
    li.dir = lang.dir;
    if (r.typos) li.setAttribute("data-typo", "");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = d.u;
    a.appendChild(highlight(d.t));
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    var when = document.createElement("span");
    when.lang = uiCode;
    when.dir = document.documentElement.dir;
    if (d.d) {
      var t = document.createElement("time");
      t.dateTime = d.d;
      t.textContent = d.ds[uiLang] || d.d;
      when.appendChild(t);
    } else {
      when.textContent = label("undated");
    }
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = lang.name;
    meta.appendChild(when);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(badge);
    li.appendChild(meta);
    var p = document.createElement("p");
    var passage = excerpt(d);
    p.className = passage ? "excerpt" : "summary";
    p.appendChild(passage || highlight(d.s));
    li.appendChild(p);
    var because = explained.filter(function (h) { return names[h]; });
    if (because.length) {
      var why = document.createElement("p");
      why.className = "matched";
      why.lang = uiCode;
      why.dir = document.documentElement.dir;
      why.appendChild(document.createTextNode(label("matched") + " "));
      because.forEach(function (h, i) {
        var t = names[h];
        if (i > 0) why.appendChild(document.createTextNode(", "));
        why.appendChild(document.createTextNode(label("kind-" + KINDS[t.k]) + " "));
        var name = document.createElement("bdi");
        name.textContent = t.n[uiLang] || t.i;
        why.appendChild(name);
      });
      li.appendChild(why);
    }
    return li;
  }

  // Filters with counts over every match of the query (and the filters chosen): languages
  // and years from the runs of document numbers; topics, actors and places for the terms
  // the shown results carry (and any chosen), each counted exactly from its term file.
  function showFacets(mine) {
    var c = current;
    var all = c.ranked;
    var langCounts = {}, yearCounts = {};
    all.forEach(function (r) {
      var code = r.lang < 0 ? "" : manifest.languages[r.lang].code;
      langCounts[code] = (langCounts[code] || 0) + 1;
      var y = yearKey(r.year);
      yearCounts[y] = (yearCounts[y] || 0) + 1;
    });
    var frequency = [{}, {}, {}];
    (c.cards || []).forEach(function (d) {
      d.m.forEach(function (h) {
        var k = Number(h.slice(0, h.indexOf(":")));
        frequency[k][h] = (frequency[k][h] || 0) + 1;
      });
    });
    var handles = [];
    KINDS.forEach(function (kind, k) {
      var chosen = c.state.filters[kind] ? k + ":" + c.state.filters[kind] : null;
      var list = Object.keys(frequency[k]).sort(function (a, b) { return frequency[k][b] - frequency[k][a] || (a < b ? -1 : 1); })
        .slice(0, FACET_VALUES);
      if (chosen && list.indexOf(chosen) < 0) list.unshift(chosen);
      handles.push(list);
    });
    var flat = [].concat.apply([], handles);
    return Promise.all(flat.map(function (h) { return termFile(h).catch(function () { return null; }); })).then(function (files) {
      if (mine !== generation) return;
      var inResults = new Uint8Array(manifest.docs);
      all.forEach(function (r) { inResults[r.doc] = 1; });
      var byHandle = {};
      flat.forEach(function (h, i) {
        var t = files[i];
        if (!t) return;
        var n = 0;
        termDocs(t).forEach(function (d) { n += inResults[d]; });
        byHandle[h] = { file: t, count: n };
      });
      facets.textContent = "";
      if (all.length === 0 && !Object.keys(c.state.filters).length) { facets.hidden = true; return; }
      facets.hidden = false;
      // A chosen value stays listed, even at no match, so that it can be removed.
      var chosen = c.state.filters;
      facetGroup("lang", label("facet-lang"), manifest.languages.filter(function (l) { return langCounts[l.code] || chosen.lang === l.code; })
        .map(function (l) { return { value: l.code, text: l.name, lang: l.code, dir: l.dir, count: langCounts[l.code] || 0 }; }));
      if (chosen.year && !yearCounts[chosen.year]) yearCounts[chosen.year] = 0;
      var years = Object.keys(yearCounts).sort(function (a, b) { return (b === "undated" ? -1 : Number(b)) - (a === "undated" ? -1 : Number(a)); });
      facetGroup("year", label("facet-year"), years.map(function (y) {
        var labels = manifest.years[y];
        return { value: y, text: y === "undated" ? label("undated") : (labels && labels[uiLang]) || y, count: yearCounts[y] };
      }));
      KINDS.forEach(function (kind, k) {
        var mine = chosen[kind] ? k + ":" + chosen[kind] : null;
        facetGroup(kind, label("facet-" + kind), handles[k].filter(function (h) { return byHandle[h] && (byHandle[h].count || h === mine); })
          .map(function (h) {
            var t = byHandle[h].file;
            return { value: t.i, text: t.n[uiLang] || t.i, count: byHandle[h].count };
          }).sort(function (a, b) { return b.count - a.count; }));
      });
    });
  }

  function facetGroup(kind, legendText, values) {
    var chosen = current.state.filters[kind];
    if (!values.length && !chosen) return;
    var group = document.createElement("section");
    group.className = "facet";
    group.setAttribute("data-facet", kind);
    var h = document.createElement("h2");
    h.textContent = legendText;
    group.appendChild(h);
    var ul = document.createElement("ul");
    values.forEach(function (v) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      var next = { q: current.state.q, filters: Object.assign({}, current.state.filters) };
      var on = chosen === v.value;
      if (on) delete next.filters[kind]; else next.filters[kind] = v.value;
      a.href = urlOf(next);
      if (on) a.setAttribute("aria-current", "true");
      a.setAttribute("data-value", v.value);
      var name = document.createElement("bdi");
      name.textContent = v.text;
      if (v.lang) { name.lang = v.lang; name.dir = v.dir; }
      a.appendChild(name);
      a.appendChild(document.createTextNode(" "));
      var n = document.createElement("span");
      n.className = "count";
      n.textContent = numbers.format(v.count);
      a.appendChild(n);
      a.addEventListener("click", function (e) {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(next, true);
      });
      li.appendChild(a);
      ul.appendChild(li);
    });
    group.appendChild(ul);
    facets.appendChild(group);
  }

  function clear() {
    current = null;
    results.textContent = "";
    facets.textContent = "";
    facets.hidden = true;
    more.hidden = true;
  }

  // "N briefings", in the interface language's plural forms, from the messages the page
  // carries for a few sample counts (src/render: templates/search.html).
  function countText(n) {
    var category = plurals.select(n);
    var samples = (root.getAttribute("data-count-samples") || "").split(" ");
    for (var i = 0; i < samples.length; i++) {
      if (samples[i] && plurals.select(Number(samples[i])) === category) {
        return label("count-" + samples[i]).replace(samples[i], numbers.format(n));
      }
    }
    return numbers.format(n);
  }

  // Tells tests and the bench which query the page shows, and how long it took.
  function done(started, q) {
    var total = current ? current.ranked.length : 0;
    empty.hidden = !(q.trim() && total === 0);
    var text = q.trim() && total > 0 ? countText(total) : "";
    if (count.textContent !== text) count.textContent = text;
    root.setAttribute("data-results", String(total));
    root.setAttribute("data-shown", String(current ? current.shown : 0));
    root.setAttribute("data-query", q);
    root.setAttribute("data-query-ms", (performance.now() - started).toFixed(1));
    root.setAttribute("data-state", "done");
  }

  function navigate(s, push) {
    state = s;
    var url = urlOf(s);
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    return run(s);
  }

  var timer = null;
  input.addEventListener("input", function () {
    root.setAttribute("data-state", "busy");
    clearTimeout(timer);
    var next = { q: input.value, filters: state.filters };
    timer = setTimeout(function () { navigate(next, false); }, 60);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    navigate({ q: input.value, filters: state.filters }, false);
  });
  window.addEventListener("popstate", function () {
    state = stateFromUrl();
    input.value = state.q;
    run(state);
  });
  more.addEventListener("click", function () {
    if (!current) return;
    var mine = generation;
    root.setAttribute("data-state", "busy");
    var first = current.shown;
    showMore(mine).then(function () {
      var link = results.querySelectorAll("li h2 a")[first];
      if (link) link.focus();
      done(current.started, current.state.q);
    });
  });

  // Arrow keys: down from the box to the first result, then from result to result; up
  // back to the box.
  root.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.from(results.querySelectorAll("li h2 a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (e.target === input) {
      if (e.key !== "ArrowDown") return;
      e.preventDefault();
      links[0].focus();
      return;
    }
    if (at < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)].focus();
    else if (at === 0) input.focus();
    else links[at - 1].focus();
  });

  root.hidden = false;
  if (state.q) { input.value = state.q; run(state); }
  else { clear(); done(performance.now(), ""); }
})(this);
