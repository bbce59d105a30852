// The share box's "Copy link" button (web/_share.html): the phone's share sheet when the
// browser has the Web Share API and a touch screen, else the clipboard. Without this script
// the button stays hidden and the address is in a read-only field.
(function () {
  "use strict";
  var phone = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  document.querySelectorAll(".share__copy[data-share-url]").forEach(function (box) {
    var button = box.querySelector(".share__button");
    var status = box.querySelector(".share__status");
    var field = box.querySelector(".share__url");
    var url = box.getAttribute("data-share-url");
    var title = box.getAttribute("data-share-title") || document.title;
    var sheet = phone && typeof navigator.share === "function";
    if (!button || !(sheet || (navigator.clipboard && navigator.clipboard.writeText))) {
      return;
    }
    button.textContent = sheet ? "Share…" : "Copy link";
    button.hidden = false;
    if (field) { field.classList.add("share__url--with-button"); }
    function say(message) {
      if (status) { status.textContent = message; }
    }
    button.addEventListener("click", function () {
      if (sheet) {
        navigator.share({ title: title, url: url }).catch(function () {});
        return;
      }
      navigator.clipboard.writeText(url).then(
        function () { say("Link copied"); },
        function () { if (field) { field.select(); } say("Press Ctrl+C or ⌘C to copy"); }
      );
    });
  });
})();
