// convene site: the one script. Everything on the pages is there without it; it adds the
// search on the front page, and gives the cite line the page's own address when the site is
// served (a page opened from a disk keeps its path in the site: a file address is not citable).
(function () {
  "use strict";
  var cite = document.querySelector("[data-cite-address]");
  if (cite && !cite.hasAttribute("data-absolute") && /^https?:$/.test(location.protocol)) {
    cite.textContent = location.href.split("#")[0];
  }

  var box = document.getElementById("search");
  var index = window.conveneSearch;
  if (!box || !index) return;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var LIMIT = 50;

  // As convene folds names: no accents, lower case, punctuation as spaces.
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  // Each entry's words, split once.
  var words = index.map(function (e) { return e.words.split(" "); });
  // Every word typed must begin a word of the entry ("kor" finds Korea).
  function matches(i, query) {
    return query.every(function (q) {
      return words[i].some(function (w) { return w.lastIndexOf(q, 0) === 0; });
    });
  }
  function show() {
    var query = fold(input.value).split(" ").filter(Boolean);
    list.textContent = "";
    if (query.length === 0) { status.textContent = ""; return; }
    var found = [];
    for (var i = 0; i < index.length; i++) if (matches(i, query)) found.push(index[i]);
    status.textContent = found.length === 0 ? "Nothing matches." :
      found.length + (found.length === 1 ? " match" : " matches") +
      (found.length > LIMIT ? "; the first " + LIMIT + " shown." : ".");
    found.slice(0, LIMIT).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.href;
      a.textContent = e.name;
      var what = document.createElement("span");
      what.className = "muted";
      what.textContent = " — " + e.kind + ": " + e.detail;
      li.appendChild(a);
      li.appendChild(what);
      list.appendChild(li);
    });
  }
  box.hidden = false;
  input.addEventListener("input", show);
  box.querySelector("form").addEventListener("submit", function (ev) { ev.preventDefault(); show(); });
  show();
})();
