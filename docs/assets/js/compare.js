/* 案例对比（compare）：选 2～4 个案例并排比较。
 *
 * 渐进增强：没有脚本时，页面上的表格每列一个案例，列出全部案例。有脚本时显示选择框；选中 2～4 个后，
 * 各表只保留所选案例的列。所选案例写在网址中（?c=yunze,yexi），可以分享；案例库筛选后也链接到这里。
 * 不依赖任何库，也不请求任何文件，因此在 file:// 和子目录中同样可用。
 */
(function () {
  "use strict";
  var form = document.getElementById("compare-picker");
  if (!form || !document.querySelectorAll) return;
  var MIN = 2;
  var MAX = 4;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=c]"));
  var cells = Array.prototype.slice.call(document.querySelectorAll(".compare-scroll [data-case]"));
  var scrolls = Array.prototype.slice.call(document.querySelectorAll(".compare-scroll"));
  var status = document.getElementById("compare-status");
  var note = document.querySelector(".compare-nojs");

  function chosen() {
    return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  function nameOf(id) {
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].value === id) return boxes[i].getAttribute("data-name") || id;
    }
    return id;
  }

  function fromAddress() {
    var wanted = [];
    try {
      new URLSearchParams(window.location.search).getAll("c").forEach(function (value) {
        value.split(",").forEach(function (id) { if (id) wanted.push(id); });
      });
    } catch (e) { return; }
    wanted = wanted.slice(0, MAX);
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
  }

  function toAddress(ids) {
    if (!window.history || !history.replaceState) return;
    var query = ids.length ? "?c=" + ids.map(encodeURIComponent).join(",") : "";
    try { history.replaceState(history.state, "", window.location.pathname + query + window.location.hash); } catch (e) { /* ignore */ }
  }

  function update(write) {
    var ids = chosen();
    var narrowing = ids.length >= MIN;
    cells.forEach(function (cell) {
      cell.hidden = narrowing && ids.indexOf(cell.getAttribute("data-case")) < 0;
    });
    scrolls.forEach(function (scroll) { scroll.classList.toggle("is-narrowed", narrowing); });
    boxes.forEach(function (box) { box.disabled = !box.checked && ids.length >= MAX; });
    if (status) {
      if (narrowing) {
        status.textContent = "正在对比 " + ids.length + " 个案例：" + ids.map(nameOf).join("、") + "。" +
          (ids.length >= MAX ? "最多选 " + MAX + " 个。" : "");
      } else {
        status.textContent = (ids.length ? "已选 " + nameOf(ids[0]) + "，再选至少 1 个。" : "请选择 2～4 个案例。") +
          "未选满 2 个时，下表列出全部案例。";
      }
    }
    if (write) toAddress(ids);
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var clear = form.querySelector("[data-compare-clear]");
  if (clear) {
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      update(true);
    });
  }

  fromAddress();
  form.hidden = false;
  if (note) note.hidden = true;
  update(false);
})();
