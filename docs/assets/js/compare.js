/* 案例对比（compare）：选 2～4 个案例并排比较。
 *
 * 渐进增强。案例不多时，页面的表格列出全部案例（没有脚本时也完整），选中 2～4 个后只保留所选的列。
 * 案例较多时（表单带 data-compare-data），页面只有各表的行名：本脚本载入案例名单
 * （assets/data/compare-index.js）和所选案例的数据（assets/data/compare/part-*.js），填出各列。
 * 数据是设定全局变量的脚本，离线版从 file:// 打开时同样可用。
 * 查找框：输入县（市、区）或设区市名称的一部分，列出相符的案例，回车选中第一个。
 * 所选案例写在网址中（?c=yunze,yexi），可以分享。不依赖任何库。
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("compare-picker");
  if (!form || !document.querySelectorAll) return;
  var MIN = 2;
  var MAX = 4;
  var LISTED_MAX = 20;
  var slice = Array.prototype.slice;
  var fromData = form.hasAttribute("data-compare-data");
  var search = document.getElementById("compare-search");
  var found = document.getElementById("compare-found");
  var options = document.getElementById("compare-options");
  var status = document.getElementById("compare-status");
  var note = document.querySelector(".compare-nojs");
  var built = document.getElementById("compare-built");
  var scrolls = slice.call(document.querySelectorAll(".compare-scroll"));
  var cells = fromData ? [] : slice.call(document.querySelectorAll(".compare-scroll [data-case]"));
  var cases = [];      // {id, name, city, sample, part, box}, in the library's order
  var byId = {};
  var selected = {};
  var failed = false;

  function add(item) {
    cases.push(item);
    byId[item.id] = item;
  }

  if (!fromData) {
    slice.call(options.querySelectorAll("input[name=c]")).forEach(function (box) {
      var label = box.closest ? box.closest("label") : box.parentNode;
      var city = label.querySelector(".compare-picker__city");
      add({ id: box.value, name: box.getAttribute("data-name") || box.value,
            city: city ? city.textContent.replace(/[（）]/g, "") : "", box: box, label: label });
    });
  }

  function chosen() {
    return cases.filter(function (item) { return selected[item.id]; }).map(function (item) { return item.id; });
  }

  function nameOf(id) {
    return byId[id] ? byId[id].name : id;
  }

  function query() {
    return search ? search.value.replace(/^\s+|\s+$/g, "") : "";
  }

  function matches(item, q) {
    return !q || item.name.indexOf(q) >= 0 || item.city.indexOf(q) >= 0 || item.id.indexOf(q.toLowerCase()) >= 0;
  }

  function makeOption(item) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.name = "c";
    box.value = item.id;
    box.checked = !!selected[item.id];
    var city = document.createElement("span");
    city.className = "compare-picker__city";
    city.textContent = "（" + item.city + "）";
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + item.name));
    label.appendChild(city);
    item.box = box;
    item.label = label;
    return label;
  }

  /* The options a reader sees: every case whose name fits what is typed, and those chosen. */
  function list() {
    var q = query();
    var fitting = cases.filter(function (item) { return matches(item, q); });
    if (fromData) {
      var shown = cases.filter(function (item) { return selected[item.id]; });
      if (q) {
        shown = shown.concat(fitting.filter(function (item) { return !selected[item.id]; }).slice(0, LISTED_MAX));
      }
      options.textContent = "";
      shown.forEach(function (item) { options.appendChild(makeOption(item)); });
    } else {
      cases.forEach(function (item) { item.label.hidden = !matches(item, q) && !selected[item.id]; });
    }
    if (!found) return fitting;
    if (!q) {
      found.textContent = fromData
        ? "共 " + cases.length + " 个案例。输入名称的一部分，即列出名称相符的案例。"
        : "共 " + cases.length + " 个案例。";
    } else if (!fitting.length) {
      found.textContent = "没有名称含“" + q + "”的案例。";
    } else if (fromData && fitting.length > LISTED_MAX) {
      found.textContent = "找到 " + fitting.length + " 个名称相符的案例，列出前 " + LISTED_MAX + " 个；再多输入几个字可缩小范围。";
    } else {
      found.textContent = "找到 " + fitting.length + " 个名称相符的案例。";
    }
    return fitting;
  }

  function fromAddress() {
    var wanted = [];
    try {
      new URLSearchParams(window.location.search).getAll("c").forEach(function (value) {
        value.split(",").forEach(function (id) { if (id && byId[id] && wanted.indexOf(id) < 0) wanted.push(id); });
      });
    } catch (e) { return; }
    selected = {};
    wanted.slice(0, MAX).forEach(function (id) { selected[id] = true; });
    cases.forEach(function (item) { if (item.box) item.box.checked = !!selected[item.id]; });
  }

  function toAddress(ids) {
    if (!window.history || !history.replaceState) return;
    var query = ids.length ? "?c=" + ids.map(encodeURIComponent).join(",") : "";
    try { history.replaceState(history.state, "", window.location.pathname + query + window.location.hash); } catch (e) { /* ignore */ }
  }

  // --- a large site: the data, loaded as scripts ------------------------------------------

  var base = script && script.src ? script.src.replace(/js\/compare\.js([?#].*)?$/, "data/") : "";
  var waiting = {};

  function load(src, done) {
    var tag = document.createElement("script");
    tag.src = src;
    tag.onload = function () { done(true); };
    tag.onerror = function () { done(false); };
    document.head.appendChild(tag);
  }

  function parts() { return window.sfxCompareParts || {}; }

  function loadPart(number, done) {
    if (parts()[number]) { done(true); return; }
    if (waiting[number]) { waiting[number].push(done); return; }
    waiting[number] = [done];
    load(base + "compare/part-" + ("00" + number).slice(-3) + ".js", function (ok) {
      var callbacks = waiting[number];
      delete waiting[number];
      callbacks.forEach(function (callback) { callback(ok && !!parts()[number]); });
    });
  }

  function caseLink(id) {
    var link = document.getElementById("compare-case-link");
    var first = cases.length ? cases[0].id : "";
    var href = link ? link.getAttribute("href") : "";
    var at = href.lastIndexOf(first);
    return at < 0 ? "" : href.slice(0, at) + encodeURIComponent(id) + href.slice(at + first.length);
  }

  function fill(ids) {
    slice.call(built.querySelectorAll(".compare-scroll table")).forEach(function (table) {
      var head = table.querySelector("thead tr");
      slice.call(head.querySelectorAll("[data-case]")).forEach(function (th) { head.removeChild(th); });
      ids.forEach(function (id) {
        var item = byId[id];
        var th = document.createElement("th");
        th.scope = "col";
        th.setAttribute("data-case", id);
        var a = document.createElement("a");
        a.href = caseLink(id);
        a.textContent = item.name;
        th.appendChild(a);
        if (item.sample) {
          var badge = document.createElement("span");
          badge.className = "sample-badge";
          badge.textContent = "示例数据";
          th.appendChild(document.createTextNode(" "));
          th.appendChild(badge);
        }
        head.appendChild(th);
      });
    });
    slice.call(built.querySelectorAll(".compare-scroll tbody tr")).forEach(function (row, index) {
      slice.call(row.querySelectorAll("td[data-case]")).forEach(function (td) { row.removeChild(td); });
      ids.forEach(function (id) {
        var td = document.createElement("td");
        td.setAttribute("data-case", id);
        td.innerHTML = parts()[byId[id].part][id][index];  // made by the generator from escaped case text
        row.appendChild(td);
      });
    });
    built.hidden = false;
  }

  function show(ids) {
    if (ids.length < MIN) { built.hidden = true; return; }
    var needed = [];
    ids.forEach(function (id) { if (needed.indexOf(byId[id].part) < 0) needed.push(byId[id].part); });
    var left = needed.length;
    var ok = true;
    needed.forEach(function (number) {
      loadPart(number, function (loaded) {
        ok = ok && loaded;
        left -= 1;
        if (left) return;
        if (!ok) { failed = true; say(); return; }
        if (chosen().join(",") === ids.join(",")) fill(ids);
      });
    });
  }

  // --- both ------------------------------------------------------------------------------

  function say() {
    var ids = chosen();
    if (!status) return;
    if (failed) {
      status.textContent = "未能载入对比数据，请刷新页面后重试。";
    } else if (ids.length >= MIN) {
      status.textContent = "正在对比 " + ids.length + " 个案例：" + ids.map(nameOf).join("、") + "。" +
        (ids.length >= MAX ? "最多选 " + MAX + " 个。" : "");
    } else {
      status.textContent = (ids.length ? "已选 " + nameOf(ids[0]) + "，再选至少 1 个。" : "请选择 2～4 个案例。") +
        (fromData ? "" : "未选满 2 个时，下表列出全部案例。");
    }
  }

  function limit() {
    var full = chosen().length >= MAX;
    cases.forEach(function (item) { if (item.box) item.box.disabled = !item.box.checked && full; });
  }

  function update(write) {
    var ids = chosen();
    var narrowing = ids.length >= MIN;
    if (fromData) {
      show(ids);
    } else {
      cells.forEach(function (cell) {
        cell.hidden = narrowing && ids.indexOf(cell.getAttribute("data-case")) < 0;
      });
    }
    scrolls.forEach(function (scroll) { scroll.classList.toggle("is-narrowed", narrowing); });
    limit();
    say();
    if (write) toAddress(ids);
  }

  form.addEventListener("change", function (event) {
    var box = event.target;
    if (!box || box.name !== "c") return;
    selected[box.value] = box.checked;
    update(true);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (search) {
    search.addEventListener("input", function () { list(); limit(); });
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var first = list().filter(function (item) { return !selected[item.id]; })[0];
      if (!query() || !first || chosen().length >= MAX) return;
      selected[first.id] = true;
      if (first.box) first.box.checked = true;
      search.value = "";
      list();
      update(true);
    });
  }
  var clear = form.querySelector("[data-compare-clear]");
  if (clear) {
    clear.addEventListener("click", function () {
      selected = {};
      cases.forEach(function (item) { if (item.box) item.box.checked = false; });
      list();
      update(true);
    });
  }

  function start() {
    fromAddress();
    form.hidden = false;
    if (note) note.hidden = true;
    list();
    update(false);
  }

  if (!fromData) {
    start();
    return;
  }
  form.hidden = false;
  if (found) found.textContent = "正在载入案例名单……";
  load(base + "compare-index.js", function (ok) {
    var index = window.sfxCompareIndex;
    if (!ok || !index) {
      failed = true;
      if (found) found.textContent = "";
      say();
      return;
    }
    index.cases.forEach(function (row) {
      add({ id: row[0], name: row[1], city: row[2], sample: !!row[3], part: row[4] });
    });
    start();
  });
})();
