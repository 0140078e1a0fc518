/**
 * The demo's file storage: bytes addressed by their SHA-256 (never by a client-given name) under one
 * directory, STORAGE_DIR (default DATA_DIR/files). Several processes, and several machines sharing
 * that directory (NFS, a mounted volume), may write at once: a file is written to a temporary name
 * and renamed, so a reader sees all of it or nothing, and the same bytes always land at the same path.
 *
 * A request writes its files through a batch (asynchronously: other requests go on meanwhile): they are on disk before the rows that point at them
 * (a crash loses nothing), and when the rows are not written the batch removes the files it created
 * that nothing else holds or references (a refused order leaves none behind).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SHA_RE = /^[0-9a-f]{64}$/;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** referenced(sha) → Promise<boolean>: whether a stored row points at the file (then abort keeps it). */
export function openFiles(dir, referenced) {
  mkdirSync(dir, { recursive: true });
  const pathOf = (sha) => join(dir, sha.slice(0, 2), sha);

  /** Writes bytes once under their SHA-256 (atomically: temp file, then rename). Returns the hash. */
  function put(bytes) {
    const sha = sha256(bytes);
    const path = pathOf(sha);
    if (!existsSync(path)) {
      mkdirSync(join(dir, sha.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    }
    return sha;
  }
  /** put, without holding up the event loop while the bytes go to disk; sha: their hash when known. */
  async function putAsync(bytes, sha = sha256(bytes)) {
    const path = pathOf(sha);
    if (!existsSync(path)) {
      await mkdir(join(dir, sha.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    }
    return sha;
  }
  function get(sha) {
    if (typeof sha !== 'string' || !SHA_RE.test(sha)) return undefined;
    const path = pathOf(sha);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  /** sha → how many unfinished batches hold it: a file one request needs is never removed by another's abort. */
  const held = new Map();
  /** A request's files: put(bytes) writes them; after the rows commit, done(); on any failure, await abort(). */
  function batch() {
    const created = new Set();
    const mine = [];
    let open = true;
    const release = () => {
      for (const sha of mine) {
        const n = held.get(sha) - 1;
        if (n > 0) held.set(sha, n);
        else held.delete(sha);
      }
      open = false;
    };
    return {
      /**
       * → Promise of the bytes' SHA-256, once they are on disk. `known`: their SHA-256 when verifyOrder
       * has just checked it against these very bytes (intake), so they are not hashed a second time.
       */
      async put(bytes, known) {
        if (!open) throw new Error('this file batch is finished');
        const sha = known !== undefined && SHA_RE.test(known) ? known : sha256(bytes);
        held.set(sha, (held.get(sha) ?? 0) + 1);
        mine.push(sha);
        if (!existsSync(pathOf(sha))) {
          created.add(sha);
          await putAsync(bytes, sha);
        }
        return sha;
      },
      done() {
        if (open) release();
      },
      async abort() {
        if (!open) return;
        release();
        for (const sha of created) if (!held.has(sha) && !(await referenced(sha))) unlinkSync(pathOf(sha));
      },
    };
  }
  return { dir, put, get, batch };
}
