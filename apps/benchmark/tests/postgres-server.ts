// Test helper: a throwaway PostgreSQL 15 server (Debian's postgresql package) for the SQL event
// stage's engine tests. initdb into a fresh temp directory, start on a free loopback port (no
// TCP beyond 127.0.0.1, unix socket in the temp directory), hand out `pg` clients, and always
// stop: `stop()` (call it in afterAll) and a process 'exit' hook both run `pg_ctl stop -m
// immediate` and remove the directory. initdb refuses to run as root, so under uid 0 every
// server command runs as the `postgres` system user (runuser) with the directory owned by it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = process.env.CLVLAB_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why no server can start here (no binaries), or null when one can. */
export function postgresUnavailable(): string | null {
  if (!existsSync(join(BIN, 'initdb')))
    return `no PostgreSQL binaries in ${BIN} (apt-get install postgresql, or set CLVLAB_PG_BIN)`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root and there is no postgres user to run the server as';
  return null;
}

export interface PostgresServer {
  readonly port: number;
  readonly dir: string;
  /** A connected client (the caller ends it, or stop() does). */
  connect(): Promise<pg.Client>;
  /** A file path the server process can read (for COPY … FROM 'file'). */
  serverFile(name: string, content: string): string;
  stop(): void;
}

/** A free TCP port on 127.0.0.1 (bound and released; the server binds it moments later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// pg returns BIGINT as text by default; the tests compare numbers.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** initdb + start; retries once on a port race. */
export async function startPostgres(): Promise<PostgresServer> {
  const why = postgresUnavailable();
  if (why) throw new Error(`postgres-server: ${why}`);
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-pg-'));
  const pgUid = root ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()) : -1;
  const pgGid = root ? Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()) : -1;
  if (root) chownSync(dir, pgUid, pgGid);
  chmodSync(dir, 0o700);
  const run = (cmd: string, args: string[]): void => {
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { encoding: 'utf8' })
      : spawnSync(join(BIN, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(
        `postgres-server: ${cmd} failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-3).join(' | ')}`,
      );
  };
  const data = join(dir, 'data');
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(data, 'postmaster.pid'))) {
      const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
      if (root) spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), ...args]);
      else spawnSync(join(BIN, 'pg_ctl'), args);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const options = [
        `-p ${port}`,
        '-c listen_addresses=127.0.0.1',
        `-k ${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_parallel_workers_per_gather=0',
        '-c work_mem=64MB',
        '-c shared_buffers=128MB',
      ].join(' ');
      try {
        run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
        break;
      } catch (err) {
        if (attempt >= 1) throw err;
      }
    }
    const clients: pg.Client[] = [];
    return {
      port,
      dir,
      async connect() {
        const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
        await client.connect();
        clients.push(client);
        return client;
      },
      serverFile(name, content) {
        const path = join(dir, name);
        writeFileSync(path, content);
        if (root) chownSync(path, pgUid, pgGid);
        return path;
      },
      stop() {
        for (const c of clients.splice(0)) c.end().catch(() => undefined);
        stop();
        process.removeListener('exit', stop);
      },
    };
  } catch (err) {
    stop();
    process.removeListener('exit', stop);
    throw err;
  }
}
