/*
 * Site search with Pagefind: the box in Material's header on every page of the online site,
 * and the full result list with filters on the search page (search/?q=…).
 *
 * Order of results: named things first (a county's case, a blank form, the downloads page, a
 * page of the site: search/names/, matched by name, shown at once), then pages whose text has
 * the query as typed, then pages that have each of its words, then the rest; within each, a
 * case page before other pages and listing pages last, then Pagefind's own order. Pagefind's
 * index comes in small pieces: a query fetches the pieces for its words and the text of the
 * first eight or so results only, however many cases the site has. The offline edition
 * (file://) keeps Material's own search instead; when that is present this script does
 * nothing. No dependency, no request to another host; every address is relative to this
 * script, so the site also works in a sub-folder of a portal.
 */
(function () {
  "use strict";
  if (document.querySelector('[data-md-component="search"]')) return;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var root = script.src.replace(/assets\/js\/search\.js(?:[?#].*)?$/, "");
  var searchPage = root + "search/";

  var TYPE = "页面类型";
  // The page types in ranking order: the same list as TYPE_ORDER in generator/search_index.py.
  var TYPE_ORDER = ["案例", "模板下载", "通知和申报指南", "其他页面", "栏目页"];
  var NAME_SHARDS = 256; // NAME_SHARDS in generator/search_index.py
  // Results whose text is read to rank them before the first are shown: all of them when
  // there are few, else the first FIRST of those with the query's words side by side.
  var FIRST = 8, ALL_BELOW = 12;

  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter("zh", { granularity: "word" }) : null;

  function squeeze(text) { return String(text || "").replace(/\s+/g, ""); }

  /* The query's words, split as Pagefind splits it (Intl.Segmenter). */
  function words(query) {
    var out = [];
    if (segmenter) {
      for (var part of segmenter.segment(query)) if (part.isWordLike) out.push(part.segment);
    } else {
      out = query.split(/\s+/).filter(Boolean);
    }
    return out;
  }

  /* Whether a page's matched word positions hold a run as long as the query's word count:
     the query's words side by side (a cheap test before the page's text is read). */
  function hasRun(locations, count) {
    if (count <= 1) return locations.length > 0;
    var seen = {};
    locations.forEach(function (at) { seen[at] = true; });
    return locations.some(function (at) {
      for (var k = 1; k < count; k++) if (!seen[at + k]) return false;
      return true;
    });
  }

  var engine = null, wholeEngine = null;

  /* A Pagefind instance; searching on the page's own thread (its web worker is 43 KB more). */
  function instance(lang) {
    return import(root + "pagefind/pagefind.js").then(function (pf) {
      var html = document.documentElement, saved = html.getAttribute("lang");
      if (lang) html.setAttribute("lang", lang);
      var made;
      try {
        made = pf.createInstance({ basePath: new URL(root).pathname + "pagefind/", noWorker: true });
      } finally {
        if (saved === null) html.removeAttribute("lang"); else html.setAttribute("lang", saved);
      }
      return made.options({ baseUrl: new URL(root).pathname, excerptLength: 40 }).then(function () { return made; });
    });
  }

  function pagefind() {
    if (!engine) engine = instance(null);
    return engine;
  }

  /* The ids of the pages that are not case pages (a filter-only search: one small file), so that
     case pages come first among those read before the first results are shown. */
  var others = null;
  function notCases() {
    if (!others) {
      others = pagefind().then(function (pf) {
        var filter = {};
        filter[TYPE] = { none: [TYPE_ORDER[0]] };
        return pf.search(null, { filters: filter });
      }).then(function (found) {
        var ids = {};
        found.results.forEach(function (r) { ids[r.id] = true; });
        return ids;
      });
    }
    return others;
  }

  /*
   * A second instance that takes the query as one word. The browser splits a Chinese query
   * with its own dictionary (鹿海 → 鹿 海), which is not always the index's (ICU4X keeps 鹿海 in
   * 鹿海、鹿丰): Pagefind splits only for a page language that needs it, and an instance takes
   * the page's language when it is made, so this one is made under "zxx" (no language).
   */
  function whole() {
    if (!wholeEngine) wholeEngine = pagefind().then(function () { return instance("zxx"); });
    return wholeEngine;
  }

  var shards = {};
  function shard(char) {
    var key = char.codePointAt(0) % NAME_SHARDS;
    if (!shards[key]) {
      shards[key] = fetch(root + "search/names/" + key + ".json")
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    }
    return shards[key];
  }

  /* Named things (county, form, downloads page) whose name is in the query or starts with it. */
  function nameHits(query) {
    var q = squeeze(query);
    var chars = Array.from(new Set(Array.from(q)));
    return Promise.all(chars.map(shard)).then(function (lists) {
      var seen = {}, hits = [];
      [].concat.apply([], lists).forEach(function (entry) {
        var name = entry.n;
        if (q.indexOf(name) === -1 && !(q.length >= 2 && name.indexOf(q) === 0)) return;
        var url = entry.c ? "cases/" + entry.u + "/" : entry.u; // a county: name, city, id, batch, status
        if (seen[url]) return;
        seen[url] = true;
        hits.push(entry.c
          ? { url: root + url, title: name + "（" + entry.c + "）", type: TYPE_ORDER[0], exact: name === q,
              excerpt: escapeHtml("试点示范县（市、区）案例 · " + entry.c + " · " + entry.b + "年 · " + entry.s) }
          : { url: root + url, title: entry.t, type: entry.k, exact: name === q, excerpt: escapeHtml(entry.d) });
      });
      hits.sort(function (a, b) { return (b.exact - a.exact) || (typeOrder(a.type) - typeOrder(b.type)); });
      return hits.slice(0, 5);
    });
  }

  function typeOrder(type) {
    var at = TYPE_ORDER.indexOf(type);
    return at === -1 ? TYPE_ORDER.length : at;
  }

  function escapeHtml(text) {
    return String(text || "").replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* The plain text with the query as typed marked (or else each of its words). */
  function highlight(text, query, terms) {
    var html = escapeHtml(text);
    var chars = Array.from(squeeze(query));
    if (!chars.length) return html;
    var typed = new RegExp(chars.map(function (c) { return escapeRegExp(escapeHtml(c)); }).join("\\s*"), "g");
    var marked = html.replace(typed, function (m) { return "<mark>" + m + "</mark>"; });
    if (marked !== html || terms.length < 2) return marked;
    var each = new RegExp(terms.map(function (t) { return escapeRegExp(escapeHtml(t)); }).join("|"), "g");
    return html.replace(each, function (m) { return "<mark>" + m + "</mark>"; });
  }

  /* The part of a page that matched: the sub-result (heading) holding the query. */
  function section(data, q, terms) {
    var top = (data.meta && data.meta.title) || "";
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title !== top; });
    var all = data.sub_results || [];
    var best = all.find(function (s) { return squeeze(s.plain_excerpt).indexOf(q) !== -1; })
      || all.find(function (s) { return terms.every(function (t) { return s.plain_excerpt.indexOf(t) !== -1; }); })
      || all[0];
    if (!best) return { part: null, text: data.plain_excerpt || "" };
    var part = subs.indexOf(best) !== -1 ? { title: best.title, url: best.url } : null;
    return { part: part, text: best.plain_excerpt || data.plain_excerpt || "" };
  }

  function toHit(data, query, terms, order) {
    var q = squeeze(query);
    var title = (data.meta && data.meta.title) || data.url;
    var content = squeeze(data.content);
    var type = ((data.filters || {})[TYPE] || [])[0] || "";
    var bucket = content.indexOf(q) !== -1 ? 2
      : terms.length > 1 && terms.every(function (t) { return content.indexOf(t) !== -1; }) ? 3 : 4;
    var where = section(data, q, terms);
    return { url: data.url, title: title, type: type, bucket: bucket, order: order, part: where.part,
             excerpt: highlight(where.text, query, terms) };
  }

  function byRank(a, b) {
    return (a.bucket - b.bucket) || (typeOrder(a.type) - typeOrder(b.type)) || (a.order - b.order);
  }

  /*
   * Search: resolves to {query, total, named, more(count), filters, totalFilters}; more(count)
   * resolves to the next `count` hits in order. Filters: {name: [values]} (any of the values).
   */
  function search(query, filters) {
    query = (query || "").trim();
    var terms = words(query);
    var active = {};
    Object.keys(filters || {}).forEach(function (name) {
      if (filters[name].length) active[name] = { any: filters[name] };
    });
    var filtered = Object.keys(active).length > 0;
    var split = terms.length > 1 && /[\u3400-\u9fff]/.test(query);
    return Promise.all([
      query && !filtered ? nameHits(query) : Promise.resolve([]),
      pagefind().then(function (pf) { return pf.search(query || null, { filters: active }); }),
      split ? whole().then(function (pf) { return pf.search(squeeze(query), { filters: active }); })
        : Promise.resolve(null),
      query ? notCases() : Promise.resolve({}),
    ]).then(function (all) {
      var named = all[0], found = all[1], wholly = all[2], other = all[3];
      // First the pages with a word that starts with the whole query, then those with its words
      // side by side, then the rest; in each, case pages first, then Pagefind's order.
      var first = {}, results = [];
      (wholly ? wholly.results : []).forEach(function (r, i) {
        first[r.id] = true;
        results.push({ r: r, i: i, rank: 0 });
      });
      found.results.forEach(function (r, i) {
        if (!first[r.id]) results.push({ r: r, i: i, rank: hasRun(r.words || [], terms.length) ? 1 : 2 });
      });
      results.sort(function (a, b) {
        return (a.rank - b.rank) || (!!other[a.r.id] - !!other[b.r.id]) || (a.i - b.i);
      });
      var namedPaths = {};
      named.forEach(function (hit) { namedPaths[new URL(hit.url, location.href).pathname] = true; });
      var next = 0, shown = 0;
      var total = results.length + named.length;

      function read(count) {
        var start = next;
        var batch = results.slice(next, next + count);
        next += batch.length;
        return Promise.all(batch.map(function (x) { return x.r.data(); })).then(function (datas) {
          return datas.map(function (d, k) { return toHit(d, query, terms, start + k); })
            .filter(function (hit) {
              if (!namedPaths[new URL(hit.url, location.href).pathname]) return true;
              total -= 1;
              return false;
            });
        });
      }

      /* Before the first results: read FIRST pages, and FIRST more while fewer than three of
         those read have the query as typed and pages with its words side by side remain. */
      function firstBatch(count, hits) {
        return read(hits.length ? FIRST : Math.max(count, results.length <= ALL_BELOW ? results.length : FIRST))
          .then(function (more) {
            hits = hits.concat(more);
            var typed = hits.filter(function (hit) { return hit.bucket === 2; }).length;
            var left = next < results.length && results[next].rank < 2;
            return typed < 3 && left && next < FIRST * 4 ? firstBatch(count, hits) : hits;
          });
      }

      function more(count) {
        return (next === 0 ? firstBatch(count, []) : read(count)).then(function (hits) {
          if (query) hits.sort(byRank);
          var out = (shown === 0 ? named : []).concat(hits);
          shown += out.length;
          return out;
        });
      }
      return { query: query, total: function () { return total; }, more: more, terms: terms,
               filters: found.filters, totalFilters: found.totalFilters };
    });
  }

  window.sfxSearch = { search: search, filters: function () { return pagefind().then(function (pf) { return pf.filters(); }); },
                       page: searchPage, root: root, types: TYPE_ORDER };

  /* One result as a list item: title link, the part that matched, the excerpt. */
  function renderHit(hit) {
    var item = document.createElement("li");
    item.className = "sfx-hit";
    var link = document.createElement("a");
    link.href = hit.url;
    link.className = "sfx-search__hit";
    var title = document.createElement("strong");
    title.textContent = hit.title;
    link.appendChild(title);
    if (hit.type) {
      var type = document.createElement("span");
      type.className = "sfx-hit__type";
      type.textContent = hit.type;
      link.appendChild(type);
    }
    var excerpt = document.createElement("span");
    excerpt.className = "sfx-hit__excerpt";
    excerpt.innerHTML = hit.excerpt;
    link.appendChild(excerpt);
    item.appendChild(link);
    if (hit.part) {
      var part = document.createElement("a");
      part.href = hit.part.url;
      part.className = "sfx-hit__part";
      part.textContent = "所在部分：" + hit.part.title;
      item.appendChild(part);
    }
    return item;
  }
  window.sfxSearch.renderHit = renderHit;

  /* --- the header box ------------------------------------------------------------------- */

  var header = document.querySelector(".md-header__inner");
  if (!header) return;
  var box = document.createElement("div");
  box.className = "sfx-search";
  box.setAttribute("role", "search");
  box.innerHTML =
    '<form class="sfx-search__form" action="' + escapeHtml(searchPage) + '" method="get">' +
    '<label class="sfx-search__label" for="sfx-search-input">搜索</label>' +
    '<input id="sfx-search-input" class="sfx-search__input" name="q" type="search" autocomplete="off" ' +
    'placeholder="搜索县名、产业、企业、指标" ' +
    'aria-describedby="sfx-search-status" aria-controls="sfx-search-results"></form>' +
    '<div class="sfx-search__panel" hidden>' +
    '<p id="sfx-search-status" class="sfx-search__status" role="status" aria-live="polite"></p>' +
    '<ol id="sfx-search-results" class="sfx-search__results" aria-label="搜索结果"></ol>' +
    '<a class="sfx-search__all" hidden></a></div>';
  header.insertBefore(box, header.querySelector(".md-header__source") || null);

  var input = box.querySelector("input");
  var panel = box.querySelector(".sfx-search__panel");
  var status = box.querySelector(".sfx-search__status");
  var list = box.querySelector(".sfx-search__results");
  var all = box.querySelector(".sfx-search__all");
  var timer = null, latest = 0;
  var onSearchPage = !!document.getElementById("sfx-search-page");
  var SHOWN = 8;

  function show(open) {
    panel.hidden = !open;
  }

  /* The panel's links in order: each result's title link, then 查看全部. */
  function links() {
    return Array.from(list.querySelectorAll(".sfx-search__hit")).concat(all.hidden ? [] : [all]);
  }

  function render(query, found, hits) {
    // The named results shown at once stay (and keep the focus) when they lead the full list.
    var early = Array.from(list.children).map(function (item) { return item.querySelector("a").href; });
    var keep = early.every(function (url, k) { return hits[k] && new URL(hits[k].url, location.href).href === url; });
    if (!keep) list.textContent = "";
    hits.slice(keep ? early.length : 0, SHOWN).forEach(function (hit) { list.appendChild(renderHit(hit)); });
    var total = found.total();
    status.textContent = total
      ? "“" + query + "”的搜索结果，共 " + total + " 条" + (total > SHOWN ? "，显示前 " + SHOWN + " 条" : "")
        + "；按 ↓ 键选择"
      : "没有找到与“" + query + "”相关的页面";
    all.hidden = total === 0;  // the search page also has the filters
    all.href = searchPage + "?q=" + encodeURIComponent(query);
    all.textContent = "在搜索页查看全部 " + total + " 条结果（可按地区、产业等筛选）";
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { show(false); return; }
    status.textContent = "正在搜索……";
    list.textContent = "";
    all.hidden = true;
    show(true);
    // A county, form or page named by the query is the first result whatever else is found:
    // it is shown as soon as the short names list has come, before the index.
    nameHits(query).then(function (named) {
      if (ticket !== latest || list.children.length || !named.length) return;
      named.forEach(function (hit) { list.appendChild(renderHit(hit)); });
    });
    search(query).then(function (found) {
      return found.more(SHOWN).then(function (hits) { if (ticket === latest) render(query, found, hits); });
    }).catch(function () {
      if (ticket === latest) status.textContent = "搜索暂时不可用，请稍后再试，或从“案例库”页面查找。";
    });
  }

  input.addEventListener("focus", function () { pagefind(); }, { once: true });
  input.addEventListener("input", function () {
    if (onSearchPage) return; // the search page shows the results itself
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !panel.hidden && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (input.value.trim()) window.location.href = searchPage + "?q=" + encodeURIComponent(input.value.trim());
    } else if (event.key === "Escape") {
      show(false);
    }
  });
  // ↑/↓ move between the results, Home/End to the first/last, Esc back to the box.
  panel.addEventListener("keydown", function (event) {
    var items = links(), at = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      show(false);
      input.focus();
      return;
    }
    var to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (to === undefined || at === -1) return;
    event.preventDefault();
    if (to < 0) input.focus();
    else items[Math.min(to, items.length - 1)].focus();
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) show(false);
  });
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) show(false);
  });
})();
