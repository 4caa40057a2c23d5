import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import ts from 'typescript';
import { ENTITY_ROWS, OPERATION_ROWS } from '../authorization/authorization-matrix';
import { readSupergraph } from '../gateway';
import * as playground from '../playground/client/playground.operations';
import { countTokens } from './count-tokens';
import { measureDocument } from './measure-document';
import type { LimitedMeasure } from './query-limits';
import { QUERY_LIMITS } from './query-limits';

const SOURCE_ROOT = join(__dirname, '..');
/** Documents written to be over the limits, not documents a client sends. */
const DELIBERATELY_OVER = 'limits.e2e.test.ts';

function endToEndTestFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return endToEndTestFiles(path);
    return entry.name.endsWith('.e2e.test.ts') && entry.name !== DELIBERATELY_OVER ? [path] : [];
  });
}

/** String and template literals that read as GraphQL documents; `${…}` stands in as a name. */
function documentLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((span) => `Substituted${span.literal.text}`).join('');
    if (text !== undefined && /^\s*(query\b|mutation\b|\{)/.test(text)) found.push(text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What the playground sends by itself: its tabs, its panel's operations, and GraphiQL's introspection. */
function playgroundDocuments(): { where: string; text: string }[] {
  const panel = Object.entries(playground).flatMap(([name, value]) =>
    typeof value === 'string' && /^\s*(query|mutation|\{)/.test(value) ? [{ name, value }] : [],
  );
  return [
    ...playground.DEFAULT_TABS.map((tab, index) => ({ where: `playground tab ${index + 1}`, text: tab.query })),
    ...panel.map(({ name, value }) => ({ where: `playground ${name}`, text: value })),
    { where: 'playground introspection (GraphiQL)', text: getIntrospectionQuery({ inputValueDeprecation: false, schemaDescription: false }) },
  ];
}

/** Every document the repository's own clients send: the end-to-end suites, the authorization matrix and the playground. */
function clientDocuments(): { where: string; text: string }[] {
  const fromTests = endToEndTestFiles(SOURCE_ROOT).flatMap((file) => documentLiterals(file).map((text) => ({ where: relative(SOURCE_ROOT, file), text })));
  const fromMatrix = OPERATION_ROWS.map((row) => ({ where: `matrix ${row.field}`, text: row.document }));
  const fromEntities = ENTITY_ROWS.map((row) => ({
    where: `matrix _entities ${row.type}`,
    text: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${row.type} { ${row.selection} } } }`,
  }));
  return [...fromTests, ...fromMatrix, ...fromEntities, ...playgroundDocuments()];
}

/** The documents that parse (some tests send broken ones on purpose), each with its measures. */
function measuredClientDocuments(documents: { where: string; text: string }[]) {
  const schema = buildSchema(readSupergraph());
  return documents.flatMap(({ where, text }) => {
    try {
      const measures: Record<LimitedMeasure, number> = { ...measureDocument(parse(text), schema), tokens: countTokens(text) };
      return [{ where, text, measures }];
    } catch {
      return [];
    }
  });
}

describe('query limits leave the repository’s own clients headroom', () => {
  const found = clientDocuments();
  const documents = measuredClientDocuments(found);
  const measures = Object.keys(QUERY_LIMITS) as LimitedMeasure[];

  it('finds the documents of the end-to-end suites and the authorization matrix', () => {
    expect(documents.length).toBeGreaterThan(OPERATION_ROWS.length + ENTITY_ROWS.length + 30);
  });

  it('keeps every client document within half of every limit', () => {
    const largest = measures.map((measure) => {
      const top = documents.reduce((a, b) => (b.measures[measure] > a.measures[measure] ? b : a));
      return { measure, largest: top.measures[measure], limit: QUERY_LIMITS[measure], where: top.where };
    });
    // The table the README quotes: the largest of each measure among client documents vs its limit.
    console.log(
      `${documents.length} client documents (${found.length - documents.length} more do not parse, on purpose)\n${largest.map((row) => `${row.measure}: largest ${row.largest} (${row.where}), limit ${row.limit}`).join('\n')}`,
    );
    const overHalf = documents.flatMap(({ where, text, measures: found }) =>
      measures.filter((measure) => found[measure] * 2 > QUERY_LIMITS[measure]).map((measure) => `${where}: ${measure} ${found[measure]} in ${text}`),
    );
    expect(overHalf).toEqual([]);
  });
});
