// memgen-book search: lunr over window.memgenSearchDocuments (search-index.js).
(function () {
  "use strict";
  var docs = window.memgenSearchDocuments;
  if (!docs || typeof lunr === "undefined") { return; }
  var me = document.currentScript;
  var base = me ? me.getAttribute("src").replace(/assets\/search\/search\.js$/, "") : "";
  var css = document.createElement("link");
  css.rel = "stylesheet"; css.href = base + "assets/search/search.css";
  document.head.appendChild(css);

  var box = document.createElement("div");
  box.className = "search";
  box.setAttribute("role", "search");
  var input = document.createElement("input");
  input.type = "search"; input.id = "search-input"; input.autocomplete = "off";
  input.placeholder = "Search the book"; input.setAttribute("aria-label", "Search the book");
  var list = document.createElement("ol");
  list.className = "search-results"; list.id = "search-results"; list.hidden = true;
  list.setAttribute("aria-live", "polite");
  box.appendChild(input); box.appendChild(list);
  var host = document.querySelector(".sidebar") || document.querySelector("main") || document.body;
  host.insertBefore(box, host.firstChild);

  // No stemmer: every query word is matched as a prefix of indexed words instead, so results
  // appear while a word is being typed ("memoriz" finds memorize, memorized, memorization).
  var index = null;
  function build() {
    index = lunr(function () {
      this.pipeline.remove(lunr.stemmer);
      this.searchPipeline.remove(lunr.stemmer);
      this.ref("i");
      this.field("page", { boost: 6 });
      this.field("section", { boost: 3 });
      this.field("text");
      this.metadataWhitelist = ["position"];
      for (var i = 0; i < docs.length; i++) {
        this.add({ i: String(i), page: docs[i].page, section: docs[i].section, text: docs[i].text });
      }
    });
  }

  // Every word (stop words aside) must begin some word of the section.
  function run(query) {
    var words = lunr.tokenizer(query).filter(function (t) { return lunr.stopWordFilter(t); })
      .map(function (t) { return lunr.trimmer(t).toString(); }).filter(Boolean);
    if (words.length === 0) { return []; }
    return index.query(function (q) {
      words.forEach(function (w) {
        q.term(w, { presence: lunr.Query.presence.REQUIRED, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      });
    });
  }

  function snippet(doc, result) {
    var text = doc.text, at = 0, length = 0;
    var md = result.matchData.metadata;
    for (var term in md) {
      if (md[term].text && md[term].text.position) { at = md[term].text.position[0][0]; length = md[term].text.position[0][1]; break; }
    }
    var from = Math.max(0, at - 60), to = Math.min(text.length, at + length + 100);
    if (from > 0) { var space = text.indexOf(" ", from); if (space >= 0 && space < at) { from = space + 1; } }
    if (to < text.length) { var end = text.lastIndexOf(" ", to); if (end > at + length) { to = end; } }
    var span = document.createElement("span");
    span.className = "search-snippet";
    span.appendChild(document.createTextNode((from > 0 ? "… " : "") + text.slice(from, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + length);
    span.appendChild(mark);
    span.appendChild(document.createTextNode(text.slice(at + length, to) + (to < text.length ? " …" : "")));
    return span;
  }

  function show() {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) { list.hidden = true; return; }
    if (!index) { build(); }
    var results = run(query).slice(0, 12);
    if (results.length === 0) {
      var none = document.createElement("li");
      none.className = "search-none"; none.textContent = "No section mentions " + query + ".";
      list.appendChild(none);
    }
    results.forEach(function (r) {
      var doc = docs[Number(r.ref)];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + doc.url;
      var title = document.createElement("span");
      title.className = "search-title";
      title.textContent = doc.section ? doc.page + " › " + doc.section : doc.page;
      a.appendChild(title);
      a.appendChild(snippet(doc, r));
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  input.addEventListener("input", show);
  // A link may carry a query: page.html?search=words opens with its results shown.
  var asked = new URLSearchParams(window.location.search).get("search");
  if (asked) { input.value = asked; show(); }
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; show(); input.blur(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input && !/input|textarea/i.test(document.activeElement.tagName)) {
      e.preventDefault(); input.focus();
    }
  });
})();
