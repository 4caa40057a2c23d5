import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One line of the table: a ratio of ours to a baseline, and the issue's target for it. */
export interface Row {
  scenario: string;
  /** Our figure and the baseline's, with their unit; null when not measured. */
  ours: number | null;
  baseline: number | null;
  unit: string;
  /** What the baseline is: the peer gateway, the subgraph directly, 100 users... */
  baselineName: string;
  ratio: number | null;
  target: { op: '>=' | '<=' | '<'; value: number };
  /** Requests of the timed runs that failed (HTTP error, GraphQL errors, timeout): a figure with failures is suspect. */
  failed?: number;
  /** Every timed run of each side, in its unit, to show how much they spread. */
  runs?: { ours?: number[]; baseline?: number[] };
  /** Why a figure is missing, or what exactly was counted. */
  note?: string;
}

export interface Report {
  date: string;
  machine: { cores: number; cpu: string; node: string; mariadb: string };
  load: string;
  rows: Row[];
}

export const holds = (row: Row) =>
  row.ratio === null
    ? null
    : row.target.op === '>='
      ? row.ratio >= row.target.value
      : row.target.op === '<='
        ? row.ratio <= row.target.value
        : row.ratio < row.target.value;

const figure = (value: number | null, digits = 1) => (value === null ? 'not measured' : value.toFixed(digits));
const verdict = (row: Row) => ({ true: 'yes', false: 'no', null: '—' })[String(holds(row)) as 'true' | 'false' | 'null'];

/** The table as aligned text for the terminal. */
export function printTable(report: Report): string {
  const header = ['scenario', 'ours', 'baseline', 'ratio', 'target', 'holds?', 'failed'];
  const lines = report.rows.map((row) => [
    row.scenario,
    `${figure(row.ours)} ${row.unit}`,
    `${figure(row.baseline)} (${row.baselineName})`,
    figure(row.ratio, 2),
    `${row.target.op} ${row.target.value}`,
    verdict(row),
    String(row.failed ?? 0),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...lines].map((line) => line[column].length)));
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One bar per row with its target as a dashed line across it. Each row has its own scale (its
 * figure or its target, whichever is larger, spans 80% of the width): the rows have different units.
 */
export function chart(report: Report): string {
  const rowHeight = 34;
  const labelWidth = 400;
  const barWidth = 360;
  const top = 40;
  const height = top + report.rows.length * rowHeight + 30;
  const bars = report.rows.map((row, index) => {
    const y = top + index * rowHeight;
    const ok = holds(row);
    const fill = ok === null ? '#bbbbbb' : ok ? '#3a8f4c' : '#c2453b';
    const scale = Math.max(row.ratio ?? 0, row.target.value) / 0.8;
    const x = (value: number) => labelWidth + (value / scale) * barWidth;
    const value = row.ratio === null ? 'not measured' : row.ratio.toFixed(2);
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escape(row.scenario)}</text>`,
      row.ratio === null ? '' : `<rect x="${labelWidth}" y="${y + 4}" width="${(x(row.ratio) - labelWidth).toFixed(1)}" height="18" fill="${fill}"/>`,
      `<line x1="${x(row.target.value).toFixed(1)}" x2="${x(row.target.value).toFixed(1)}" y1="${y}" y2="${y + 26}" stroke="#222" stroke-width="2" stroke-dasharray="4 2"/>`,
      `<text x="${labelWidth + barWidth + 10}" y="${y + 17}">${value} (target ${escape(row.target.op)} ${row.target.value})</text>`,
    ]
      .filter(Boolean)
      .join('\n  ');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 220}" height="${height}" font-family="sans-serif" font-size="13">
  <rect width="100%" height="100%" fill="#ffffff"/>
  <text x="10" y="22" font-size="15" font-weight="bold">npm run bench, ${escape(report.date.slice(0, 10))}: each ratio (bar, green when it meets its target) and its target (dashed)</text>
  ${bars.join('\n  ')}
  <text x="10" y="${height - 8}" fill="#555">${escape(`${report.machine.cores} cores, Node ${report.machine.node}, MariaDB ${report.machine.mariadb}; each row on its own scale`)}</text>
</svg>
`;
}

/** docs/benchmarks.md, from the report alone. */
export function markdown(report: Report, chartFile: string): string {
  const rows = report.rows.map(
    (row) =>
      `| ${row.scenario} | ${figure(row.ours)} ${row.unit} | ${figure(row.baseline)} (${row.baselineName}) | ${figure(row.ratio, 2)} | ${row.target.op} ${row.target.value} | ${verdict(row)} | ${row.failed ?? 0} |`,
  );
  const notes = report.rows.filter((row) => row.note).map((row) => `- **${row.scenario}**: ${row.note}`);
  return `# Benchmarks

Written by \`npm run bench\` (the performance suite, \`bench/\`) from \`bench/results/latest.json\`; do not edit by hand.
Measured ${report.date} on ${report.machine.cores} cores (${report.machine.cpu}), Node ${report.machine.node}, MariaDB ${report.machine.mariadb}.
${report.load}

![Ratios against their targets](${chartFile})

| scenario | ours | baseline | ratio | target | holds? | failed requests |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${notes.join('\n')}
`;
}

export function writeReport(report: Report, files: { json: string; markdown: string; svg: string; svgLink: string }): void {
  for (const file of [files.json, files.markdown, files.svg]) mkdirSync(dirname(file), { recursive: true });
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.svg, chart(report));
  writeFileSync(files.markdown, markdown(report, files.svgLink));
}
