import { lineLocator } from './line-locator.ts';
import { Parser } from 'htmlparser2';
import type { CsvRow } from './csv-text.ts';

/**
 * The rows of every table in an HTML report, as cells of text with the line each row starts
 * on; a cell spanning n columns is followed by n - 1 empty ones, so columns line up with the
 * header; a cell the report hides (class `hidden`, `display: none`, as MetaTrader 5 pads rows to
 * a shared grid) is not a column. Read with htmlparser2: standard HTML entities are decoded, nothing else is expanded
 * (HTML has no user-defined entities), scripts and styles are not text.
 */
export function htmlTableRows(text: string): Array<CsvRow & { titles: string[] }> {
  const lineAt = lineLocator(text);
  const rows: Array<CsvRow & { titles: string[] }> = [];
  let row: (CsvRow & { titles: string[] }) | null = null;
  let cell: { text: string; span: number; title: string; hidden: boolean } | null = null;
  let skip = 0;
  const closeCell = () => {
    if (!row || !cell) return;
    if (cell.hidden) {
      cell = null;
      return;
    }
    row.cells.push(cell.text.replace(/[\s\u00a0]+/g, ' ').trim());
    row.titles.push(cell.title);
    for (let i = 1; i < cell.span; i += 1) {
      row.cells.push('');
      row.titles.push('');
    }
    cell = null;
  };
  const closeRow = () => {
    closeCell();
    if (row) rows.push(row);
    row = null;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script' || name === 'style') skip += 1;
        else if (name === 'tr') {
          closeRow();
          row = { line: lineAt(parser.startIndex), cells: [], titles: [] };
        } else if (name === 'td' || name === 'th') {
          closeCell();
          if (!row) row = { line: lineAt(parser.startIndex), cells: [], titles: [] };
          const span = Number.parseInt(attributes.colspan ?? '1', 10);
          const hidden = /(?:^|\s)hidden(?:\s|$)/i.test(attributes.class ?? '') || /display\s*:\s*none/i.test(attributes.style ?? '');
          cell = { text: '', span: Number.isFinite(span) && span > 0 && span < 100 ? span : 1, title: attributes.title ?? '', hidden };
        } else if (name === 'br' && cell) cell.text += ' ';
      },
      ontext(data) {
        if (skip === 0 && cell) cell.text += data;
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
        else if (name === 'td' || name === 'th') closeCell();
        else if (name === 'tr') closeRow();
        else if (name === 'table') closeRow();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  parser.end();
  closeRow();
  return rows;
}

/** Whether a file's start is HTML markup rather than CSV. */
export function looksLikeHtml(headText: string): boolean {
  return /^\s*(?:<!DOCTYPE\s+html|<html|<head|<body|<table|<meta|<!--)/i.test(headText);
}
