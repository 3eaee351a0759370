/* 打印：每页页脚印出打印日期和本页网址；下载链接和外部链接在正文中印出其网址。
 *
 * 页脚用 CSS 的页边距区域（@page 的 @bottom-left）印出，内容在打开页面和开始打印时由本脚本填入
 * （网址和日期只有浏览器知道）；页码和站名见 assets/site.css。下载链接（带 download 属性或指向文件）和
 * 指向其他网站的链接在打印时于链接文字后印出完整网址（data-print-href），站内页面之间的链接不印。
 * 带 data-print 的按钮（案例的一页简介页面上）在脚本可用时显示，按下即打开浏览器的打印对话框；
 * 没有脚本时，页面上的文字提示用 Ctrl+P 打印。
 * 不依赖任何库，也不请求任何文件。
 */
(function () {
  "use strict";
  var FILE = /\.(xlsx|docx|pdf|ofd|zip|csv|json|yaml|xls|doc|pptx?|wps|et|dps|jpe?g|png)$/i;

  function shown(address) {
    try { return decodeURI(address); } catch (e) { return address; }
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日";
  }

  function quoted(text) {
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ") + '"';
  }

  var style = document.createElement("style");
  style.id = "sfx-print-footer";
  document.head.appendChild(style);

  function footer() {
    var address = shown(window.location.href.split("#")[0]);
    style.textContent = "@page { @bottom-left { content: " + quoted("打印日期：" + today() + "　本页网址：" + address) +
      "; color: #5f6368; font-size: 7.5pt; } }";
  }

  function links() {
    var anchors = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < anchors.length; i++) {
      var a = anchors[i];
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^(mailto|tel|javascript):/i.test(href)) continue;
      var external = a.host && a.host !== window.location.host;
      var file = a.hasAttribute("download") || FILE.test(a.pathname || "");
      if (external || file) a.setAttribute("data-print-href", shown(a.href));
    }
  }

  var buttons = document.querySelectorAll("button[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }

  footer();
  links();
  window.addEventListener("beforeprint", function () { footer(); links(); });
})();
