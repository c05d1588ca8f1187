// The browser's memory, read from Linux's /proc: the proportional set size (shared pages shared out
// fairly) summed over every process whose command line names `program` (Chromium's wrapper script
// starts /usr/lib/chromium/chromium: pass the program's name, not the wrapper's path).
import { readdirSync, readFileSync } from 'node:fs';

export function browserPssBytes(program) {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program)) continue;
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb * 1024;
}
