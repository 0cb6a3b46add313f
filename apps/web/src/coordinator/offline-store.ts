/**
 * The desk's own IndexedDB: the scans waiting to be sent (kept across reloads until the API has
 * answered each one) and the last copy of what the desk needs to work without network (parts,
 * roster). Plain IndexedDB: two object stores do not need a library.
 */
const DB_NAME = 'ttdn-desk';
const QUEUE = 'queued-scans';
const CACHE = 'cache';

/** A scan made while the network was down: sent later through the batch endpoint. */
export interface QueuedScan {
  /** Chosen on the device; the API answers a retry with the same nonce with its first answer. */
  nonce: string;
  sessionId: number;
  partId: number;
  code?: string;
  registrationId?: number;
  /** The device's time of the scan (ISO, with offset), judged against the part's window. */
  scannedAt: string;
  /** What the coordinator saw (a name for a manual check-in), for the waiting list on screen. */
  label?: string;
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'nonce' });
      if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('indexedDB'));
    };
  });
  return opening;
}

function run<T>(store: string, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction(store, mode);
        const request = act(transaction.objectStore(store));
        // Resolved when the transaction commits, so a write is on disk before the screen says so.
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error ?? new Error('indexedDB'));
        transaction.onabort = () => reject(transaction.error ?? new Error('indexedDB'));
      }),
  );
}

export const queueScan = (scan: QueuedScan) => run(QUEUE, 'readwrite', (s) => s.put(scan)).then(() => undefined);

export const queuedScans = (): Promise<QueuedScan[]> =>
  run(QUEUE, 'readonly', (s) => s.getAll() as IDBRequest<QueuedScan[]>);

export async function removeQueued(nonces: string[]): Promise<void> {
  if (nonces.length === 0) return;
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction(QUEUE, 'readwrite');
    for (const nonce of nonces) transaction.objectStore(QUEUE).delete(nonce);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('indexedDB'));
  });
}

export const cachePut = (key: string, value: unknown) =>
  run(CACHE, 'readwrite', (s) => s.put(value, key)).then(() => undefined);

export const cacheGet = <T>(key: string): Promise<T | undefined> =>
  run(CACHE, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);

/** A nonce unique to this device and scan (crypto.randomUUID needs a secure context; the fallback does not). */
export function newNonce(): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `desk-${random}`;
}
