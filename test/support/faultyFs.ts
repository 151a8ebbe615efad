/**
 * The real file system with faults injected, for the store's fault suite:
 * - `crashAt: n`: the process kills itself with SIGKILL at the n-th file system call (1-based),
 *   as `kill -9` would at that point. A write there first writes a random part of its bytes,
 *   as a kill in the middle of a write leaves.
 * - `diskBytes`: the disk takes this many more bytes; a write beyond it writes what fits and
 *   returns short, and the next write fails with ENOSPC, as Linux does on a full file system.
 *   `free(bytes)` makes room again.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { StoreFileSystem } from '../../src/adapters/fileStore';

export interface FaultPlan {
  crashAt?: number;
  diskBytes?: number;
  /** For a crash mid-write: which share of the bytes lands, in [0, 1). */
  random?: () => number;
}

export interface FaultyFileSystem extends StoreFileSystem {
  /** File system calls made so far. */
  readonly calls: number;
  /** Calls by name, for tests that check a fault happened where they meant it. */
  readonly names: string[];
  free(bytes: number): void;
  readonly enospc: number;
}

function enospc(): NodeJS.ErrnoException {
  const e = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
  e.code = 'ENOSPC';
  e.errno = -28;
  return e;
}

export function faultyFileSystem(plan: FaultPlan = {}): FaultyFileSystem {
  let calls = 0;
  let room = plan.diskBytes ?? Number.POSITIVE_INFINITY;
  let refused = 0;
  const names: string[] = [];
  const random = plan.random ?? Math.random;

  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    for (;;) {
      // SIGKILL is delivered before this loop could let anything else run.
    }
  };
  /** Counts a call; true when this is the call to crash at. */
  const tick = (name: string): boolean => {
    calls++;
    names.push(name);
    return plan.crashAt === calls;
  };
  /** How many of `n` bytes the disk takes now. */
  const take = (n: number): number => {
    const k = Math.min(n, room);
    room -= k;
    return k;
  };

  const sync: StoreFileSystem['sync'] = {
    openSync: ((...args: Parameters<typeof fs.openSync>) => {
      if (tick('openSync')) die();
      return fs.openSync(...args);
    }) as typeof fs.openSync,
    fstatSync: ((...args: Parameters<typeof fs.fstatSync>) => {
      if (tick('fstatSync')) die();
      return fs.fstatSync(...args);
    }) as typeof fs.fstatSync,
    writeSync: ((fd: number, buffer: Uint8Array, offsetArg?: number | null, lengthArg?: number | null) => {
      const offset = offsetArg ?? 0;
      const length = lengthArg ?? buffer.length - offset;
      if (tick('writeSync')) {
        fs.writeSync(fd, buffer, offset, Math.floor(random() * length));
        die();
      }
      if (room === 0) {
        refused++;
        throw enospc();
      }
      return fs.writeSync(fd, buffer, offset, take(length));
    }) as typeof fs.writeSync,
    ftruncateSync: ((...args: Parameters<typeof fs.ftruncateSync>) => {
      if (tick('ftruncateSync')) die();
      const before = fs.fstatSync(args[0]).size;
      fs.ftruncateSync(...args);
      room += Math.max(0, before - (args[1] ?? 0));
    }) as typeof fs.ftruncateSync,
    closeSync: ((fd: number) => {
      if (tick('closeSync')) die();
      fs.closeSync(fd);
    }) as typeof fs.closeSync,
    mkdirSync: ((...args: Parameters<typeof fs.mkdirSync>) => {
      if (tick('mkdirSync')) die();
      return fs.mkdirSync(...args);
    }) as typeof fs.mkdirSync,
  };

  const wrapHandle = (handle: fsp.FileHandle): fsp.FileHandle => {
    const h = handle as unknown as Record<string, unknown>;
    for (const name of ['stat', 'read', 'sync', 'close'] as const) {
      const original = (handle[name] as (...a: unknown[]) => Promise<unknown>).bind(handle);
      h[name] = async (...a: unknown[]) => {
        if (tick(`handle.${name}`)) die();
        return original(...a);
      };
    }
    h.writeFile = async (data: string) => {
      const bytes = Buffer.from(data, 'utf8');
      if (tick('handle.writeFile')) {
        await handle.write(bytes, 0, Math.floor(random() * bytes.length));
        die();
      }
      const k = take(bytes.length);
      if (k > 0) await handle.write(bytes, 0, k);
      if (k < bytes.length) {
        refused++;
        throw enospc();
      }
    };
    return handle;
  };

  const promises: StoreFileSystem['promises'] = {
    open: (async (...args: Parameters<typeof fsp.open>) => {
      if (tick('open')) die();
      return wrapHandle(await fsp.open(...args));
    }) as typeof fsp.open,
    readFile: (async (...args: Parameters<typeof fsp.readFile>) => {
      if (tick('readFile')) die();
      return fsp.readFile(...args);
    }) as typeof fsp.readFile,
    readdir: (async (...args: Parameters<typeof fsp.readdir>) => {
      if (tick('readdir')) die();
      return fsp.readdir(...args);
    }) as typeof fsp.readdir,
    stat: (async (...args: Parameters<typeof fsp.stat>) => {
      if (tick('stat')) die();
      return fsp.stat(...args);
    }) as typeof fsp.stat,
    rename: async (...args: Parameters<typeof fsp.rename>) => {
      if (tick('rename')) die();
      return fsp.rename(...args);
    },
    rm: async (...args: Parameters<typeof fsp.rm>) => {
      if (tick('rm')) die();
      return fsp.rm(...args);
    },
    link: async (...args: Parameters<typeof fsp.link>) => {
      if (tick('link')) die();
      return fsp.link(...args);
    },
    writeFile: (async (file: string, data: string, options?: fs.WriteFileOptions) => {
      const bytes = Buffer.from(data, 'utf8');
      if (tick('writeFile')) {
        await fsp.writeFile(file, bytes.subarray(0, Math.floor(random() * bytes.length)), options as fs.WriteFileOptions);
        die();
      }
      const k = take(bytes.length);
      await fsp.writeFile(file, bytes.subarray(0, k), options as fs.WriteFileOptions);
      if (k < bytes.length) {
        refused++;
        throw enospc();
      }
    }) as typeof fsp.writeFile,
    mkdir: (async (...args: Parameters<typeof fsp.mkdir>) => {
      if (tick('mkdir')) die();
      return fsp.mkdir(...args);
    }) as typeof fsp.mkdir,
  };

  return {
    sync,
    promises,
    get calls() {
      return calls;
    },
    names,
    free(bytes: number) {
      room = room === Number.POSITIVE_INFINITY ? room : room + bytes;
    },
    get enospc() {
      return refused;
    },
  };
}
