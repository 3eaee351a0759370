/* 筛选：案例库（cases/index）按所属设区市、创建批次、创建状态、主导产业、体系、方面和标签筛选案例；
 * 典型经验（experiences）按所属设区市、县（市、区）、体系和方面筛选经验。
 *
 * 渐进增强：没有脚本时页面列出全部内容，筛选表单保持隐藏。表单的 data-filter 指出筛选的范围，
 * data-key 指出每一项的标识属性（如 data-case）：同一标识的元素（案例库的表格行和卡片，经验的全文和
 * 按方面列出的条目）一起显示或隐藏，带 data-facets 的那个元素给出该项的筛选值（JSON，由生成器写入）。
 * 同一项内只能选一个值，不同项之间同时满足；每个选项后的数字是在其他已选条件下选它会得到的数目。
 * 范围内的 data-filter-group（如典型经验的各个体系）没有可显示的项时整组隐藏。所选条件写在网址中
 * （?city=…&status=…），可以分享；带 data-filter-link 的链接（如体系 × 方面表中的数字）直接设置筛选条件。
 * 案例或经验较多时，案例库按设区市、典型经验按体系分成几页，每页的筛选只在本页内进行（表单的 data-scope
 * 为“本页”，计数前加上“本页”）；概览页收到带设区市的网址（?city=…）时转到该市的页面。
 * 不依赖任何库，也不请求任何文件，因此在 file:// 和子目录中同样可用。
 */
(function () {
  "use strict";
  if (!window.JSON || !document.querySelectorAll) return;
  var slice = Array.prototype.slice;

  function setup(form) {
    var scope = document.querySelector(form.getAttribute("data-filter"));
    var keyName = "data-" + form.getAttribute("data-key");
    if (!scope) return;
    var unit = form.getAttribute("data-unit") || "个";
    var noun = form.getAttribute("data-noun") || "";
    var where = form.getAttribute("data-scope") || "";  // 本页: one page of a list split into several
    var selects = slice.call(form.querySelectorAll("select"));
    var status = form.querySelector("[role=status]");
    var empty = document.getElementById(form.id + "-empty");
    var compare = document.getElementById(form.id + "-compare");
    var compareHref = compare ? compare.getAttribute("href").split("?")[0] : "";
    var compareText = compare ? compare.textContent : "";
    var keyed = slice.call(scope.querySelectorAll("[" + keyName + "]"));
    var groups = slice.call(scope.querySelectorAll("[data-filter-group]"));
    var items = [];
    var byKey = {};
    keyed.forEach(function (el) {
      var key = el.getAttribute(keyName);
      if (!byKey[key]) {
        byKey[key] = { key: key, values: {}, elements: [], name: "" };
        items.push(byKey[key]);
      }
      var item = byKey[key];
      item.elements.push(el);
      if (el.hasAttribute("data-facets")) {
        try { item.values = JSON.parse(el.getAttribute("data-facets")) || {}; } catch (e) { item.values = {}; }
        var link = el.querySelector("a");
        item.name = link ? link.textContent : key;
      }
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

    function choose(params) {
      selects.forEach(function (select) {
        var wanted = params.get(select.name);
        select.selectedIndex = 0;
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
        item.elements.forEach(function (el) { el.hidden = !visible; });
        if (visible) shown.push(item);
      });
      groups.forEach(function (group) {
        group.hidden = active > 0 &&
          !slice.call(group.querySelectorAll("[" + keyName + "]")).some(function (el) { return !el.hidden; });
      });

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
          ? "按所选条件显示 " + shown.length + " " + unit + noun + "（" + where + "共 " + items.length + " " + unit + "）。"
          : where + "共 " + items.length + " " + unit + noun + "。可按下列任意几项组合筛选。";
      }
      if (empty) empty.hidden = shown.length !== 0;
      if (compare) {
        if (active && shown.length >= 2 && shown.length <= 4) {
          compare.setAttribute("href", compareHref + "?c=" + shown.map(function (item) { return encodeURIComponent(item.key); }).join(","));
          compare.textContent = "并排对比这 " + shown.length + " 个案例：" + shown.map(function (item) { return item.name; }).join("、");
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
      var target = event.target && event.target.closest ? event.target : null;
      if (!target) return;
      if (target.closest("[data-filter-clear]") && empty && empty.contains(target)) {
        event.preventDefault();
        form.reset();
        if (selects[0]) selects[0].focus();
        return;
      }
      var link = target.closest("a[data-filter-link]");
      if (link && link.getAttribute("data-filter-link") === form.id) {
        event.preventDefault();
        choose(new URLSearchParams(link.getAttribute("href").split("?")[1].split("#")[0]));
        update(true);
        if (status) {
          status.setAttribute("tabindex", "-1");
          status.focus();
        }
      }
    });

    try { choose(new URLSearchParams(window.location.search)); } catch (e) { /* no URLSearchParams */ }
    form.hidden = false;
    update(false);
  }

  slice.call(document.querySelectorAll("form[data-filter]")).forEach(setup);

  // The overview of a split library: an address with a city (?city=…&status=…, as the whole
  // library is shared) opens that city's page with the other filters.
  var cities = document.getElementById("city-table");
  if (!cities || !window.URLSearchParams) return;
  var params = new URLSearchParams(window.location.search);
  var city = params.get("city");
  slice.call(cities.querySelectorAll("tr[data-city]")).forEach(function (row) {
    var link = row.querySelector("a");
    if (!city || row.getAttribute("data-city") !== city || !link) return;
    params.delete("city");
    var query = params.toString();
    window.location.replace(link.href.split("?")[0] + (query ? "?" + query : ""));
  });
})();
