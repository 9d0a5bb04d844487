import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * Which process a file runs in decides what it may import (STYLE.md example 9): the core is
 * plain Node and never imports electron; the renderer and the contract run in a page and
 * import neither electron, node built-ins, nor the database libraries.
 */
const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ];
  return specifiers.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!).filter(Boolean);
}

/** Files a module loads at run time: its imports other than `import type`, followed through relative paths. */
function runtimeGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const text = readFileSync(join(root, file), 'utf8').replace(/^\s*(import|export)\s+type\s[^;]*;/gm, '');
    const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]!);
    graph.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('.')) visit(normalize(join(dirname(file), s)));
  };
  visit(entry);
  return graph;
}

const NODE_BUILTIN = /^node:|^(fs|path|os|crypto|child_process|http|https|net|url|util|stream|worker_threads|events|zlib|buffer)(\/|$)/;
const ELECTRON_GLUE = ['src-main/desktop/', 'src-main/preload/'];

describe('import boundaries', () => {
  const core = sourceFiles('src-main').filter((f) => !ELECTRON_GLUE.some((glue) => f.startsWith(glue)));
  const pageSide = [...sourceFiles('src-renderer'), ...sourceFiles('src-main/contract')];

  test('the source tree is where the test looks', () => {
    expect(core.length).toBeGreaterThan(10);
    expect(sourceFiles('src-main/contract').length).toBeGreaterThan(3);
  });

  test('date-fns is imported a function at a time, never its barrel (about 250 modules: seconds at every start under Node)', () => {
    const offenders = [...core, ...sourceFiles('src-renderer')].filter((file) => importsOf(file).includes('date-fns'));
    expect(offenders).toEqual([]);
  });

  test('the core never imports electron', () => {
    const offenders = core.filter((file) => importsOf(file).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  test('the renderer and the contract import no electron, node built-ins, better-sqlite3 or kysely', () => {
    const offenders = pageSide.flatMap((file) =>
      importsOf(file)
        .filter((s) => s === 'electron' || NODE_BUILTIN.test(s) || s === 'better-sqlite3' || s === 'kysely' || s.startsWith('kysely/'))
        .map((s) => `${relative(root, join(root, file))} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the renderer reaches the main process only through the contract', () => {
    const offenders = sourceFiles('src-renderer').flatMap((file) =>
      importsOf(file)
        .filter((s) => s.includes('src-main/') && !s.includes('src-main/contract/'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the preload loads only electron and the channel names: no zod (the main process validates), nothing else to bundle', () => {
    const graph = runtimeGraph('src-main/preload/preload.ts');
    const packages = [...graph.values()].flat().filter((s) => !s.startsWith('.'));
    expect(new Set(packages)).toEqual(new Set(['electron']));
    expect([...graph.keys()].sort()).toEqual(['src-main/contract/build-api.ts', 'src-main/contract/channel-names.ts', 'src-main/preload/preload.ts']);
  });

  test('no area imports the composition root; only the shells (desktop, browser mode) call it', () => {
    const shells = [...ELECTRON_GLUE, 'src-main/app/', 'src-main/web/'];
    const offenders = core
      .filter((file) => !shells.some((shell) => file.startsWith(shell)))
      .flatMap((file) =>
        importsOf(file)
          .filter((s) => s.includes('/app/'))
          .map((s) => `${file} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  test('migrations import nothing from the app', () => {
    const offenders = sourceFiles('migrations').flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith('.') && !s.startsWith('./'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
