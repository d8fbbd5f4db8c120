// Preloaded into every whole-process row (`node -r`): writes the process's peak RSS to the file named by BENCH_RSS_FILE.
import * as fs from 'node:fs';

const target = process.env['BENCH_RSS_FILE'];
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes and covers worker threads, which share the process.
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
