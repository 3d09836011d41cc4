/* The application form, progressively enhanced: the page works without this file. */
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        var summary = document.querySelector("[data-error-summary]");
        if (!summary) return;
        // Read the errors first: move the focus to the summary.
        summary.focus();
        // A link of the summary focuses its field and shows the field's label too.
        summary.addEventListener("click", function (event) {
            var link = event.target.closest("a[href^='#']");
            if (!link) return;
            var field = document.getElementById(link.getAttribute("href").slice(1));
            if (!field) return;
            event.preventDefault();
            var group = field.closest(".form-field") || field;
            group.scrollIntoView();
            field.focus({ preventScroll: true });
        });
    });
})();
