/* Aid finder: progressive enhancement only. Without it the GET form works the same.
   When a question changes, the results are fetched and replaced in place; the result
   count (role="status") announces the new number. The address bar follows. */
(function () {
    "use strict";
    if (!window.fetch || !window.DOMParser || !window.history || !history.replaceState) return;

    document.addEventListener("DOMContentLoaded", function () {
        var form = document.getElementById("aid-finder-form");
        var section = document.getElementById("aid-results");
        if (!form || !section) return;
        var pending = null;

        function update() {
            var params = new URLSearchParams();
            new FormData(form).forEach(function (value, key) { if (value) params.append(key, value); });
            var montant = params.get("montant");
            // A half-typed amount is left to the submit button (the server explains errors).
            if (montant && !/^[0-9\s\u00a0\u202f]+(€|euros?)?$/i.test(montant.trim())) return;
            var url = form.action + (params.toString() ? "?" + params.toString() : "");
            if (pending) pending.abort();
            pending = new AbortController();
            section.setAttribute("aria-busy", "true");
            fetch(url, { headers: { "X-Requested-With": "fetch" }, signal: pending.signal })
                .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
                .then(function (html) {
                    var doc = new DOMParser().parseFromString(html, "text/html");
                    var list = doc.getElementById("aid-results-list");
                    var count = doc.getElementById("aid-results-count");
                    if (!list || !count || doc.getElementById("error-summary")) {
                        window.location.href = url;  // let the page show what went wrong
                        return;
                    }
                    document.getElementById("aid-results-list").replaceWith(list);
                    document.getElementById("aid-results-count").textContent = count.textContent;
                    history.replaceState(null, "", url);
                })
                .catch(function () { /* network error or aborted: the submit button still works */ })
                .finally(function () { section.removeAttribute("aria-busy"); });
        }

        form.addEventListener("change", function (event) {
            if (event.target.tagName === "SELECT") update();
        });
    });
})();
