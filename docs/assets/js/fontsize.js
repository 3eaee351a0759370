/* 阅读设置：字号（标准、大、特大）和高对比度，保存在本机浏览器中，对本站所有页面有效。
 * 另补两处主题的无障碍细节：给搜索对话框加上名称；可左右滚动的宽表格可用键盘聚焦和滚动。
 *
 * 在页眉加一个“字号”按钮（不改主题模板），按下后展开设置面板；可用键盘操作，Esc 关闭。
 * 设置写在 <html> 的 data-sfx-size 和 data-sfx-contrast 属性上，样式见 assets/site.css。
 * 不依赖任何库，也不请求任何文件；无法使用本机存储时（如隐私模式）设置只对当前页面有效。
 */
(function () {
  "use strict";
  var KEY = "sfx-reading";
  var SIZES = [
    { value: "0", label: "标准" },
    { value: "1", label: "大" },
    { value: "2", label: "特大" }
  ];
  var root = document.documentElement;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(settings) {
    try { window.localStorage.setItem(KEY, JSON.stringify(settings)); } catch (e) { /* storage unavailable */ }
  }
  function apply(settings) {
    var size = String(settings.size || "0");
    if (size === "0") root.removeAttribute("data-sfx-size"); else root.setAttribute("data-sfx-size", size);
    if (settings.contrast) root.setAttribute("data-sfx-contrast", "high"); else root.removeAttribute("data-sfx-contrast");
  }

  var settings = load();
  apply(settings);

  // The theme's search box is a dialog without a name; name it after its input.
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索");

  // A table wider than the page scrolls in the theme's box; a keyboard user must be able to
  // focus that box to scroll it, and a screen reader should hear what it is.
  function headingBefore(node) {
    for (var el = node; el && el !== document.body; el = el.parentElement) {
      for (var prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-4]$/.test(prev.tagName)) return prev.textContent.replace(/\u00b6/g, "").trim();
      }
    }
    return "";
  }
  function scrollers() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    var used = {};
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var scrolls = /auto|scroll/.test(window.getComputedStyle(box).overflowX);  // not inside 案例对比's own box
      if (scrolls && box.scrollWidth > box.clientWidth + 1) {
        var heading = headingBefore(box);
        var label = "表格" + (heading ? "：" + heading : "");
        used[label] = (used[label] || 0) + 1;
        if (used[label] > 1) label += "（" + used[label] + "）";
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label + "，可左右滚动");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
  var pending = 0;
  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(scrollers, 150);
  }
  if (document.readyState === "complete") later(); else window.addEventListener("load", later);
  window.addEventListener("resize", later);
  document.addEventListener("DOMContentLoaded", later);

  var header = document.querySelector(".md-header__inner");
  if (!header) return;

  var wrap = document.createElement("div");
  wrap.className = "reading";
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "reading__toggle";
  toggle.id = "reading-toggle";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "reading-panel");
  toggle.textContent = "字号";
  var panel = document.createElement("div");
  panel.className = "reading__panel";
  panel.id = "reading-panel";
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", "阅读设置");
  panel.hidden = true;

  var sizeGroup = document.createElement("div");
  sizeGroup.className = "reading__group";
  sizeGroup.setAttribute("role", "group");
  sizeGroup.setAttribute("aria-labelledby", "reading-size-label");
  var sizeLabel = document.createElement("span");
  sizeLabel.id = "reading-size-label";
  sizeLabel.className = "reading__label";
  sizeLabel.textContent = "字号";
  sizeGroup.appendChild(sizeLabel);
  var sizeButtons = SIZES.map(function (size) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reading__option reading__option--size-" + size.value;
    button.setAttribute("data-size", size.value);
    button.textContent = size.label;
    button.addEventListener("click", function () {
      settings.size = size.value;
      save(settings);
      apply(settings);
      refresh();
    });
    sizeGroup.appendChild(button);
    return button;
  });

  var contrast = document.createElement("button");
  contrast.type = "button";
  contrast.className = "reading__option reading__option--contrast";
  contrast.textContent = "高对比度";
  contrast.addEventListener("click", function () {
    settings.contrast = !settings.contrast;
    save(settings);
    apply(settings);
    refresh();
  });

  panel.appendChild(sizeGroup);
  var contrastGroup = document.createElement("div");
  contrastGroup.className = "reading__group";
  contrastGroup.appendChild(contrast);
  panel.appendChild(contrastGroup);
  wrap.appendChild(toggle);
  wrap.appendChild(panel);

  function refresh() {
    var current = String(settings.size || "0");
    sizeButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-size") === current ? "true" : "false");
    });
    contrast.setAttribute("aria-pressed", settings.contrast ? "true" : "false");
  }
  function open(show) {
    panel.hidden = !show;
    toggle.setAttribute("aria-expanded", show ? "true" : "false");
  }

  toggle.addEventListener("click", function () { open(panel.hidden); });
  wrap.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      open(false);
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!panel.hidden && !wrap.contains(event.target)) open(false);
  });
  wrap.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !wrap.contains(event.relatedTarget)) open(false);
  });

  var search = header.querySelector('label.md-header__button[for="__search"]');
  header.insertBefore(wrap, search || null);
  refresh();
})();
