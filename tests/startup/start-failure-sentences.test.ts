import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { ErrorCode } from '../../src-main/contract/errors.ts';
import { AppError } from '../../src-main/errors/app-error.ts';
import { startFailureSentence } from '../../src-main/startup/start-failure.ts';

const dataDir = '/home/ann/.config/Sessionguard';
const file = join(dataDir, 'sessionguard.db');

// Every way a start can fail, with the details the lock and the storage checks attach.
const FAILURES: Array<[ErrorCode | 'node', unknown, RegExp]> = [
  [
    'data_folder_in_use',
    new AppError('data_folder_in_use', 'held', { details: { dataDir, pid: 4242, mode: 'desktop', startedAt: '2026-03-02T14:00:00.000Z' } }),
    /already running on the data folder .+ \(the desktop app, process 4242, started 2026-03-02T14:00:00\.000Z\): use that one, or quit it/,
  ],
  [
    'database_not_a_file',
    new AppError('database_not_a_file', 'folder', { details: { file } }),
    /is a folder, not Sessionguard's database file: move or rename that folder/,
  ],
  [
    'data_folder_not_a_folder',
    new AppError('data_folder_not_a_folder', 'file', { details: { dataDir } }),
    /is a file, not a folder: move that file away, or start with --data-dir/,
  ],
  [
    'storage_read_only',
    new AppError('storage_read_only', 'The database file is read-only or out of reach: Sessionguard could not save. Nothing was half-saved.'),
    /can't write to its data folder .+: make it writable, or start with --data-dir/,
  ],
  ['storage_full', new AppError('storage_full', 'full'), /disk that holds .+ is full: free some space/],
  [
    'database_locked',
    new AppError('database_locked', 'locked', { details: { file } }),
    /is locked by another program: close any other Sessionguard or database tool/,
  ],
  [
    'not_sessionguard_database',
    new AppError('not_sessionguard_database', 'not ours', { details: { file } }),
    /is not a Sessionguard database and was left untouched: move it elsewhere/,
  ],
  [
    'database_from_future',
    new AppError('database_from_future', 'newer', { details: { databaseVersion: 12, appVersion: 9 } }),
    /saved by a newer Sessionguard \(schema 12, this one knows up to 9\) and was left untouched: install the newer Sessionguard/,
  ],
  [
    'database_corrupt',
    new AppError('database_corrupt', 'damaged', { details: { file, problem: 'Tree 7 page 12: btreeInitPage() returns error code 11' } }),
    /is damaged \(Tree 7 page 12: .+\) and Sessionguard did not write to it: keep a copy of it, then recover what you can with SQLite's \.recover command \(there is no backup in/,
  ],
  [
    'wal_without_database',
    new AppError('wal_without_database', 'wal', { details: { file, database: 'missing' } }),
    /sessionguard\.db is missing but sessionguard\.db-wal beside it holds saved changes, so Sessionguard left both files untouched: copy the data folder .+ somewhere safe first, then/,
  ],
  [
    'wal_damaged',
    new AppError('wal_damaged', 'frames', { details: { file, finding: 'frames', brokenFrame: 12, commitsAfterBreak: 300 } }),
    /sessionguard\.db-wal is damaged at frame 12 and 300 saved changes after it can't be read, .+ then move sessionguard\.db-wal out of the folder to open the data as it was before the damage, or/,
  ],
  [
    'wal_damaged',
    new AppError('wal_damaged', 'header', { details: { file, finding: 'header' } }),
    /sessionguard\.db-wal is damaged at its start and none of its recent changes can be read/,
  ],
  [
    'wal_foreign',
    new AppError('wal_foreign', 'foreign', { details: { file, finding: 'it was written for another copy of the database' } }),
    /sessionguard\.db-wal does not belong to sessionguard\.db \(it was written for another copy of the database\), .+ then move sessionguard\.db-wal out of the folder/,
  ],
  [
    'node',
    Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR', path: file }),
    /is a folder, not Sessionguard's database file/,
  ],
  ['node', Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES' }), /can't write to its data folder/],
  [
    'storage_failed',
    new AppError('storage_failed', 'Sessionguard could not save: disk I/O error.'),
    /^Sessionguard could not start \(Sessionguard could not save: disk I\/O error\): start it again/,
  ],
  [
    'node',
    new Error('something nobody foresaw'),
    /^Sessionguard could not start \(something nobody foresaw\): start it again, and if it stops the same way, report this sentence\.$/,
  ],
];

test.each(FAILURES)('%s: one plain sentence, what is wrong, then what to do', (_code, error, expected) => {
  const sentence = startFailureSentence(error, dataDir);
  expect(sentence).toMatch(expected);
  expect(sentence.split('\n')).toHaveLength(1);
  expect(sentence).toMatch(/\.$/);
  expect(sentence).not.toMatch(/half-saved|SQLITE_|EISDIR|EACCES|\n\s+at /);
});
