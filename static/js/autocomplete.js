// Progressive enhancement for the search forms (templates/includes/search_form.html): turns
// each search input into a WAI-ARIA 1.2 combobox with a listbox popup that suggests drugs,
// brands (with their generic), drug classes and conditions from /search/autocomplete/.
// Without this script (or without fetch) the forms stay plain GET forms to /search/.
//
// Keys, as in the APG "list autocomplete" pattern: Down/Up move through the suggestions
// (Alt+Down opens them), Enter opens the highlighted suggestion or, with none highlighted,
// submits the search; Escape closes the list and a second Escape clears the box; Tab and
// Left/Right leave the list to the text. A polite status announces how many suggestions
// there are. Requests are debounced, stale ones aborted and recent answers cached.
(function () {
    "use strict";

    if (!("fetch" in window) || !("AbortController" in window) || !("Map" in window)) {
        return;
    }

    var DEBOUNCE_MS = 150;
    var MIN_CHARS = 2;
    var MAX_SUGGESTIONS = 8;
    var CACHE_SIZE = 50;
    var cache = new Map();  // endpoint + "\n" + query -> suggestions, shared by every form

    function normalise(text) {
        return text.replace(/\s+/g, " ").trim();
    }

    function remember(key, suggestions) {
        cache.delete(key);
        cache.set(key, suggestions);
        if (cache.size > CACHE_SIZE) {
            cache.delete(cache.keys().next().value);
        }
    }

    function recall(key) {
        if (!cache.has(key)) {
            return undefined;
        }
        var suggestions = cache.get(key);
        remember(key, suggestions);  // most recently used goes last
        return suggestions;
    }

    // Only same-origin http(s) links are followed: a suggestion can never run script.
    function safeUrl(raw) {
        if (typeof raw !== "string" || !raw) {
            return null;
        }
        try {
            var url = new URL(raw, window.location.href);
            if ((url.protocol === "http:" || url.protocol === "https:") && url.origin === window.location.origin) {
                return url.href;
            }
        } catch (error) {
            return null;
        }
        return null;
    }

    function clean(data) {
        var list = data && Array.isArray(data.suggestions) ? data.suggestions : [];
        var suggestions = [];
        list.forEach(function (item) {
            if (suggestions.length >= MAX_SUGGESTIONS || !item || typeof item.label !== "string") {
                return;
            }
            var url = safeUrl(item.url);
            if (!url || !item.label.trim()) {
                return;
            }
            suggestions.push({
                label: item.label,
                kind: typeof item.kind === "string" ? item.kind : "",
                detail: typeof item.detail === "string" ? item.detail : "",
                url: url
            });
        });
        return suggestions;
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        node.className = className;
        if (text) {
            node.textContent = text;
        }
        return node;
    }

    function Combobox(input) {
        this.input = input;
        this.form = input.form;
        this.listbox = document.getElementById(input.getAttribute("data-autocomplete-listbox"));
        this.status = document.getElementById(input.getAttribute("data-autocomplete-status"));
        this.endpoint = input.getAttribute("data-autocomplete-url");
        this.suggestions = [];
        this.options = [];
        this.active = -1;
        this.shownFor = null;   // the query the listed suggestions answer
        this.wanted = null;     // the query most recently asked for
        this.timer = null;
        this.controller = null;

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", this.listbox.id);

        input.addEventListener("input", this.onInput.bind(this));
        input.addEventListener("keydown", this.onKeydown.bind(this));
        input.addEventListener("blur", this.close.bind(this));
        // mousedown would move focus out of the input (and so close the list) before click.
        this.listbox.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        this.listbox.addEventListener("click", this.onClick.bind(this));
    }

    Combobox.prototype.isOpen = function () {
        return !this.listbox.hidden;
    };

    Combobox.prototype.onInput = function () {
        var self = this;
        var query = normalise(this.input.value);
        this.setActive(-1);
        window.clearTimeout(this.timer);
        this.timer = null;
        if (query.length < MIN_CHARS) {
            this.abort();
            this.wanted = null;
            this.render(query, [], false);
            return;
        }
        var cached = recall(this.endpoint + "\n" + query);
        if (cached !== undefined) {
            this.abort();
            this.wanted = query;
            this.render(query, cached, true);
            return;
        }
        // The old suggestions stay on screen (nothing highlighted) until the new ones come.
        this.timer = window.setTimeout(function () {
            self.timer = null;
            self.fetch(query);
        }, DEBOUNCE_MS);
    };

    Combobox.prototype.abort = function () {
        if (this.controller) {
            this.controller.abort();
            this.controller = null;
        }
    };

    Combobox.prototype.fetch = function (query) {
        var self = this;
        var key = this.endpoint + "\n" + query;
        this.abort();
        this.wanted = query;
        var controller = new AbortController();
        this.controller = controller;
        window.fetch(this.endpoint + "?q=" + encodeURIComponent(query), {
            headers: { "Accept": "application/json" },
            credentials: "same-origin",
            signal: controller.signal
        }).then(function (response) {
            if (!response.ok) {
                throw new Error("autocomplete answered " + response.status);
            }
            return response.json();
        }).then(function (data) {
            var suggestions = clean(data);
            remember(key, suggestions);
            if (self.controller === controller) {
                self.controller = null;
            }
            if (self.wanted === query && normalise(self.input.value) === query) {
                self.render(query, suggestions, true);
            }
        }).catch(function () {
            // Aborted, offline or a server error: no suggestions, and the form still works.
            if (self.controller === controller) {
                self.controller = null;
                self.render(query, [], false);
            }
        });
    };

    Combobox.prototype.render = function (query, suggestions, announce) {
        var self = this;
        var id = this.listbox.id;
        this.suggestions = suggestions;
        this.shownFor = query;
        this.active = -1;
        this.input.removeAttribute("aria-activedescendant");
        this.listbox.textContent = "";
        this.options = suggestions.map(function (suggestion, index) {
            var option = element("li", "autocomplete__option");
            option.id = id + "-option-" + index;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.setAttribute("data-index", String(index));
            var text = element("span", "autocomplete__text");
            text.appendChild(element("span", "autocomplete__label", suggestion.label));
            if (suggestion.detail) {
                text.appendChild(document.createTextNode(" "));
                text.appendChild(element("span", "autocomplete__detail", "\u2014 " + suggestion.detail));
            }
            option.appendChild(text);
            if (suggestion.kind) {
                // The comma makes screen readers pause between the name and its kind.
                option.appendChild(element("span", "visually-hidden", ", "));
                option.appendChild(element("span", "autocomplete__kind", suggestion.kind));
            }
            self.listbox.appendChild(option);
            return option;
        });
        if (suggestions.length && document.activeElement === this.input) {
            this.open();
        } else {
            this.close();
        }
        if (announce && document.activeElement === this.input) {
            this.announce(
                suggestions.length === 0 ? "No suggestions"
                    : suggestions.length === 1 ? "1 suggestion available"
                        : suggestions.length + " suggestions available"
            );
        } else if (query.length < MIN_CHARS) {
            this.announce("");
        }
    };

    // A repeated message ("5 suggestions available" for a longer query) gets a no-break
    // space added or dropped, so that screen readers hear that the list changed.
    Combobox.prototype.announce = function (message) {
        if (message && this.status.textContent === message) {
            message += "\u00a0";
        }
        this.status.textContent = message;
    };

    Combobox.prototype.open = function () {
        if (!this.options.length) {
            return;
        }
        this.listbox.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
    };

    Combobox.prototype.close = function () {
        this.setActive(-1);
        this.listbox.hidden = true;
        this.input.setAttribute("aria-expanded", "false");
    };

    Combobox.prototype.setActive = function (index) {
        if (this.active >= 0 && this.options[this.active]) {
            this.options[this.active].setAttribute("aria-selected", "false");
        }
        this.active = index;
        var option = this.options[index];
        if (index >= 0 && option) {
            option.setAttribute("aria-selected", "true");
            this.input.setAttribute("aria-activedescendant", option.id);
            if (option.scrollIntoView) {
                option.scrollIntoView({ block: "nearest" });
            }
        } else {
            this.active = -1;
            this.input.removeAttribute("aria-activedescendant");
        }
    };

    Combobox.prototype.move = function (step) {
        var count = this.options.length;
        if (!count) {
            return;
        }
        if (!this.isOpen()) {
            this.open();
            this.setActive(step > 0 ? 0 : count - 1);
            return;
        }
        if (this.active < 0) {
            this.setActive(step > 0 ? 0 : count - 1);
        } else {
            this.setActive((this.active + step + count) % count);
        }
    };

    Combobox.prototype.go = function (index) {
        var suggestion = this.suggestions[index];
        if (!suggestion) {
            return;
        }
        this.close();
        window.location.assign(suggestion.url);
    };

    Combobox.prototype.onClick = function (event) {
        var option = event.target.closest ? event.target.closest("[role=option]") : null;
        if (option && this.listbox.contains(option)) {
            this.go(Number(option.getAttribute("data-index")));
        }
    };

    Combobox.prototype.onKeydown = function (event) {
        if (event.isComposing || event.ctrlKey || event.metaKey) {
            return;
        }
        var upToDate = this.shownFor === normalise(this.input.value);
        switch (event.key) {
        case "ArrowDown":
        case "Down":
            if (!upToDate) {
                // A box filled by the page (or edited while closed): ask now, open on answer.
                if (!this.timer && !this.controller) {
                    this.onInput();
                }
                return;
            }
            event.preventDefault();
            if (event.altKey) {
                this.open();
            } else {
                this.move(1);
            }
            break;
        case "ArrowUp":
        case "Up":
            if (!upToDate || event.altKey) {
                return;
            }
            event.preventDefault();
            this.move(-1);
            break;
        case "Enter":
            if (this.isOpen() && this.active >= 0) {
                event.preventDefault();
                this.go(this.active);
            } else {
                this.close();  // and the form submits as usual
            }
            break;
        case "Escape":
        case "Esc":
            // Chromium clears a type=search box on Escape by itself: we decide instead.
            if (this.isOpen()) {
                event.preventDefault();
                this.close();
            } else if (this.input.value) {
                event.preventDefault();
                this.input.value = "";
                this.onInput();
            }
            break;
        case "Tab":
            this.close();
            break;
        case "ArrowLeft":
        case "ArrowRight":
        case "Left":
        case "Right":
        case "Home":
        case "End":
            this.setActive(-1);  // back to editing the text
            break;
        default:
            break;
        }
    };

    var comboboxes = [];
    document.querySelectorAll("input[data-autocomplete-url]").forEach(function (input) {
        if (input.form && document.getElementById(input.getAttribute("data-autocomplete-listbox"))
            && document.getElementById(input.getAttribute("data-autocomplete-status"))) {
            comboboxes.push(new Combobox(input));
        }
    });

    // Coming back with the Back button must not show a list left open on leaving.
    window.addEventListener("pageshow", function (event) {
        if (event.persisted) {
            comboboxes.forEach(function (combobox) {
                combobox.close();
            });
        }
    });
})();
