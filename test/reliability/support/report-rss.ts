// Preloaded into a CLI child process (`node -r`) to print its peak resident memory on exit, for the memory-bound tests.
process.on('exit', () => {
  // resourceUsage().maxRSS is in kilobytes; a marker line keeps it apart from the CLI's own stderr.
  process.stderr.write(`\nagent-risk-test-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
