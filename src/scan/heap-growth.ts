// How far a command-line scan lets V8's heap grow past what survived its last full collection.
import * as v8 from 'node:v8';

/*
 * Why: V8 sets the next full collection's threshold at a multiple of the heap that survived the last one,
 * and with a fast-allocating program (a parser) that multiple grows towards 4. A whole-repository scan
 * allocates a few hundred MB of trees per large file and keeps little of it (imported trees up to the
 * scan's cache bound), so the process's peak RSS was mostly garbage not yet collected: 1.96 GB on the
 * bench corpus's agent part, where the same scan under a 700 MB heap cap still finished, at 0.82 GB.
 * A fixed factor of 2 collects earlier and, paired on the bench corpus's agent part (--jobs 1), peaked at
 * 1.16 GB instead of 1.98 GB for the same processor time (64.9 s against 64.2 s, user and system); a
 * factor of 1.5 peaked at 0.96 GB but took a tenth more processor time, 1.2 at 0.82 GB a fifth more.
 * The whole corpus, paired: 1.94 GB -> 1.21 GB, 76.4 s -> 77.0 s of processor time, the same results.
 * Process-wide and process-lifetime: only the CLI's scan sets it, never the language server, whose editor
 * lints share its process and are timed per keystroke.
 */
export const SCAN_HEAP_GROWING_PERCENT = 100;

let applied = false;

/** Sets the scan's heap growing factor for this process and the worker threads it starts after the call. */
export function boundHeapGrowth(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString(`--heap-growing-percent=${SCAN_HEAP_GROWING_PERCENT}`);
}
