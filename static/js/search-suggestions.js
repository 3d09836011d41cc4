/* Search suggestions as one types: the ARIA 1.2 combobox pattern (list autocomplete).
 *
 * Progressive enhancement: every form with a data-suggestions URL keeps working without
 * this file. With it, the search field becomes a combobox: after a pause in typing
 * (debounced), titles of pages, aids and partners starting with the typed words are listed;
 * Down and Up move through them, Enter opens the chosen one (or searches when none is
 * chosen), Escape closes the list (a second Escape empties the field), Tab leaves it. The
 * number of suggestions is announced in a polite live region.
 */
(function () {
    "use strict";
    var DEBOUNCE_MS = 250;
    var MIN_LENGTH = 2;
    var counter = 0;

    function Combobox(form) {
        var self = this;
        this.form = form;
        this.input = form.querySelector('input[type="search"]');
        if (!this.input) return;
        this.url = form.getAttribute("data-suggestions");
        this.labels = {
            list: form.getAttribute("data-label-list") || "Suggestions",
            none: form.getAttribute("data-label-none") || "",
            one: form.getAttribute("data-label-one") || "1",
            many: form.getAttribute("data-label-many") || "%s"
        };
        counter += 1;
        var id = "search-suggestions-" + counter;
        this.items = [];
        this.active = -1;
        this.timer = null;
        this.request = null;

        this.wrapper = document.createElement("div");
        this.wrapper.className = "combobox";
        this.input.parentNode.insertBefore(this.wrapper, this.input);
        this.wrapper.appendChild(this.input);

        this.listbox = document.createElement("ul");
        this.listbox.id = id;
        this.listbox.className = "combobox__listbox";
        this.listbox.setAttribute("role", "listbox");
        this.listbox.setAttribute("aria-label", this.labels.list);
        this.listbox.hidden = true;
        this.wrapper.appendChild(this.listbox);

        this.live = document.createElement("div");
        this.live.className = "visually-hidden";
        this.live.setAttribute("aria-live", "polite");
        this.live.setAttribute("aria-atomic", "true");
        this.wrapper.appendChild(this.live);

        this.input.setAttribute("role", "combobox");
        this.input.setAttribute("aria-autocomplete", "list");
        this.input.setAttribute("aria-expanded", "false");
        this.input.setAttribute("aria-controls", id);
        this.input.setAttribute("autocomplete", "off");

        this.input.addEventListener("input", function () { self.schedule(); });
        this.input.addEventListener("keydown", function (event) { self.onKeyDown(event); });
        this.input.addEventListener("blur", function () {
            window.setTimeout(function () { self.close(); }, 150);
        });
        this.listbox.addEventListener("mousedown", function (event) {
            event.preventDefault(); // keep the focus in the field
        });
        this.listbox.addEventListener("click", function (event) {
            var option = event.target.closest('[role="option"]');
            if (option) self.go(Number(option.getAttribute("data-index")));
        });
    }

    Combobox.prototype.schedule = function () {
        var self = this;
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(function () { self.fetch(); }, DEBOUNCE_MS);
    };

    Combobox.prototype.fetch = function () {
        var self = this;
        var query = this.input.value.trim();
        if (query.length < MIN_LENGTH) {
            this.render([]);
            return;
        }
        if (this.request) this.request.abort();
        this.request = new AbortController();
        var url = this.url + "?q=" + encodeURIComponent(query);
        window.fetch(url, { headers: { Accept: "application/json" }, signal: this.request.signal })
            .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
            .then(function (data) {
                if (self.input.value.trim() === query) self.render(data.suggestions || []);
            })
            .catch(function () { /* aborted or offline: the form still works */ });
    };

    Combobox.prototype.render = function (items) {
        var self = this;
        this.items = items;
        this.active = -1;
        this.input.removeAttribute("aria-activedescendant");
        this.listbox.textContent = "";
        items.forEach(function (item, index) {
            var option = document.createElement("li");
            option.id = self.listbox.id + "-" + index;
            option.className = "combobox__option";
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.setAttribute("data-index", String(index));
            var title = document.createElement("span");
            title.className = "combobox__title";
            title.textContent = item.title;
            var kind = document.createElement("span");
            kind.className = "combobox__kind";
            kind.textContent = item.kind;
            option.appendChild(title);
            option.appendChild(document.createTextNode(" "));
            option.appendChild(kind);
            self.listbox.appendChild(option);
        });
        if (items.length) {
            this.open();
        } else {
            this.close();
        }
        this.announce(items.length);
    };

    Combobox.prototype.announce = function (count) {
        var text;
        if (this.input.value.trim().length < MIN_LENGTH) {
            text = "";
        } else if (count === 0) {
            text = this.labels.none;
        } else if (count === 1) {
            text = this.labels.one;
        } else {
            text = this.labels.many.replace("%s", String(count));
        }
        this.live.textContent = text;
    };

    Combobox.prototype.open = function () {
        this.listbox.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
    };

    Combobox.prototype.close = function () {
        this.listbox.hidden = true;
        this.input.setAttribute("aria-expanded", "false");
        this.input.removeAttribute("aria-activedescendant");
        this.setActive(-1);
    };

    Combobox.prototype.isOpen = function () {
        return !this.listbox.hidden;
    };

    Combobox.prototype.setActive = function (index) {
        var options = this.listbox.querySelectorAll('[role="option"]');
        this.active = index;
        for (var i = 0; i < options.length; i += 1) {
            options[i].setAttribute("aria-selected", i === index ? "true" : "false");
        }
        if (index >= 0 && options[index]) {
            this.input.setAttribute("aria-activedescendant", options[index].id);
            options[index].scrollIntoView({ block: "nearest" });
        } else {
            this.input.removeAttribute("aria-activedescendant");
        }
    };

    Combobox.prototype.go = function (index) {
        var item = this.items[index];
        if (item) window.location.assign(item.url);
    };

    Combobox.prototype.onKeyDown = function (event) {
        var count = this.items.length;
        switch (event.key) {
            case "ArrowDown":
            case "Down":
                if (!count) return;
                event.preventDefault();
                if (!this.isOpen()) this.open();
                this.setActive(event.altKey ? this.active : (this.active + 1) % count);
                break;
            case "ArrowUp":
            case "Up":
                if (!count) return;
                event.preventDefault();
                if (!this.isOpen()) this.open();
                this.setActive(this.active <= 0 ? count - 1 : this.active - 1);
                break;
            case "Enter":
                if (this.isOpen() && this.active >= 0) {
                    event.preventDefault();
                    this.go(this.active);
                }
                break;
            case "Escape":
            case "Esc":
                if (this.isOpen()) {
                    event.preventDefault();
                    this.close();
                } else if (this.input.value) {
                    event.preventDefault();
                    this.input.value = "";
                    this.render([]);
                }
                break;
            case "Tab":
                this.close();
                break;
            default:
                break;
        }
    };

    function enhance() {
        if (!("fetch" in window) || !("AbortController" in window)) return;
        var forms = document.querySelectorAll("form[data-suggestions]");
        for (var i = 0; i < forms.length; i += 1) new Combobox(forms[i]);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", enhance);
    } else {
        enhance();
    }
})();
