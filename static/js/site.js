/* Progressive enhancement only: the site works without this file. */
(function () {
    "use strict";
    document.documentElement.classList.replace("no-js", "js");

    // Collapsible main navigation on small screens.
    document.addEventListener("DOMContentLoaded", function () {
        var toggle = document.querySelector(".main-nav__toggle");
        var list = document.getElementById("main-nav-list");
        if (!toggle || !list) return;
        var small = window.matchMedia("(max-width: 47.99em)");
        function sync() {
            var collapsed = small.matches && toggle.getAttribute("aria-expanded") !== "true";
            list.setAttribute("data-collapsed", collapsed ? "true" : "false");
        }
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", open ? "false" : "true");
            sync();
        });
        small.addEventListener("change", sync);
        sync();
    });
})();
