/* 案例库筛选（cases/index）：按所属设区市、创建批次、创建状态、主导产业、体系、方面和标签筛选。
 *
 * 渐进增强：没有脚本时页面列出全部案例，筛选表单保持隐藏。每个表格行的 data-facets 是该案例的
 * 筛选值（JSON，由生成器写入）；同一项内只能选一个值，不同项之间同时满足。每个选项后的数字是
 * 在其他已选条件下选它会得到的案例数。所选条件写在网址中（?city=…&status=…），可以分享。
 * 不依赖任何库，也不请求任何文件，因此在 file:// 和子目录中同样可用。
 */
(function () {
  "use strict";
  var form = document.getElementById("case-filter");
  if (!form || !window.JSON || !document.querySelectorAll) return;

  var rows = Array.prototype.slice.call(document.querySelectorAll("#case-table tr[data-facets]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".case-cards [data-case]"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = document.getElementById("case-filter-status");
  var empty = document.getElementById("case-filter-empty");
  var compare = document.getElementById("case-filter-compare");
  var compareHref = compare ? compare.getAttribute("href").split("?")[0] : "";
  var compareText = compare ? compare.textContent : "";
  var items = rows.map(function (row) {
    var values = {};
    try { values = JSON.parse(row.getAttribute("data-facets")) || {}; } catch (e) { values = {}; }
    return { id: row.getAttribute("data-case"), row: row, values: values };
  });
  var names = {};
  items.forEach(function (item) {
    var link = item.row.querySelector("a");
    names[item.id] = link ? link.textContent : item.id;
  });

  function has(item, key, value) {
    var list = item.values[key] || [];
    for (var i = 0; i < list.length; i++) if (list[i] === value) return true;
    return false;
  }

  function selection() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) chosen[select.name] = select.value; });
    return chosen;
  }

  function matches(item, chosen, except) {
    for (var key in chosen) {
      if (key !== except && Object.prototype.hasOwnProperty.call(chosen, key) && !has(item, key, chosen[key])) return false;
    }
    return true;
  }

  function fromAddress() {
    var params;
    try { params = new URLSearchParams(window.location.search); } catch (e) { return; }
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted === null) return;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === wanted) { select.selectedIndex = i; return; }
      }
    });
  }

  function toAddress(chosen) {
    if (!window.history || !history.replaceState) return;
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (chosen[select.name]) params.set(select.name, chosen[select.name]); });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { history.replaceState(history.state, "", address); } catch (e) { /* file:// in some browsers */ }
  }

  function update(write) {
    var chosen = selection();
    var active = Object.keys(chosen).length;
    var shown = [];
    items.forEach(function (item) {
      var visible = matches(item, chosen);
      item.row.hidden = !visible;
      if (visible) shown.push(item.id);
    });
    cards.forEach(function (card) { card.hidden = shown.indexOf(card.getAttribute("data-case")) < 0; });

    selects.forEach(function (select) {
      var key = select.name;
      var pool = items.filter(function (item) { return matches(item, chosen, key); });
      for (var i = 0; i < select.options.length; i++) {
        var option = select.options[i];
        if (!option.value) { option.textContent = "全部（" + pool.length + "）"; continue; }
        var count = pool.filter(function (item) { return has(item, key, option.value); }).length;
        option.textContent = option.getAttribute("data-label") + "（" + count + "）";
        option.disabled = count === 0 && !option.selected;
      }
    });

    if (status) {
      status.textContent = active
        ? "按所选条件显示 " + shown.length + " 个案例（共 " + items.length + " 个）。"
        : "共 " + items.length + " 个案例。可按下列任意几项组合筛选。";
    }
    if (empty) empty.hidden = shown.length !== 0;
    if (compare) {
      if (active && shown.length >= 2 && shown.length <= 4) {
        compare.setAttribute("href", compareHref + "?c=" + shown.map(encodeURIComponent).join(","));
        compare.textContent = "并排对比这 " + shown.length + " 个案例：" + shown.map(function (id) { return names[id]; }).join("、");
      } else {
        compare.setAttribute("href", compareHref);
        compare.textContent = compareText;
      }
    }
    if (write) toAddress(chosen);
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(function () { update(true); }, 0); });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-filter-clear]")) {
      event.preventDefault();
      form.reset();
      if (selects[0]) selects[0].focus();
    }
  });

  fromAddress();
  form.hidden = false;
  update(false);
})();
