/**
 * Batch progress on stderr: a bar with ETA when stderr is a terminal, one plain line per document
 * otherwise (logs, CI). Only file names and counts are printed, never note text.
 */
export interface Progress {
  tick(name: string, ok: boolean): void;
  done(): void;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** One bar line: `[#####-----] 12/40  30%  ETA 1m05s  name` (pure, for tests). */
export function barLine(done: number, total: number, elapsedMs: number, name: string, width = 24): string {
  const frac = total ? done / total : 1;
  const filled = Math.round(frac * width);
  const eta = done > 0 && done < total ? `ETA ${formatDuration((elapsedMs / done) * (total - done))}` : done >= total ? `took ${formatDuration(elapsedMs)}` : 'ETA …';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${String(Math.round(frac * 100)).padStart(3)}%  ${eta}  ${name}`;
}

export function progress(total: number, write: (s: string) => void, tty: boolean, now: () => number = Date.now): Progress {
  const t0 = now();
  let k = 0;
  let cols = 0;
  return {
    tick(name, ok) {
      k++;
      if (tty) {
        const line = barLine(k, total, now() - t0, name).slice(0, Math.max(20, (process.stderr.columns ?? 100) - 1));
        write(`\r${line.padEnd(cols)}`);
        cols = line.length;
      } else {
        write(`[${k}/${total}] ${name}${ok ? '' : ' (failed)'}\n`);
      }
    },
    done() { if (tty && k > 0) write('\n'); },
  };
}
