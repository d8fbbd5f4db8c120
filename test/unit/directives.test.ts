// Suppression directives, through lintText: what they hide, what they keep, and what they report about themselves.
import * as assert from 'node:assert/strict';
import {
  defaultConfig,
  lintText,
  mergeConfig,
  type Finding,
  type LintResult,
  type ResolvedConfig,
} from '../../src/engine/index';

const FILE = 'src/agent/tools.ts';

function lint(text: string, config: ResolvedConfig = defaultConfig()): LintResult {
  return lintText(text, FILE, config);
}

function ofRule(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

/** 1-based line of the only line containing `needle`, so expectations follow the text instead of counting by hand. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  assert.equal(hits.length, 1, `expected exactly one line containing ${JSON.stringify(needle)}`);
  return hits[0] ?? 0;
}

/** 0-based column where `needle` starts on its line. */
function columnOf(text: string, needle: string): number {
  const line = text.split('\n')[lineOf(text, needle) - 1] ?? '';
  return line.indexOf(needle);
}

function only(findings: readonly Finding[], what: string): Finding {
  assert.equal(
    findings.length,
    1,
    `expected one ${what}, got ${findings.length}: ${findings.map((f) => f.message).join(' | ')}`,
  );
  const [finding] = findings;
  assert.ok(finding);
  return finding;
}

const UNSUPPRESSED = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    const res = await fetch(url);
    return res.text();
  },
});
`;

describe('suppression directives', () => {
  it('the unsuppressed tool reports unscoped-network at the fetch, so the cases below start from a real finding', () => {
    const finding = only(ofRule(lint(UNSUPPRESSED).findings, 'unscoped-network'), 'unscoped-network finding');
    assert.equal(finding.range.start.line, lineOf(UNSUPPRESSED, 'fetch(url)'));
  });

  describe('agent-risk-disable-next-line', () => {
    it('moves the finding on the next line into `suppressed`, with its justification', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-network -- all egress goes through the filtering proxy
    const res = await fetch(url);
    return res.text();
  },
});
`;
      const result = lint(text);
      assert.deepEqual(ofRule(result.findings, 'unscoped-network'), []);
      const suppressed = only(ofRule(result.suppressed, 'unscoped-network'), 'suppressed unscoped-network finding');
      assert.equal(suppressed.range.start.line, lineOf(text, 'fetch(url)'));
      assert.equal(suppressed.suppression?.kind, 'next-line');
      assert.equal(suppressed.suppression?.justification, 'all egress goes through the filtering proxy');
      assert.equal(suppressed.suppression?.honoured, true);
      assert.equal(suppressed.suppression?.range.start.line, lineOf(text, 'agent-risk-disable-next-line'));
      assert.deepEqual(ofRule(result.findings, 'unused-suppression'), []);
      assert.deepEqual(ofRule(result.findings, 'missing-suppression-reason'), []);
    });

    it('does not reach past the next line', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-network -- all egress goes through the filtering proxy
    const started = Date.now();
    const res = await fetch(url);
    return { body: await res.text(), ms: Date.now() - started };
  },
});
`;
      const result = lint(text);
      const finding = only(ofRule(result.findings, 'unscoped-network'), 'unscoped-network finding');
      assert.equal(finding.range.start.line, lineOf(text, 'fetch(url)'));
      assert.deepEqual(ofRule(result.suppressed, 'unscoped-network'), []);
      const unused = only(ofRule(result.findings, 'unused-suppression'), 'unused-suppression finding');
      assert.equal(unused.range.start.line, lineOf(text, 'agent-risk-disable-next-line'));
    });

    it('suppresses only the rules it names', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-filesystem -- names the wrong rule
    const res = await fetch(url);
    return res.text();
  },
});
`;
      const result = lint(text);
      only(ofRule(result.findings, 'unscoped-network'), 'unscoped-network finding');
      const unused = only(ofRule(result.findings, 'unused-suppression'), 'unused-suppression finding');
      assert.equal(unused.range.start.line, lineOf(text, 'agent-risk-disable-next-line'));
      assert.match(unused.message, /unscoped-filesystem/);
    });

    it('suppresses every rule of a comma-separated list', () => {
      const text = `import { tool } from 'ai';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const uploadFile = tool({
  description: 'Upload a local file to a URL',
  inputSchema: z.object({ file: z.string(), url: z.string() }),
  execute: async ({ file, url }) => {
    // agent-risk-disable-next-line unscoped-network, unscoped-filesystem -- runs in a sandbox with no secrets
    const res = await fetch(url, { method: 'PUT', body: await readFile(file) });
    return res.status;
  },
});
`;
      const result = lint(text);
      const sinkLine = lineOf(text, 'fetch(url');
      assert.deepEqual(ofRule(result.findings, 'unscoped-network'), []);
      assert.deepEqual(ofRule(result.findings, 'unscoped-filesystem'), []);
      assert.equal(
        only(ofRule(result.suppressed, 'unscoped-network'), 'suppressed network finding').range.start.line,
        sinkLine,
      );
      assert.equal(
        only(ofRule(result.suppressed, 'unscoped-filesystem'), 'suppressed filesystem finding').range.start.line,
        sinkLine,
      );
      assert.deepEqual(ofRule(result.findings, 'unused-suppression'), []);
    });

    it('reports the rule of a list that suppresses nothing, and still suppresses the others', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-network, unscoped-process -- copied from another tool
    const res = await fetch(url);
    return res.text();
  },
});
`;
      const result = lint(text);
      assert.deepEqual(ofRule(result.findings, 'unscoped-network'), []);
      only(ofRule(result.suppressed, 'unscoped-network'), 'suppressed network finding');
      const unused = only(ofRule(result.findings, 'unused-suppression'), 'unused-suppression finding');
      assert.match(unused.message, /unscoped-process/);
      assert.doesNotMatch(unused.message, /unscoped-network/);
    });

    it('suppresses missing-audit-hook where it is reported, at the tool name', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

// agent-risk-disable-next-line missing-audit-hook -- the gateway logs every outbound request
export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    const res = await fetch(url);
    return res.text();
  },
});
`;
      const result = lint(text);
      assert.deepEqual(ofRule(result.findings, 'missing-audit-hook'), []);
      const suppressed = only(ofRule(result.suppressed, 'missing-audit-hook'), 'suppressed missing-audit-hook finding');
      assert.equal(suppressed.range.start.line, lineOf(text, 'export const fetchPage'));
      only(ofRule(result.findings, 'unscoped-network'), 'unscoped-network finding');
    });
  });

  describe('agent-risk-disable (whole file)', () => {
    it('suppresses every finding of the named rule in the file and leaves other rules reported', () => {
      const text = `/* agent-risk-disable unscoped-network -- internal crawler; the network policy limits egress */
import { tool } from 'ai';
import { z } from 'zod';

export const fetchHtml = tool({
  description: 'Fetch HTML',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => (await fetch(url)).text(),
});

export const fetchHeaders = tool({
  description: 'Fetch headers',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => [...(await fetch(url, { method: 'HEAD' })).headers],
});
`;
      const result = lint(text);
      assert.deepEqual(ofRule(result.findings, 'unscoped-network'), []);
      const suppressed = ofRule(result.suppressed, 'unscoped-network');
      assert.equal(suppressed.length, 2);
      for (const finding of suppressed) {
        assert.equal(finding.suppression?.kind, 'file');
        assert.equal(finding.suppression?.justification, 'internal crawler; the network policy limits egress');
        assert.equal(finding.suppression?.range.start.line, 1);
      }
      assert.equal(ofRule(result.findings, 'missing-audit-hook').length, 2);
      assert.deepEqual(ofRule(result.findings, 'unused-suppression'), []);
    });

    it('is reported when the file has nothing for it to suppress', () => {
      const text = `/* agent-risk-disable unscoped-process -- this server used to shell out to git */
import { tool } from 'ai';
import { z } from 'zod';

export const add = tool({
  description: 'Add two numbers',
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: async ({ a, b }) => a + b,
});
`;
      const unused = only(ofRule(lint(text).findings, 'unused-suppression'), 'unused-suppression finding');
      assert.equal(unused.range.start.line, 1);
      assert.equal(unused.range.start.column, 0);
    });
  });

  describe('missing-suppression-reason', () => {
    const NO_REASON = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-network
    const res = await fetch(url);
    return res.text();
  },
});
`;

    it('still suppresses, with an empty justification, and reports a hint at the directive', () => {
      const result = lint(NO_REASON);
      assert.deepEqual(ofRule(result.findings, 'unscoped-network'), []);
      const suppressed = only(ofRule(result.suppressed, 'unscoped-network'), 'suppressed unscoped-network finding');
      assert.equal(suppressed.suppression?.justification, '');
      const hint = only(ofRule(result.findings, 'missing-suppression-reason'), 'missing-suppression-reason finding');
      assert.equal(hint.severity, 'warning');
      assert.equal(hint.range.start.line, lineOf(NO_REASON, 'agent-risk-disable-next-line'));
      assert.equal(hint.range.start.column, columnOf(NO_REASON, '// agent-risk-disable-next-line'));
      assert.equal(hint.tool, undefined);
      assert.equal(hint.docPath, 'rules/missing-suppression-reason.md');
      assert.deepEqual(ofRule(result.findings, 'unused-suppression'), []);
    });

    it('treats a separator with nothing after it as no reason', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-network --
    const res = await fetch(url);
    return res.text();
  },
});
`;
      const result = lint(text);
      only(ofRule(result.findings, 'missing-suppression-reason'), 'missing-suppression-reason finding');
      assert.equal(
        only(ofRule(result.suppressed, 'unscoped-network'), 'suppressed finding').suppression?.justification,
        '',
      );
    });

    it('keeps everything after the first separator as the reason', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-network -- egress proxy -- see docs/adr/0007-egress.md
    const res = await fetch(url);
    return res.text();
  },
});
`;
      const result = lint(text);
      assert.deepEqual(ofRule(result.findings, 'missing-suppression-reason'), []);
      const suppressed = only(ofRule(result.suppressed, 'unscoped-network'), 'suppressed finding');
      assert.equal(suppressed.suppression?.justification, 'egress proxy -- see docs/adr/0007-egress.md');
    });

    it('reports a whole-file directive without a reason', () => {
      const text = `/* agent-risk-disable unscoped-network */
import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => (await fetch(url)).text(),
});
`;
      const result = lint(text);
      const hint = only(ofRule(result.findings, 'missing-suppression-reason'), 'missing-suppression-reason finding');
      assert.equal(hint.range.start.line, 1);
      assert.equal(only(ofRule(result.suppressed, 'unscoped-network'), 'suppressed finding').suppression?.kind, 'file');
    });

    it('follows the configured severity, and is silent when turned off', () => {
      const warning = lint(
        NO_REASON,
        mergeConfig(defaultConfig(), { rules: [['missing-suppression-reason', 'warning']] }),
      );
      assert.equal(only(ofRule(warning.findings, 'missing-suppression-reason'), 'finding').severity, 'warning');
      const off = lint(NO_REASON, mergeConfig(defaultConfig(), { rules: [['missing-suppression-reason', 'off']] }));
      assert.deepEqual(ofRule(off.findings, 'missing-suppression-reason'), []);
      assert.deepEqual(ofRule(off.findings, 'unscoped-network'), []);
    });
  });

  describe('unused-suppression', () => {
    const STALE = `import { tool } from 'ai';
import { z } from 'zod';

export const search = tool({
  description: 'Search the catalogue',
  inputSchema: z.object({ q: z.string() }),
  execute: async ({ q }) => {
    // agent-risk-disable-next-line unscoped-network -- left over from before the URL was fixed
    const res = await fetch(\`https://api.example.com/search?q=\${encodeURIComponent(q)}\`);
    return res.json();
  },
});
`;

    it('reports a directive that suppresses nothing as a warning at the directive', () => {
      const result = lint(STALE);
      const unused = only(ofRule(result.findings, 'unused-suppression'), 'unused-suppression finding');
      assert.equal(unused.severity, 'warning');
      assert.equal(unused.range.start.line, lineOf(STALE, 'agent-risk-disable-next-line'));
      assert.equal(unused.range.start.column, columnOf(STALE, '// agent-risk-disable-next-line'));
      assert.equal(unused.tool, undefined);
      assert.equal(unused.docPath, 'rules/unused-suppression.md');
      assert.match(unused.message, /unscoped-network/);
    });

    it('reports an unknown rule id, suggests the closest rule, and suppresses nothing', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    // agent-risk-disable-next-line unscoped-netwrok -- fetched through the egress proxy
    const res = await fetch(url);
    return res.text();
  },
});
`;
      const result = lint(text);
      const unused = only(ofRule(result.findings, 'unused-suppression'), 'unused-suppression finding');
      assert.equal(unused.messageId, 'unknownRule');
      assert.match(unused.message, /unscoped-netwrok/);
      assert.match(unused.message, /unscoped-network/);
      only(ofRule(result.findings, 'unscoped-network'), 'unscoped-network finding');
      assert.deepEqual(result.suppressed, []);
    });

    it('is silent when turned off', () => {
      only(ofRule(lint(STALE).findings, 'unused-suppression'), 'unused-suppression finding with the default severity');
      const result = lint(STALE, mergeConfig(defaultConfig(), { rules: [['unused-suppression', 'off']] }));
      assert.deepEqual(ofRule(result.findings, 'unused-suppression'), []);
    });
  });

  describe('what is not a directive', () => {
    it('ignores directive text inside a string and in the middle of a comment', () => {
      const text = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    const hint = '// agent-risk-disable-next-line unscoped-network -- not a comment';
    const res = await fetch(url); // to silence this, write agent-risk-disable-next-line unscoped-network above it
    return { hint, body: await res.text() };
  },
});
`;
      const result = lint(text);
      only(ofRule(result.findings, 'unscoped-network'), 'unscoped-network finding');
      assert.deepEqual(result.suppressed, []);
      assert.deepEqual(ofRule(result.findings, 'unused-suppression'), []);
      assert.deepEqual(ofRule(result.findings, 'missing-suppression-reason'), []);
    });
  });
});
