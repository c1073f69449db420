// Progressive enhancement for the admin forms: they work without this file.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content;

  function debounce(fn, ms) {
    let timer;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  // Live date preview: "6–12 May 2024 · day precision", or the engine's message.
  function previewFor(input) {
    const cell = input.closest("td");
    let target = cell ? cell.querySelector(".preview") : document.getElementById(input.id + "-preview");
    if (!target) return;
    const row = input.closest("tr");
    const part = (suffix) => row ? (row.querySelector(`input[name$="_${suffix}"]`)?.value || "") : "";
    const update = debounce(async () => {
      if (!input.value.trim()) { target.textContent = ""; return; }
      const params = new URLSearchParams({ text: input.value, time: part("time"), zone: part("zone"),
                                           role: input.dataset.datePreview });
      const ref = document.getElementById("item-form")?.dataset.ref;
      if (ref) params.set("ref", ref);  // an item's dates are read against its own reference date
      const response = await fetch("/admin/api/date?" + params, { headers: { Accept: "application/json" } });
      const data = await response.json();
      target.classList.toggle("bad", !data.ok);
      target.textContent = data.ok ? data.label : data.error;
    }, 150);
    input.addEventListener("input", update);
    if (row) row.querySelectorAll('input[name$="_time"], input[name$="_zone"]').forEach(i => i.addEventListener("input", update));
    update();
  }
  document.querySelectorAll("[data-date-preview]").forEach(previewFor);

  // Sanitised Markdown preview of the body.
  const body = document.querySelector("[data-markdown-preview]");
  const bodyPreview = document.getElementById("body-preview");
  if (body && bodyPreview && csrf) {
    const render = debounce(async () => {
      const form = new FormData(); form.append("body", body.value); form.append("csrf_token", csrf);
      const response = await fetch("/admin/api/markdown", { method: "POST", body: form });
      if (response.ok) bodyPreview.innerHTML = (await response.json()).html;  // sanitised server-side
    }, 300);
    body.addEventListener("input", render);
  }

  // More milestone rows without a round trip.
  const add = document.getElementById("add-milestone");
  const table = document.querySelector("#milestones tbody");
  const count = document.getElementById("milestone_count");
  if (add && table && count) {
    add.hidden = false;
    add.addEventListener("click", () => {
      const i = parseInt(count.value, 10);
      const row = table.rows[table.rows.length - 1].cloneNode(true);
      row.querySelectorAll("input").forEach(input => {
        input.name = input.name.replace(/^m\d+_/, `m${i}_`);
        input.value = "";
      });
      row.querySelectorAll(".preview").forEach(p => { p.textContent = ""; });
      table.appendChild(row);
      count.value = String(i + 1);
      row.querySelectorAll("[data-date-preview]").forEach(previewFor);
    });
  }
})();
