// Progressive enhancement for the public pages: they work without this file.
(function () {
  "use strict";
  // Each instant in the viewer's own zone ("Your time").
  for (const el of document.querySelectorAll("time.local")) {
    const d = new Date(el.getAttribute("datetime"));
    if (!isNaN(d)) {
      el.textContent = d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZoneName: "short" });
    }
  }
})();
