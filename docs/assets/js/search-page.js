/*
 * The search page (search/?q=…): every result in order, filters with counts taken from the
 * pages (data-pagefind-filter), excerpts with the match marked, and the query and filters
 * kept in the address so that a result list can be shared. Uses window.sfxSearch from
 * search.js; where that is absent (the offline edition) the page keeps its note.
 *
 * Keys: Enter searches; ↓ from the box goes to the first result, ↑/↓ move between results,
 * Home/End to the first/last, Esc back to the box.
 */
(function () {
  "use strict";
  var page = document.getElementById("sfx-search-page");
  var S = window.sfxSearch;
  if (!page || !S) return;
  var NAMES = page.getAttribute("data-filters").split(",");
  var TYPE = NAMES[0];
  var BATCH = 20, OPEN_VALUES = 8;

  var form = page.querySelector("form");
  var input = page.querySelector(".sfx-page__input");
  var status = page.querySelector(".sfx-page__status");
  var body = page.querySelector(".sfx-page__body");
  var facets = page.querySelector(".sfx-page__filters");
  var list = page.querySelector(".sfx-page__results");
  var more = page.querySelector(".sfx-page__more");
  var chosen = {}, expanded = {}, current = null, ticket = 0, baseTitle = document.title;

  function readAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    chosen = {};
    NAMES.forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) chosen[name] = values;
    });
  }

  function address() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    NAMES.forEach(function (name) { (chosen[name] || []).forEach(function (v) { params.append(name, v); }); });
    var text = params.toString();
    return location.pathname + (text ? "?" + text : "");
  }

  function chosenCount() {
    return NAMES.reduce(function (n, name) { return n + (chosen[name] || []).length; }, 0);
  }

  function order(name, counts) {
    var values = Object.keys(counts);
    if (name === TYPE) {
      return values.sort(function (a, b) { return S.types.indexOf(a) - S.types.indexOf(b); });
    }
    if (/批次/.test(name)) return values.sort();
    return values.sort(function (a, b) { return (counts[b] - counts[a]) || a.localeCompare(b, "zh"); });
  }

  function renderFilters(found) {
    facets.textContent = "";
    NAMES.forEach(function (name, index) {
      var counts = (found.filters || {})[name] || {};
      var picked = chosen[name] || [];
      var values = order(name, counts).filter(function (v) { return counts[v] > 0 || picked.indexOf(v) !== -1; });
      if (!values.length) return;
      var set = document.createElement("fieldset");
      set.className = "sfx-page__facet";
      var legend = document.createElement("legend");
      legend.textContent = name;
      set.appendChild(legend);
      var limit = expanded[name] ? values.length : OPEN_VALUES;
      values.forEach(function (value, k) {
        if (k >= limit && picked.indexOf(value) === -1) return;
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = picked.indexOf(value) !== -1;
        box.id = "sfx-filter-" + index + "-" + k;
        label.htmlFor = box.id;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " "));
        var count = document.createElement("span");
        count.className = "sfx-page__count";
        count.textContent = "（" + (counts[value] || 0) + "）";
        label.appendChild(count);
        set.appendChild(label);
      });
      if (values.length > OPEN_VALUES) {
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "sfx-page__toggle";
        toggle.textContent = expanded[name] ? "收起" : "显示全部 " + values.length + " 项";
        toggle.setAttribute("aria-expanded", expanded[name] ? "true" : "false");
        toggle.addEventListener("click", function () {
          expanded[name] = !expanded[name];
          renderFilters(found);
          var again = Array.from(facets.querySelectorAll(".sfx-page__toggle"))
            .find(function (b) { return b.closest("fieldset").querySelector("legend").textContent === name; });
          if (again) again.focus();
        });
        set.appendChild(toggle);
      }
      facets.appendChild(set);
    });
    if (chosenCount()) {
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "md-button sfx-page__clear";
      clear.textContent = "清除全部筛选";
      clear.addEventListener("click", function () { chosen = {}; update(true); });
      facets.appendChild(clear);
    }
  }

  function append(hits) {
    hits.forEach(function (hit) { list.appendChild(S.renderHit(hit)); });
    more.hidden = list.children.length >= current.total();
  }

  function describe(query, total) {
    var filtered = chosenCount() ? "（已筛选：" + NAMES.filter(function (n) { return chosen[n]; })
      .map(function (n) { return n + " " + chosen[n].join("、"); }).join("；") + "）" : "";
    if (!query && !filtered) return "请输入要搜索的县名、产业、企业、指标或文件名称，按回车键搜索。";
    var what = query ? "“" + query + "”" : "筛选条件";
    return total ? what + "共找到 " + total + " 条结果" + filtered : "没有找到与" + what + "相关的页面" + filtered + "。";
  }

  function run() {
    var query = input.value.trim();
    var mine = ++ticket;
    document.title = (query ? "“" + query + "” - " : "") + baseTitle;
    if (!query && !chosenCount()) {
      body.hidden = true;
      status.textContent = describe("", 0);
      return;
    }
    status.textContent = "正在搜索……";
    // Pagefind counts filter values only once their index is loaded: S.filters() loads it.
    S.filters().then(function () { return S.search(query, chosen); }).then(function (found) {
      return found.more(BATCH).then(function (hits) {
        if (mine !== ticket) return;
        current = found;
        list.textContent = "";
        body.hidden = false;
        renderFilters(found);
        append(hits);
        status.textContent = describe(query, found.total());
      });
    }).catch(function () {
      if (mine === ticket) status.textContent = "搜索暂时不可用，请稍后再试，或从“案例库”页面查找。";
    });
  }

  function update(push) {
    var target = address();
    if (target !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", target);
    }
    run();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update(true);
  });
  facets.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox") return;
    var values = (chosen[box.name] || []).filter(function (v) { return v !== box.value; });
    if (box.checked) values.push(box.value);
    if (values.length) chosen[box.name] = values; else delete chosen[box.name];
    update(true);
  });
  more.addEventListener("click", function () {
    if (!current) return;
    var first = list.children.length;
    current.more(BATCH).then(function (hits) {
      append(hits);
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });

  function links() { return Array.from(list.querySelectorAll(".sfx-search__hit")); }
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement.closest(".sfx-hit") &&
      document.activeElement.closest(".sfx-hit").querySelector(".sfx-search__hit"));
    var to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (event.key === "Escape") {
      input.focus();
      return;
    }
    if (to === undefined) return;
    event.preventDefault();
    if (to < 0) input.focus();
    else if (all[Math.min(to, all.length - 1)]) all[Math.min(to, all.length - 1)].focus();
  });
  window.addEventListener("popstate", function () { readAddress(); run(); });

  readAddress();
  run();
  if (!input.value) input.focus();
})();
