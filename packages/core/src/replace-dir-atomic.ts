// Directory outputs (Zarr stores, saved models) are built whole in a sibling temporary
// directory and then swapped in with renames, so a reader sees the old directory or the
// complete new one, never a half-written store; a build that throws leaves the target as it
// was and removes its temporary directory. (Two renames, not one: POSIX cannot rename a
// directory over a non-empty one, so the old one is moved aside first and removed after.)
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Builds `path` atomically: `fill(tmp)` writes the directory at `tmp`, which then replaces `path`. */
export async function replaceDirAtomic(path: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`,
    old = `${path}.old-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(dirname(path), { recursive: true });
  await mkdir(tmp);
  try {
    await fill(tmp);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) await rename(path, old);
  await rename(tmp, path);
  if (exists) await rm(old, { recursive: true, force: true });
}
