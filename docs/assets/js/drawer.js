/* 导航菜单：窄屏和放大（200% 以上）时，导航在左侧的抽屉中；本脚本使它可用键盘操作。
 *
 * 主题的菜单按钮是一个 label，不能用 Tab 键到达；抽屉关闭时，其中的链接却仍在 Tab 顺序中，焦点移到
 * 屏幕外就看不见了。这里：把菜单按钮换成真正的按钮（可聚焦，回车或空格键打开和关闭，读屏软件读出它是否展开）；
 * 抽屉关闭时设为 inert（其中的链接不接收焦点）；用键盘打开时焦点移到抽屉中的当前栏目，按 Esc 键
 * 关闭并回到菜单按钮，焦点移到抽屉以外时也关闭。宽屏时导航在页眉的标签栏中，抽屉不显示，本脚本不起作用。
 * 不依赖任何库，也不请求任何文件。
 */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('label.md-header__button[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !label || !drawer || !window.matchMedia) return;
  // Material's breakpoint below which the navigation is a drawer.
  var narrow = window.matchMedia("(max-width: 76.234375em)");

  // The theme's label becomes a real button with the same icon and look (site.css: .sfx-menu-button).
  drawer.id = drawer.id || "sfx-drawer";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon sfx-menu-button";
  button.innerHTML = label.innerHTML;
  button.setAttribute("aria-label", "导航菜单");
  button.setAttribute("aria-controls", drawer.id);
  label.parentNode.replaceChild(button, label);

  function sync() {
    var open = toggle.checked;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    drawer.inert = narrow.matches && !open;
  }

  // The current section in the drawer: the page itself, or the section a page outside the nav
  // belongs to (a case page: 案例库), which the top tabs mark as current.
  var tab = document.querySelector(".md-tabs__item--active > a[href]");
  var current = drawer.querySelector(".md-nav__link--active[href]") ||
    (tab && drawer.querySelector('.md-nav__list a[href="' + tab.getAttribute("href") + '"]'));
  if (current && !current.classList.contains("md-nav__link--active")) {
    current.classList.add("sfx-nav-current");
    current.setAttribute("aria-current", "true");
  }

  function setOpen(open, byKeyboard) {
    if (toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    sync();
    if (!byKeyboard) return;
    if (open) {
      var target = current || drawer.querySelector(".md-nav__list a[href]");
      if (target) target.focus();
    } else {
      button.focus();
    }
  }

  // A click by mouse or touch opens it as the label did; Enter or Space also moves the focus in.
  button.addEventListener("click", function (event) {
    setOpen(!toggle.checked, event.detail === 0);
  });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && toggle.checked && narrow.matches) {
      setOpen(false, true);
    }
  });
  // The open drawer covers the page: focus anywhere else (but the button) closes it.
  document.addEventListener("focusin", function (event) {
    var next = event.target;
    if (toggle.checked && narrow.matches && !drawer.contains(next) && next !== button) {
      setOpen(false, false);
    }
  });
  toggle.addEventListener("change", sync);
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  else if (narrow.addListener) narrow.addListener(sync);
  sync();
})();
