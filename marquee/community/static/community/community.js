/* Marquee community: in-place reactions and comments. Every form works without this script;
   with it, the page updates without a reload. */
(function () {
  "use strict";

  var root = document.querySelector("[data-engagement]");
  if (!root || !window.fetch) return;

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(form, body) {
    return fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(form)
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var message = (data.error && data.error.message) || "Something went wrong (" + response.status + "). Please try again.";
          throw new Error(message);
        }
        return data;
      });
    });
  }

  /* Reactions */
  var reactions = root.querySelector("[data-reactions]");
  if (reactions) {
    var status = reactions.querySelector("[data-reactions-status]");
    reactions.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter || document.activeElement;
      if (!button || !button.value) return;
      var buttons = reactions.querySelectorAll("button[data-reaction]");
      buttons.forEach(function (b) { b.disabled = true; });
      post(reactions, { reaction: button.value }).then(function (data) {
        var chosen = "";
        buttons.forEach(function (b) {
          var key = b.getAttribute("data-reaction");
          b.querySelector("[data-count]").textContent = data.counts[key];
          b.setAttribute("aria-pressed", data.mine === key ? "true" : "false");
          if (data.mine === key) chosen = b.getAttribute("data-label");
        });
        status.textContent = chosen
          ? "You reacted “" + chosen + "”. Choose it again to take it back."
          : "Reaction removed. Choose one; you can change your mind.";
      }).catch(function (error) {
        status.textContent = error.message;
      }).then(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        button.focus();
      });
    });
  }

  /* Comments: post, reply, like and delete in place, then redraw the comments section. */
  var region = root.querySelector("[data-comments-region]");
  var commentsUrl = root.getAttribute("data-comments-url");

  function refresh(anchor, announce) {
    var query = new URLSearchParams(window.location.search);
    var params = new URLSearchParams();
    ["comment_sort", "comment_page"].forEach(function (name) {
      if (query.get(name)) params.set(name, query.get(name));
    });
    return fetch(commentsUrl + (params.toString() ? "?" + params : ""), {
      credentials: "same-origin",
      headers: { "X-Marquee-Fragment": "1" }
    }).then(function (response) { return response.text(); }).then(function (html) {
      region.innerHTML = html;
      bindCounters();
      var live = region.querySelector("[data-comments-status]");
      if (live && announce) live.textContent = announce;
      var target = anchor && document.getElementById(anchor);
      if (target) {
        target.scrollIntoView({ block: "center" });
        history.replaceState(null, "", "#" + anchor);
      }
    });
  }

  function showError(form, message) {
    var slot = form.querySelector("[data-form-error]");
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
    } else {
      var live = region.querySelector("[data-comments-status]");
      if (live) {
        live.textContent = message;
        live.className = "notice notice--error";
      }
    }
  }

  region.addEventListener("submit", function (event) {
    var form = event.target;
    var submit = form.querySelector("button[type=submit]");
    var request;
    var anchor = "";
    var announce = "";
    if (form.hasAttribute("data-comment-form")) {
      var body = { body: form.querySelector("textarea").value };
      var parent = form.querySelector("input[name=parent]");
      if (parent) body.parent = parent.value;
      request = post(form, body).then(function (data) {
        anchor = "comment-" + data.id;
        announce = data.status === "pending"
          ? "Thanks! Your comment will appear once a moderator has approved it."
          : "Your comment was posted.";
      });
    } else if (form.hasAttribute("data-like")) {
      request = post(form, {}).then(function (data) {
        anchor = "comment-" + data.id;
        announce = data.liked ? "Liked." : "Like removed.";
      });
    } else if (form.hasAttribute("data-delete")) {
      request = post(form, {}).then(function () { announce = "Your comment was deleted."; });
    } else {
      return; /* moderator forms and anything else: ordinary submission */
    }
    event.preventDefault();
    if (submit) submit.disabled = true;
    request.then(function () {
      return refresh(anchor, announce);
    }).catch(function (error) {
      showError(form, error.message);
      if (submit) submit.disabled = false;
    });
  });

  /* Sorting and paging without a reload */
  region.addEventListener("click", function (event) {
    var link = event.target.closest(".comments__sort a, .comments .pagination a");
    if (!link) return;
    event.preventDefault();
    var url = new URL(link.href);
    history.replaceState(null, "", url.pathname + url.search + "#comments");
    refresh("comments", "");
  });

  /* Characters left */
  function bindCounters() {
    region.querySelectorAll("[data-comment-form] textarea").forEach(function (area) {
      var form = area.closest("form");
      var counter = form.querySelector("[data-char-count]");
      var limit = parseInt(area.getAttribute("data-max-length"), 10);
      if (!counter || !limit) return;
      var update = function () {
        var left = limit - area.value.length;
        counter.textContent = left < 200 ? left + " characters left." : "";
        counter.classList.toggle("comment-form__count--over", left < 0);
      };
      area.addEventListener("input", update);
      update();
    });
  }
  bindCounters();
})();
