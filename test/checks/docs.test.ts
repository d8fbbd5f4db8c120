// Every rule doc agrees with its rule's metadata and follows the house layout, so docs cannot drift from the rules they describe.
import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../src/config/index';
import { rules } from '../../src/engine/index';
import { DOC_HEADINGS, LEGAL_LINE, loadRuleDoc, OWASP_VERSION } from './rule-doc';
import type { RuleDoc } from './rule-doc';

/** How order-guidance.md says the Order is cited: by title and signing date. */
const ORDER_TITLE = 'Promoting Advanced Artificial Intelligence Innovation and Security';
const ORDER_DATE = 'June 2, 2026';

describe('checks: rule docs', () => {
  for (const rule of rules) {
    describe(rule.docPath, () => {
      const doc = loadRuleDoc(rule.docPath);
      const requireDoc = (): RuleDoc => {
        assert.ok(doc !== undefined, `Add ${rule.docPath}.`);
        return doc;
      };

      it('front matter equals the rule metadata', () => {
        const { frontMatter, frontMatterError } = requireDoc();
        assert.equal(frontMatterError, undefined, `${rule.docPath}: ${frontMatterError ?? ''}`);
        assert.deepEqual(
          frontMatter,
          {
            id: rule.id,
            severity: rule.defaultSeverity,
            cwe: rule.cwe,
            'owasp-agentic': rule.owasp,
            'owasp-agentic-version': OWASP_VERSION,
          },
          `The front matter of ${rule.docPath} must equal the metadata in src/rules/${rule.id}.ts.`,
        );
      });

      it('has the rule id as its only title, then the description as its first paragraph', () => {
        const { titles, firstParagraph } = requireDoc();
        assert.deepEqual(titles, [rule.id], `${rule.docPath} must have exactly one H1: \`# ${rule.id}\`.`);
        assert.equal(
          firstParagraph,
          rule.description,
          `The first paragraph of ${rule.docPath} must be the \`description\` of src/rules/${rule.id}.ts, word for word.`,
        );
      });

      it('has the house headings, all of them, in order', () => {
        const headings = requireDoc().sections.map((section) => section.heading);
        assert.deepEqual(
          headings,
          [...DOC_HEADINGS],
          `${rule.docPath} must have these H2 headings in this order: ${DOC_HEADINGS.join(' · ')}.`,
        );
      });

      it('ends with the not-legal-advice line', () => {
        assert.equal(requireDoc().lastLine, LEGAL_LINE, `${rule.docPath} must end with the line \`${LEGAL_LINE}\`.`);
      });

      it('cites the Order by title and signing date in its guidance mapping, with no web address', () => {
        const mapping = requireDoc().sections.find((section) => section.heading === 'Guidance mapping');
        assert.ok(mapping !== undefined, `${rule.docPath} needs a "Guidance mapping" section.`);
        assert.ok(
          mapping.body.includes(ORDER_TITLE),
          `The guidance mapping of ${rule.docPath} must name the Order: "${ORDER_TITLE}".`,
        );
        assert.ok(
          mapping.body.includes(ORDER_DATE),
          `The guidance mapping of ${rule.docPath} must give the signing date, ${ORDER_DATE}.`,
        );
        assert.doesNotMatch(
          mapping.body,
          /https?:\/\//,
          `The guidance mapping of ${rule.docPath} draws only on order-guidance.md, which gives no web address.`,
        );
      });

      it('has one `ts incorrect` and one `ts correct` example, under Examples', () => {
        const blocks = requireDoc().codeBlocks.filter((block) => /^ts\s+(?:in)?correct$/.test(block.info));
        const summary = blocks.map(
          (block) => `${block.info} (line ${block.line}, under ${block.section ?? 'no heading'})`,
        );
        assert.deepEqual(
          blocks.map((block) => [block.info, block.section]),
          [
            ['ts incorrect', 'Examples'],
            ['ts correct', 'Examples'],
          ],
          `${rule.docPath} must have exactly one \`\`\`ts incorrect block followed by one \`\`\`ts correct block under Examples; found: ${summary.join('; ') || 'none'}.`,
        );
      });

      it('shows only valid `.agent-risk.json` settings under Options', () => {
        const blocks = requireDoc().codeBlocks.filter(
          (block) => block.section === 'Options' && /^jsonc?$/.test(block.info),
        );
        assert.ok(
          blocks.length > 0,
          `Show the \`.agent-risk.json\` settings that affect ${rule.id} in a \`\`\`json block under Options.`,
        );
        for (const block of blocks) {
          const { errors } = parseConfigText(block.code, `${rule.docPath}:${block.line}`);
          assert.deepEqual(
            errors.map((error) => `line ${block.line + error.line}: ${error.message}`),
            [],
            `The configuration example at ${rule.docPath}:${block.line} is not valid.`,
          );
        }
      });
    });
  }
});
