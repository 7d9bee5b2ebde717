/* Logged sets wait in IndexedDB (the "outbox") until the server has them; each carries the
   client-made UUID, so sending one twice stores it once. Shared by the page and the service worker. */
const OUTBOX_DB = "stridelift";
const OUTBOX = "outbox";

function outboxOpen() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(OUTBOX_DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(OUTBOX, { keyPath: "client_uuid" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function outboxDo(mode, fn) {
  const db = await outboxOpen();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(OUTBOX, mode);
    const result = fn(tx.objectStore(OUTBOX));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

const outboxPut = (record) => outboxDo("readwrite", (s) => s.put(record));
const outboxAll = () => outboxDo("readonly", (s) => s.getAll());
const outboxDelete = (id) => outboxDo("readwrite", (s) => s.delete(id));

let outboxFlushing = null;

/* Send every waiting set; keep those the network or server could not take. Returns sets still waiting. */
function outboxFlush() {
  if (outboxFlushing) return outboxFlushing;
  outboxFlushing = (async () => {
    for (const rec of await outboxAll()) {
      let res;
      try {
        res = await fetch("/api/v1/sets", {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            "X-CSRF-Token": rec.csrf || "",
            "Idempotency-Key": rec.client_uuid,
          },
          body: JSON.stringify(rec.body),
        });
      } catch (e) {
        break; // offline: try again later
      }
      if (res.ok || res.status === 422 || res.status === 404) {
        await outboxDelete(rec.client_uuid); // stored, or a set the server can never take
      } else {
        break; // signed out or server trouble: keep it
      }
    }
    return (await outboxAll()).length;
  })().finally(() => { outboxFlushing = null; });
  return outboxFlushing;
}
