// Progressive enhancement for the public pages: they work without this file.
(function () {
  "use strict";
  // The time-zone select starts at the browser's own zone (the page works without this: the
  // site's zone is preselected).
  const zoneSelect = document.querySelector("select[data-browser-zone]");
  if (zoneSelect && !zoneSelect.closest("form").querySelector("[aria-invalid]")) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const option = zone && Array.from(zoneSelect.options).find(o => o.value === zone);
    if (option && zoneSelect.dataset.chosen !== "1") option.selected = true;
  }

  // Each instant in the viewer's own zone ("Your time").
  for (const el of document.querySelectorAll("time.local")) {
    const d = new Date(el.getAttribute("datetime"));
    if (!isNaN(d)) {
      // (dateStyle/timeStyle cannot be combined with timeZoneName: the fields are spelled out)
      el.textContent = d.toLocaleString(undefined, {
        year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
      });
    }
  }
})();
