// Progressive enhancement for the article table of contents: on wide screens, where the
// contents sit beside the article, mark the link of the section being read. Without this
// script the contents work as plain in-page links.
(function () {
    "use strict";
    var toc = document.querySelector(".toc");
    if (!toc || !("IntersectionObserver" in window)) {
        return;
    }
    var links = {};
    toc.querySelectorAll('a[href^="#"]').forEach(function (link) {
        links[decodeURIComponent(link.getAttribute("href").slice(1))] = link;
    });
    var current = null;
    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (!entry.isIntersecting) {
                return;
            }
            var link = links[entry.target.id];
            if (!link || link === current) {
                return;
            }
            if (current) {
                current.classList.remove("is-current");
                current.removeAttribute("aria-current");
            }
            link.classList.add("is-current");
            link.setAttribute("aria-current", "true");
            current = link;
        });
    }, { rootMargin: "0px 0px -70% 0px" });
    Object.keys(links).forEach(function (id) {
        var heading = document.getElementById(id);
        if (heading) {
            observer.observe(heading);
        }
    });
})();
