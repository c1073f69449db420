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

  // Each instant in the viewer's own zone ("Your time"), in the style the server writes every
  // date: "17 Dec 2026, 00:59 CET" (English month abbreviations as on the rest of the page; the
  // zone's common abbreviation where there is one, else its offset as UTC+01:00).
  const zoneName = (d) => {
    for (const locale of ["en-US", "en-GB"]) {
      const part = new Intl.DateTimeFormat(locale, { timeZoneName: "short" })
        .formatToParts(d).find((p) => p.type === "timeZoneName");
      if (part && !/^(GMT|UTC)[+-]/.test(part.value)) return part.value === "GMT" && d.getTimezoneOffset() !== 0 ? null : part.value;
    }
    return null;
  };
  const pad = (n) => String(n).padStart(2, "0");
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  for (const el of document.querySelectorAll("time.local")) {
    const d = new Date(el.getAttribute("datetime"));
    if (isNaN(d)) continue;
    let zone = zoneName(d);
    if (!zone) {
      const offset = -d.getTimezoneOffset(), sign = offset < 0 ? "-" : "+", abs = Math.abs(offset);
      zone = offset === 0 ? "UTC" : `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    }
    el.textContent = `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())} ${zone}`;
  }
})();
