/*
 * Site search with Pagefind, in Material's header, on every page of the online site.
 *
 * Pagefind's index is split into small fragments, so a query fetches a few hundred
 * kilobytes however many cases the site has. The offline edition (file://) keeps
 * Material's own search instead; when that is present this script does nothing.
 * No dependency, no request to another host; every address is relative to this script,
 * so the site also works in a sub-folder of a portal.
 */
(function () {
  "use strict";
  if (document.querySelector('[data-md-component="search"]')) return;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var root = script.src.replace(/assets\/js\/search\.js(?:[?#].*)?$/, "");
  var header = document.querySelector(".md-header__inner");
  if (!header) return;

  var box = document.createElement("div");
  box.className = "sfx-search";
  box.setAttribute("role", "search");
  box.innerHTML =
    '<label class="sfx-search__label" for="sfx-search-input">搜索</label>' +
    '<input id="sfx-search-input" class="sfx-search__input" type="search" autocomplete="off" ' +
    'placeholder="搜索县名、产业、企业、指标" aria-describedby="sfx-search-status" ' +
    'aria-controls="sfx-search-results">' +
    '<div class="sfx-search__panel" hidden>' +
    '<p id="sfx-search-status" class="sfx-search__status" role="status" aria-live="polite"></p>' +
    '<ol id="sfx-search-results" class="sfx-search__results"></ol></div>';
  var before = header.querySelector(".md-header__source");
  header.insertBefore(box, before || null);

  var input = box.querySelector("input");
  var panel = box.querySelector(".sfx-search__panel");
  var status = box.querySelector(".sfx-search__status");
  var list = box.querySelector(".sfx-search__results");
  var engine = null;
  var timer = null;
  var latest = 0;

  var names = null;

  function loadNames() {
    if (!names) {
      names = fetch(root + "search/names.json")
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    }
    return names;
  }

  // Counties whose name is in the query or starts with it: first, whatever the segmenter does.
  function nameHits(query, list) {
    return list
      .filter(function (entry) {
        return query.indexOf(entry.n) !== -1 || (query.length >= 2 && entry.n.indexOf(query) === 0);
      })
      .slice(0, 5)
      .map(function (entry) {
        return { url: root + entry.u, meta: { title: entry.n + "（" + entry.c + "）" }, excerpt: "试点示范县（市、区）案例" };
      });
  }

  function load() {
    loadNames();
    if (!engine) {
      engine = import(root + "pagefind/pagefind.js").then(function (pagefind) {
        var base = new URL(root).pathname;
        return pagefind.options({ baseUrl: base }).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  function show(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function render(query, results) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.className = "sfx-search__hit";
      var title = document.createElement("strong");
      title.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("span");
      // Pagefind's excerpt is the page's own text with the match in <mark>; keep only that markup.
      excerpt.innerHTML = data.excerpt.replace(/<(?!\/?mark>)[^>]*>/g, "");
      link.appendChild(title);
      link.appendChild(excerpt);
      item.appendChild(link);
      list.appendChild(item);
    });
    status.textContent = results.length
      ? "“" + query + "”的搜索结果" + (results.length >= 10 ? "（前 10 条）" : "（" + results.length + " 条）")
      : "没有找到与“" + query + "”相关的页面";
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      show(false);
      return;
    }
    status.textContent = "正在搜索……";
    show(true);
    Promise.all([loadNames(), load().then(function (pagefind) { return pagefind.search(query); })])
      .then(function (both) {
        var first = nameHits(query, both[0]);
        return Promise.all(both[1].results.slice(0, 10).map(function (r) { return r.data(); }))
          .then(function (found) {
            var seen = {};
            first.forEach(function (hit) { seen[new URL(hit.url, location.href).pathname] = true; });
            var rest = found.filter(function (hit) { return !seen[new URL(hit.url, location.href).pathname]; });
            return first.concat(rest).slice(0, 10);
          });
      })
      .then(function (results) {
        if (ticket === latest) render(query, results);
      })
      .catch(function () {
        if (ticket === latest) status.textContent = "搜索暂时不可用，请稍后再试，或从“案例库”页面查找。";
      });
  }

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    } else if (event.key === "Escape") {
      show(false);
    }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) show(false);
  });
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) show(false);
  });
})();
