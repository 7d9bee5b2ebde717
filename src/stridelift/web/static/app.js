/* Gym mode in the browser: log sets through the outbox (works offline), the rest timer (survives
   leaving the page: its end time is in localStorage), swapping to a substitute, and the offline cache. */
(function () {
  const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
  const status = (text) => { const el = document.getElementById("sync-status"); if (el) el.textContent = text; };
  const LB = 0.45359237;

  async function sync() {
    if (!("indexedDB" in window)) return;
    const left = await outboxFlush();
    status(left ? `${left} set${left > 1 ? "s" : ""} waiting to sync` : "");
  }

  /* ---- rest timer ---- */
  let ticker = null;
  function showTimer() {
    const end = Number(localStorage.getItem("restEnd") || 0);
    const box = document.getElementById("rest-timer");
    if (!box) return;
    const left = Math.ceil((end - Date.now()) / 1000);
    if (left <= 0) {
      box.hidden = true;
      if (ticker) { clearInterval(ticker); ticker = null; }
      if (end && localStorage.getItem("restBuzz") === String(end)) {
        localStorage.removeItem("restBuzz");
        if (navigator.vibrate) navigator.vibrate(300);
      }
      return;
    }
    box.hidden = false;
    document.getElementById("rest-left").textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    if (!ticker) ticker = setInterval(showTimer, 250);
  }
  function startRest(seconds) {
    if (!seconds) return;
    const end = Date.now() + seconds * 1000;
    localStorage.setItem("restEnd", String(end));
    localStorage.setItem("restBuzz", String(end));
    showTimer();
  }

  /* ---- logging a set ---- */
  async function logSet(button) {
    const row = button.closest(".set");
    const card = button.closest(".exercise-card");
    const gym = button.closest(".gym");
    const num = (sel) => { const el = row.querySelector(sel); return el && el.value !== "" ? Number(el.value) : null; };
    const load = num(".load");
    const id = row.dataset.uuid || crypto.randomUUID();
    row.dataset.uuid = id; // pressing again re-sends the same set, never a second one
    const body = {
      client_uuid: id,
      session_key: gym.dataset.sessionKey,
      exercise_id: card.dataset.exerciseId,
      set_index: Number(row.dataset.setIndex),
      reps: num(".reps"),
      seconds: num(".seconds"),
      load_kg: load === null ? null : (gym.dataset.units === "lb" ? load * LB : load),
      rpe: num(".rpe"),
      rir: num(".rir") === null ? null : Math.round(num(".rir")),
      performed_at: new Date().toISOString(),
    };
    await outboxPut({ client_uuid: id, body, csrf: csrf() });
    row.classList.add("done");
    button.textContent = "Logged";
    startRest(Number(card.dataset.rest || 0));
    if ("serviceWorker" in navigator && "SyncManager" in window) {
      try { (await navigator.serviceWorker.ready).sync.register("sets"); } catch (e) { /* not granted */ }
    }
    sync();
  }

  /* ---- offline cache of this week's sessions ---- */
  async function cacheWeek() {
    if (!("caches" in window) || !navigator.onLine) return;
    const now = new Date();
    const monday = new Date(now); monday.setDate(now.getDate() - ((now.getDay() + 6) % 7));
    const sunday = new Date(monday); sunday.setDate(monday.getDate() + 6);
    const iso = (d) => d.toISOString().slice(0, 10);
    try {
      const res = await fetch(`/api/v1/sessions?start=${iso(monday)}&end=${iso(sunday)}`, { credentials: "same-origin" });
      if (!res.ok) return;
      const urls = ["/today", ...(await res.json()).map((s) => `/sessions/${s.key}`)];
      const cache = await caches.open("stridelift-pages");
      await Promise.all(urls.map(async (u) => { const r = await fetch(u, { credentials: "same-origin" }); if (r.ok) await cache.put(u, r); }));
    } catch (e) { /* offline */ }
  }

  document.addEventListener("click", (ev) => {
    const b = ev.target.closest(".log-set");
    if (b) logSet(b);
    if (ev.target.id === "rest-stop") { localStorage.removeItem("restEnd"); showTimer(); }
  });
  document.addEventListener("change", (ev) => {
    const sel = ev.target.closest(".swap-select");
    if (!sel) return;
    const card = sel.closest(".exercise-card");
    card.dataset.exerciseId = sel.value;
    card.querySelector(".ex-name").textContent = sel.selectedOptions[0].dataset.name;
  });
  // RPE or reps in reserve: typing one clears the pre-filled other, so the set says what was felt
  document.addEventListener("input", (ev) => {
    const el = ev.target;
    if (!el.classList || el.value === "" || !(el.classList.contains("rpe") || el.classList.contains("rir"))) return;
    const other = el.closest(".set").querySelector(el.classList.contains("rpe") ? ".rir" : ".rpe");
    if (other) other.value = "";
  });
  window.addEventListener("online", sync);
  window.addEventListener("storage", (ev) => { if (ev.key === "restEnd") showTimer(); });
  document.addEventListener("DOMContentLoaded", () => {
    showTimer();
    sync();
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(() => cacheWeek()).catch(() => {});
    }
  });
})();
