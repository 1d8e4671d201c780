// Formulas were cut out of the Markdown by memgen-book and placed in .math elements as TeX.
(function () {
  if (typeof katex === "undefined") { return; }
  var nodes = document.querySelectorAll(".math");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var tex = el.textContent;
    try {
      katex.render(tex, el, { displayMode: el.classList.contains("display"), throwOnError: true, output: "htmlAndMathml" });
    } catch (e) {
      el.classList.add("math-error");
      el.title = String(e.message || e);
      el.textContent = tex;
    }
  }
})();
