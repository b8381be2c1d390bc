// rhetrack report: lists the statements of the #report-data block, a page at
// a time, filtered by the search box and the level menu. Text from documents
// goes into the page only as text (textContent, createTextNode), never as
// markup, and links only to http(s) URLs.
//
// Data: {speakers: [[name, organization]], documents: [[name, title, url,
// publisher, published]], reasons: [how a date was resolved], levels: [names],
// codes: [[CAMEO, Goldstein] by level], statements: [{i: id, d: date, a:
// speaker index, l: level, q: quote, s: [document indexes], r: reason index,
// and where not empty or usual: p: precision (day), t: [targets], k: kind
// (direct), n: sources (1), x: corrected, w: words naming the speaker, u:
// attribution cue, v: [[cue, level, family, note]], m: [[target, mention]],
// o: note, c: [words before, words after] the quote in its sentence}]}
(function () {
  "use strict";
  var PAGE = 50;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var statements = data.statements;
  statements.forEach(function (statement) {
    statement.p = statement.p || "day";
    statement.t = statement.t || [];
    statement.k = statement.k || "direct";
    statement.n = statement.n || 1;
    statement.v = statement.v || [];
    statement.m = statement.m || [];
  });
  var rows = document.getElementById("statement-rows");
  var search = document.getElementById("search");
  var minLevel = document.getElementById("min-level");
  var listStatus = document.getElementById("list-status");
  var pageStatus = document.getElementById("page-status");
  var previous = document.getElementById("previous");
  var next = document.getElementById("next");
  var shown = statements;
  var page = 0;
  var haystacks = null;

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function haystack(statement) {
    var speaker = data.speakers[statement.a];
    var parts = [statement.q, speaker[0], speaker[1] || "", statement.t.join(" "), statement.d || "",
                 data.levels[statement.l], statement.k, "#" + statement.i];
    statement.s.forEach(function (index) {
      var source = data.documents[index];
      parts.push(source[0], source[1] || "", source[3] || "");
    });
    if (statement.c) { parts.push(statement.c[0], statement.c[1]); }
    return fold(parts.join(" \u0001 "));
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function badge(level) {
    return element("span", "badge lv" + level, level + " " + data.levels[level]);
  }

  function sourceLink(index) {
    var source = data.documents[index];
    var label = source[1] || source[0];
    var url = safeUrl(source[2]);
    if (!url) { return element("span", "source", label); }
    var link = element("a", "source", label);
    link.href = url;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    return link;
  }

  function field(list, label, content) {
    list.appendChild(element("dt", null, label));
    var value = element("dd");
    if (typeof content === "string") { value.textContent = content; } else { value.appendChild(content); }
    list.appendChild(value);
  }

  function explanation(statement) {
    var details = element("details", "why");
    details.appendChild(element("summary", null, "why"));
    var list = element("dl");
    var speaker = data.speakers[statement.a][0];
    field(list, "speaker", (statement.w ? "\u2018" + statement.w + "\u2019 \u2192 " : "") + speaker +
          (statement.u ? " (cue: " + statement.u + ")" : ""));
    field(list, "kind", statement.k === "direct" ? "direct: quoted words" : "indirect: reported speech");
    field(list, "date", (statement.d || "undated") + " (" + statement.p + "): " + data.reasons[statement.r]);
    field(list, "level", statement.v.length ? statement.v.map(function (cue) {
      var why = [cue[2], cue[3]].filter(Boolean).join(", ");
      return "\u2018" + cue[0] + "\u2019 \u2192 " + cue[1] + (why ? " (" + why + ")" : "");
    }).join("; ") : "no cue: neutral");
    field(list, "targets", statement.m.length ? statement.m.map(function (pair) {
      return pair[0] + " \u2190 \u2018" + pair[1] + "\u2019";
    }).join("; ") : "none");
    if (statement.c) {
      var context = element("span", "context");
      context.appendChild(document.createTextNode(statement.c[0]));
      context.appendChild(element("strong", null, statement.q));
      context.appendChild(document.createTextNode(statement.c[1]));
      field(list, "in context", context);
    }
    var code = data.codes[statement.l];
    field(list, "event codes", "CAMEO " + code[0] + ", Goldstein " + code[1]);
    var sources = element("span");
    statement.s.forEach(function (index, position) {
      var source = data.documents[index];
      if (position) { sources.appendChild(document.createTextNode("; ")); }
      sources.appendChild(sourceLink(index));
      var about = [source[3], source[4] && "published " + source[4], source[0]].filter(Boolean).join(", ");
      sources.appendChild(document.createTextNode(" (" + about + ")"));
    });
    field(list, "sources", sources);
    if (statement.o) { field(list, "note", statement.o); }
    if (statement.x) { field(list, "corrected", "by an analyst: rhetrack history " + statement.i); }
    field(list, "more", "rhetrack explain " + statement.i);
    details.appendChild(list);
    return details;
  }

  function row(statement) {
    var tr = element("tr");
    tr.id = "s" + statement.i;
    var speaker = data.speakers[statement.a];
    var date = element("td", "date", statement.d || "undated");
    date.setAttribute("data-label", "date");
    date.appendChild(element("span", "precision", statement.p));
    tr.appendChild(date);
    var who = element("td", "speaker", speaker[0]);
    who.setAttribute("data-label", "speaker");
    if (speaker[1]) { who.appendChild(element("span", "kind", speaker[1])); }
    tr.appendChild(who);
    var level = element("td", "level");
    level.appendChild(badge(statement.l));
    tr.appendChild(level);
    var targets = element("td", "targets", statement.t.length ? statement.t.join(", ") : "\u2013");
    targets.setAttribute("data-label", "targets");
    tr.appendChild(targets);
    var quote = element("td", "quote");
    quote.appendChild(element("span", "text", statement.k === "direct" ? "\u201c" + statement.q + "\u201d" : statement.q));
    if (statement.x) { quote.appendChild(element("span", "corrected", "corrected")); }
    quote.appendChild(explanation(statement));
    tr.appendChild(quote);
    var sources = element("td", "sources");
    sources.setAttribute("data-label", "source");
    if (statement.s.length) {
      var first = data.documents[statement.s[0]];
      sources.appendChild(sourceLink(statement.s[0]));
      var about = [first[3], first[4]].filter(Boolean);
      if (statement.n > 1) { about.push("and " + (statement.n - 1) + " more"); }
      if (about.length) { sources.appendChild(element("span", "kind", about.join(" \u00b7 "))); }
    }
    tr.appendChild(sources);
    return tr;
  }

  function filter() {
    var terms = fold(search.value).split(/\s+/).filter(Boolean);
    var lowest = Number(minLevel.value) || 0;
    if (!terms.length && !lowest) { shown = statements; return; }
    if (terms.length && !haystacks) { haystacks = statements.map(haystack); }
    shown = statements.filter(function (statement, index) {
      return statement.l >= lowest && terms.every(function (term) {
        return haystacks[index].indexOf(term) >= 0;
      });
    });
  }

  function render(all) {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    var first = all ? 0 : page * PAGE;
    var last = all ? shown.length : Math.min(shown.length, first + PAGE);
    var fragment = document.createDocumentFragment();
    for (var index = first; index < last; index += 1) { fragment.appendChild(row(shown[index])); }
    rows.replaceChildren(fragment);
    listStatus.textContent = shown.length === statements.length
      ? statements.length + " statements"
      : shown.length + " of " + statements.length + " statements match";
    pageStatus.textContent = shown.length
      ? "showing " + (first + 1) + "\u2013" + last + " of " + shown.length + " (page " + (page + 1) + " of " + pages + ")"
      : "no statement matches";
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  function show(id) {
    var index = shown.findIndex(function (statement) { return statement.i === id; });
    if (index < 0) {
      search.value = "";
      minLevel.value = "0";
      filter();
      index = shown.findIndex(function (statement) { return statement.i === id; });
    }
    if (index < 0) { return; }
    page = Math.floor(index / PAGE);
    render(false);
    var target = document.getElementById("s" + id);
    target.classList.add("target-row");
    target.querySelector("details.why").open = true;
    target.scrollIntoView({block: "center"});
  }

  function followHash() {
    var match = /^#s(\d+)$/.exec(window.location.hash);
    if (match) { show(Number(match[1])); }
  }

  search.addEventListener("input", function () { page = 0; filter(); render(false); });
  minLevel.addEventListener("change", function () { page = 0; filter(); render(false); });
  previous.addEventListener("click", function () { page -= 1; render(false); });
  next.addEventListener("click", function () { page += 1; render(false); });
  window.addEventListener("hashchange", followHash);
  // On paper, the whole list as filtered, not one page of it.
  window.addEventListener("beforeprint", function () { render(true); });
  window.addEventListener("afterprint", function () { render(false); });
  filter();
  render(false);
  followHash();
})();
