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

  // Live kind suggestion from the title and body (the importer's classifier), with its reason.
  const kindSelect = document.getElementById("kind");
  const suggestion = document.getElementById("kind-suggestion");
  const titleInput = document.getElementById("title");
  if (kindSelect && suggestion && titleInput) {
    const reason = suggestion.querySelector("span");
    const take = document.getElementById("take-kind");
    let suggested = null;
    const suggest = debounce(async () => {
      const bodyText = body ? body.value : "";
      if (!titleInput.value.trim() && !bodyText.trim()) { suggestion.hidden = true; return; }
      const params = new URLSearchParams({ title: titleInput.value.slice(0, 900), body: bodyText.slice(0, 900) });
      const response = await fetch("/admin/api/kind?" + params, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      suggested = data;
      const also = data.also.length ? ` (also ${data.also.join(", ")})` : "";
      reason.textContent = `Suggested: ${data.kind}${also} · “${data.rule}”`;
      take.hidden = data.kind === kindSelect.value;
      suggestion.hidden = false;
    }, 300);
    take.addEventListener("click", () => {
      if (!suggested) return;
      kindSelect.value = suggested.kind;
      document.querySelectorAll('#also input[name="also"]').forEach(box => {
        box.checked = suggested.also.includes(box.value);
      });
      take.hidden = true;
    });
    titleInput.addEventListener("input", suggest);
    if (body) body.addEventListener("input", suggest);
    kindSelect.addEventListener("change", () => { take.hidden = !suggested || suggested.kind === kindSelect.value; });
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
