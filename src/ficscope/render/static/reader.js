/* ficscope reader: saved theme and options, speaker tooltips on hover and focus, evidence
   highlighting, speaker spotlight. Everything works without it except these niceties.
   Never inserts markup: text goes in with textContent only. */
(function () {
  "use strict";
  var root = document.documentElement;
  var store = {
    get: function (key) { try { return window.localStorage.getItem("ficscope." + key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem("ficscope." + key, value); } catch (e) { /* private mode */ } }
  };

  // Theme first, before the page paints.
  var savedTheme = store.get("theme");
  if (savedTheme === "light" || savedTheme === "dark") { root.setAttribute("data-theme", savedTheme); }

  function setTheme(value) {
    if (value === "light" || value === "dark") { root.setAttribute("data-theme", value); }
    else { root.removeAttribute("data-theme"); }
    store.set("theme", value);
  }

  function ready() {
    // Options: theme radios, dialogue colours, proofreading marks (CSS reads the inputs; we remember them).
    document.querySelectorAll('input[name="theme"]').forEach(function (radio) {
      radio.checked = radio.value === (savedTheme || "auto");
      radio.addEventListener("change", function () { if (radio.checked) { setTheme(radio.value); } });
    });
    ["opt-colours", "opt-proof"].forEach(function (id) {
      var box = document.getElementById(id);
      if (!box) { return; }
      var saved = store.get(id);
      if (saved !== null) { box.checked = saved === "1"; }
      box.addEventListener("change", function () { store.set(id, box.checked ? "1" : "0"); });
    });

    setUpTooltips();
    setUpEvidence();
    setUpSpotlight();
  }

  // ---- tooltips ------------------------------------------------------------------------
  function setUpTooltips() {
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.id = "ficscope-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    // The title attribute is the no-script fallback; with script we draw our own (also on focus).
    document.querySelectorAll(".q[title]").forEach(function (q) {
      q.setAttribute("data-tip", q.getAttribute("title"));
      q.removeAttribute("title");
    });
    var proofBox = document.getElementById("opt-proof");
    var current = null;

    function target(node) {
      var el = node && node.closest ? node.closest(".q[data-tip], .pf[data-tip]") : null;
      if (el && el.classList.contains("pf") && !(proofBox && proofBox.checked)) { return null; }
      return el;
    }
    function show(el) {
      if (current === el) { return; }
      current = el;
      tip.textContent = el.getAttribute("data-tip");
      tip.hidden = false;
      el.setAttribute("aria-describedby", tip.id);
      var rects = el.getClientRects();
      var r = rects.length ? rects[0] : el.getBoundingClientRect();
      var top = window.scrollY + r.top - tip.offsetHeight - 6;
      if (r.top - tip.offsetHeight - 6 < 0) { top = window.scrollY + r.bottom + 6; }
      var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
      tip.style.top = top + "px";
      tip.style.left = left + "px";
    }
    function hide() {
      if (current) { current.removeAttribute("aria-describedby"); }
      current = null;
      tip.hidden = true;
    }
    document.addEventListener("mouseover", function (e) { var el = target(e.target); if (el) { show(el); } else { hide(); } });
    document.addEventListener("focusin", function (e) { var el = target(e.target); if (el) { show(el); } else { hide(); } });
    document.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  }

  // ---- evidence ------------------------------------------------------------------------
  function setUpEvidence() {
    var banner = null;
    function clear() {
      document.querySelectorAll("mark.ev.active").forEach(function (m) { m.classList.remove("active"); });
      if (banner) { banner.remove(); banner = null; }
    }
    function openAncestors(el) {
      for (var node = el.parentElement; node; node = node.parentElement) {
        if (node.tagName === "DETAILS") { node.open = true; }
      }
    }
    function onHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      clear();
      if (/^pf-\d+$/.test(id)) {
        var box = document.getElementById("opt-proof");
        if (box && !box.checked) { box.checked = true; box.dispatchEvent(new Event("change")); }
        return;
      }
      if (!/^ev-\d+$/.test(id)) { return; }
      var marks = document.querySelectorAll('mark.ev[data-ev="' + id + '"]');
      if (!marks.length) { return; }
      marks.forEach(function (m) { m.classList.add("active"); });
      openAncestors(marks[0]);
      marks[0].scrollIntoView({ block: "center" });
      banner = document.createElement("div");
      banner.className = "evidence-banner";
      banner.setAttribute("role", "status");
      var text = document.createElement("span");
      text.textContent = "Evidence for " + (marks[0].getAttribute("data-for") || "a suggestion");
      var back = document.createElement("button");
      back.type = "button";
      back.textContent = "Back";
      back.addEventListener("click", function () { window.history.back(); });
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Close";
      close.setAttribute("aria-label", "Stop highlighting");
      close.addEventListener("click", clear);
      banner.appendChild(text);
      banner.appendChild(back);
      banner.appendChild(close);
      document.body.appendChild(banner);
    }
    window.addEventListener("hashchange", onHash);
    onHash();
  }

  // ---- spotlight a speaker's lines ----------------------------------------------------------
  function setUpSpotlight() {
    var buttons = document.querySelectorAll("button.spot[data-speaker]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        var who = button.getAttribute("data-speaker");
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
        document.querySelectorAll(".story .q").forEach(function (q) {
          var mine = q.getAttribute("data-speaker") === who;
          q.classList.toggle("dimmed", on && !mine);
          q.classList.toggle("spotlit", on && mine);
        });
        if (on) {
          button.setAttribute("aria-pressed", "true");
          var first = document.querySelector('.story .q[data-speaker="' + CSS.escape(who) + '"]');
          if (first) { first.scrollIntoView({ block: "center" }); }
        }
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); }
  else { ready(); }
})();
