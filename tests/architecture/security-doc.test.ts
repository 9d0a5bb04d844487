import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8');
const rows = doc.split('\n').filter((line) => /^\| \d+ \|/.test(line));
const testSources = ['desktop', 'web', 'architecture', 'packaging', 'loopback', 'fuzz']
  .flatMap((dir) =>
    readdirSync(join(ROOT, 'tests', dir))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(ROOT, 'tests', dir, f), 'utf8')),
  )
  .join('\n');

test('SECURITY.md lists the 20 items of Electron’s checklist, each with how it is held and what checks it', () => {
  expect(rows.map((row) => Number(row.split('|')[1]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  for (const row of rows)
    expect(
      row
        .split('|')
        .slice(2, 5)
        .every((cell) => cell.trim().length > 0),
      row,
    ).toBe(true);
});

test('every test file and test name SECURITY.md cites exists', () => {
  const files = [...doc.matchAll(/`(tests\/[\w/.-]+\.ts)`/g)].map((m) => m[1]!);
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) expect(existsSync(join(ROOT, file)), file).toBe(true);
  const names = [...doc.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/,? ?…$/, '')).filter((name) => !name.includes('`'));
  expect(names.length).toBeGreaterThan(10);
  for (const name of names) expect(testSources.includes(`test('${name}`) || testSources.includes(`test("${name}`), name).toBe(true);
});
