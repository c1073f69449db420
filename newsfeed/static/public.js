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

  // Countdowns from the instants the page carries, so a page built or cached a while ago stays
  // right ("in 3 days" becomes "tomorrow", then "now"); in a list of what is coming up, an event
  // that is over is hidden. The text the server wrote is what shows without JavaScript.
  const now = Date.now();
  for (const el of document.querySelectorAll(".countdown[data-starts]")) {
    const starts = Date.parse(el.dataset.starts), ends = Date.parse(el.dataset.ends);
    if (isNaN(starts) || isNaN(ends)) continue;
    const hours = Math.max(0, Math.ceil((starts - now) / 3600000));
    const days = Math.max(0, Math.ceil((starts - now) / 86400000));
    if (ends <= now) {
      el.textContent = "past";
      const row = el.closest("[data-upcoming] tr, [data-upcoming] li");
      if (row) row.hidden = true;
    } else if (starts <= now) el.textContent = "now";
    else if (hours < 24) el.textContent = `in ${hours} hour${hours === 1 ? "" : "s"}`;
    else if (days === 1) el.textContent = "tomorrow";
    else el.textContent = `in ${days} days`;
    el.classList.toggle("soon", starts > now && hours < 72);
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
