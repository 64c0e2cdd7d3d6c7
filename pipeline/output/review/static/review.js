// Review pages of a plans run: sortable tables on the index; on a document page, a task and
// its cells on the page image light up together. Vanilla, no network, works from file://.
(() => {
  "use strict";

  // The sticky page images and table headers sit below the top bar, whose height depends on
  // how its line wraps at this window's width.
  const bar = document.querySelector(".bar");
  const fitBar = () => document.documentElement.style.setProperty("--bar-h", `${bar.offsetHeight}px`);
  if (bar) {
    fitBar();
    window.addEventListener("resize", fitBar);
  }

  // --- sortable tables (index) -------------------------------------------------------------
  const sortValue = (row, i) => {
    const cell = row.cells[i];
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  };

  function sortTable(table, th, i) {
    const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    table.querySelectorAll("th[aria-sort]").forEach((h) => h.setAttribute("aria-sort", "none"));
    th.setAttribute("aria-sort", dir);
    const numeric = th.querySelector("button").dataset.type === "number";
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = sortValue(a, i);
      const y = sortValue(b, i);
      // Empty numbers (a failed document's pages) sort below every real value.
      const d = numeric ? (x === "" ? -1 : +x) - (y === "" ? -1 : +y) : x.localeCompare(y, "vi");
      return dir === "ascending" ? d : -d;
    });
    body.append(...rows);
  }

  document.querySelectorAll("table.sortable").forEach((table) => {
    Array.from(table.tHead.rows[0].cells).forEach((th, i) => {
      const button = th.querySelector("button");
      if (button) button.addEventListener("click", () => sortTable(table, th, i));
    });
  });

  // --- document page -----------------------------------------------------------------------
  const dataBlock = document.getElementById("review-data");
  if (!dataBlock) return;
  const data = JSON.parse(dataBlock.textContent);
  const smooth = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";

  function clear() {
    document.querySelectorAll(".highlight").forEach((el) => el.classList.remove("highlight"));
    document.querySelectorAll("tr.task[aria-current]").forEach((r) => r.removeAttribute("aria-current"));
  }

  // Lights the task's row and its cells on every page it spans (two for a split row), and
  // scrolls to the first cell, or to the row when the click came from the page.
  function select(seq, fromPage = false) {
    clear();
    if (!data.tasks[seq]) return;
    const cells = document.querySelectorAll(`rect.tcell[data-seq="${seq}"]`);
    cells.forEach((c) => c.classList.add("highlight"));
    document.querySelectorAll(`tr[data-seq="${seq}"]`).forEach((r) => r.classList.add("highlight"));
    const row = document.getElementById(`task-${seq}`);
    if (row) row.setAttribute("aria-current", "true");
    history.replaceState(null, "", `#task-${seq}`);
    const target = fromPage ? row : cells[0] || row;
    if (target) target.scrollIntoView({ block: "center", behavior: smooth });
  }

  function showProvenance(field) {
    clear();
    const box = document.querySelector(`rect.prov[data-field="${CSS.escape(field)}"]`);
    if (!box) return;
    box.classList.add("highlight");
    box.scrollIntoView({ block: "center", behavior: smooth });
  }

  // j/k walk the tasks that are shown (the review filter may hide some).
  function step(by) {
    const rows = Array.from(document.querySelectorAll("tr.task")).filter((r) => r.offsetParent !== null);
    if (!rows.length) return;
    const at = rows.findIndex((r) => r.hasAttribute("aria-current"));
    const next = rows[Math.min(Math.max(at + by, 0), rows.length - 1)];
    next.focus({ preventScroll: true });
    select(next.dataset.seq);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.prov-link");
    if (link) {
      if (document.querySelector(`rect.prov[data-field="${CSS.escape(link.dataset.field)}"]`)) {
        event.preventDefault();
        showProvenance(link.dataset.field);
      }
      return;
    }
    if (event.target.closest("a")) return;
    const row = event.target.closest("tr.task, tr.task-cont");
    if (row) return select(row.dataset.seq);
    const cell = event.target.closest("rect.tcell");
    if (cell) select(cell.dataset.seq, true);
  });

  document.addEventListener("keydown", (event) => {
    if (event.target.matches("input, textarea, select, button") || event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "Enter" || event.key === " ") && event.target.matches("tr.task")) {
      event.preventDefault();
      select(event.target.dataset.seq);
    } else if (event.key === "j" || event.key === "k") {
      step(event.key === "j" ? 1 : -1);
    } else if (event.key === "Escape") {
      clear();
    }
  });

  document.querySelectorAll("input[data-layer]").forEach((box) => {
    const apply = () => document.body.classList.toggle(`hide-${box.dataset.layer}`, !box.checked);
    box.addEventListener("change", apply);
    apply();
  });
  const onlyReview = document.getElementById("only-review");
  const applyFilter = () => document.body.classList.toggle("only-review", onlyReview.checked);
  onlyReview.addEventListener("change", applyFilter);
  applyFilter();

  // A link to "<doc>.html#task-12" opens with task 12 lit.
  const wanted = /^#task-(\d+)$/.exec(location.hash);
  if (wanted) select(wanted[1]);
})();
