/* 打印按钮：带 data-print 的按钮（案例的一页简介页面上）在脚本可用时显示，按下即打开浏览器的打印对话框。
 * 不依赖任何库，也不请求任何文件；没有脚本时，页面上的文字提示用 Ctrl+P 打印。
 */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
