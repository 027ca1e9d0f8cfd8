/** The rule pages (rules/<id>.md) shipped with the package, for SARIF `help` and descriptions. */
import { readFileSync } from 'node:fs';
import { RULE_IDS, type ConfiguredSeverity, type RuleId } from '../analysis/finding.js';
import { rulesFile } from '../paths.js';
import { RULES } from '../rules/index.js';

export interface RuleDoc {
  id: RuleId;
  /** One sentence: the rule's own description. */
  summary: string;
  /** The page's opening paragraph. */
  details: string;
  /** The whole page. */
  markdown: string;
  defaultSeverity: ConfiguredSeverity;
}

/** The first paragraph after the title, joined into one line. */
export function firstParagraph(markdown: string): string {
  const body = markdown.replace(/^# [^\n]*\n+/, '');
  return (body.split(/\n\s*\n/)[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

export function loadRuleDocs(): RuleDoc[] {
  return RULE_IDS.map((id) => {
    let markdown = '';
    try {
      markdown = readFileSync(rulesFile(`${id}.md`), 'utf8');
    } catch {
      // A page missing from an install still leaves a valid rule entry (meta.test keeps them in the repo).
    }
    const summary = RULES[id].description;
    return { id, summary, details: firstParagraph(markdown) || summary, markdown: markdown || summary, defaultSeverity: RULES[id].defaultSeverity };
  });
}
