// Reports, baselines and caches are written by rename, except into a device or pipe the user names.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileReplacing } from '../../src/scan/write-file';

describe('write-file: replacing writes', () => {
  it('leaves /dev/null a device when a report is written there (--output /dev/null)', function () {
    if (process.platform === 'win32' || !fs.existsSync('/dev/null')) this.skip();
    writeFileReplacing('/dev/null', '{"findings":[]}\n');
    assert.equal(fs.lstatSync('/dev/null').isCharacterDevice(), true);
  });

  it('replaces a symlink planted at the report path instead of writing through it', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-write-'));
    try {
      const target = path.join(dir, 'victim.txt');
      fs.writeFileSync(target, 'keep');
      const report = path.join(dir, 'report.sarif');
      try {
        fs.symlinkSync(target, report);
      } catch {
        this.skip(); // No symlink permission on this platform.
      }
      writeFileReplacing(report, 'report');
      assert.equal(fs.readFileSync(target, 'utf8'), 'keep');
      assert.equal(fs.lstatSync(report).isSymbolicLink(), false);
      assert.equal(fs.readFileSync(report, 'utf8'), 'report');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
