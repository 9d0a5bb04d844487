import { describe, expect, test } from 'vitest';
import { csvRows, guessDelimiter } from '../../src-main/imports/csv-text.ts';
import { parseBrokerDate } from '../../src-main/imports/date-text.ts';
import { parseBrokerNumber } from '../../src-main/imports/money-text.ts';
import { futuresRoot, pointValueOf } from '../../src-main/imports/point-values.ts';
import { readSide } from '../../src-main/imports/side-text.ts';

describe('money and numbers as brokers write them', () => {
  test.each([
    ['$1,200.00', '1200'],
    ['$(400.00)', '-400'],
    ['($75.90)', '-75.9'],
    ['-49', '-49'],
    ['39,30 $', '39.3'],
    ['  1,234.5  ', '1234.5'],
    ['1.234,56 €', '1234.56'],
    ['+500', '500'],
    ['-$1,300.00', '-1300'],
    ['USD 12.50', '12.5'],
    ['-0.07905', '-0.07905'],
    // A spreadsheet's exponent form of a small fee.
    ['3.14E-05', '0.0000314'],
    ['-1.5e-3', '-0.0015'],
  ])('%s is %s', (text, value) => {
    const r = parseBrokerNumber(text);
    expect(r.ok && r.value.toString()).toBe(value);
  });

  test.each(['', 'abc', '1,23,4', '12..5', '$', '1.2.3', 'NaN', 'E5', '1E'])('%j is refused with a reason', (text) => {
    const r = parseBrokerNumber(text);
    expect(r.ok).toBe(false);
  });

  test('a decimal style forces the reading of an ambiguous comma', () => {
    const comma = parseBrokerNumber('1,234', 'comma');
    const dot = parseBrokerNumber('1,234', 'dot');
    expect(comma.ok && comma.value.toString()).toBe('1.234');
    expect(dot.ok && dot.value.toString()).toBe('1234');
  });
});

describe('dates in the file’s zone', () => {
  const iso = (text: string, format = 'auto', zone = 'America/New_York') => {
    const r = parseBrokerDate(text, format, zone);
    return r.ok ? new Date(r.value).toISOString() : r.reason;
  };
  test('the formats the presets use', () => {
    expect(iso('06/10/2026 16:00:05', 'MM/DD/YYYY HH:mm:ss')).toBe('2026-06-10T20:00:05.000Z');
    expect(iso('1/28/2025 10:59:52 AM')).toBe('2025-01-28T15:59:52.000Z');
    expect(iso('1/28/2025 12:05:00 AM')).toBe('2025-01-28T05:05:00.000Z');
    expect(iso('6/21/22 15:23:42', 'M/D/YY HH:mm:ss')).toBe('2022-06-21T19:23:42.000Z');
    expect(iso('2021-01-11, 06:57:37', 'YYYY-MM-DD, HH:mm:ss', 'Europe/Stockholm')).toBe('2021-01-11T05:57:37.000Z');
  });
  test('DST days keep trades on their own calendar day', () => {
    expect(iso('03/08/2026 01:30:00', 'MM/DD/YYYY HH:mm:ss')).toBe('2026-03-08T06:30:00.000Z');
    expect(iso('03/08/2026 02:30:00', 'MM/DD/YYYY HH:mm:ss')).toBe('2026-03-08T07:30:00.000Z');
    expect(iso('11/01/2026 01:30:00', 'MM/DD/YYYY HH:mm:ss')).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('11/01/2026 23:59:59', 'MM/DD/YYYY HH:mm:ss')).toBe('2026-11-02T04:59:59.000Z');
  });
  test('impossible dates are refused', () => {
    expect(iso('02/30/2026 10:00:00', 'MM/DD/YYYY HH:mm:ss')).toMatch(/not a date/);
    expect(iso('13/01/2026 10:00:00', 'MM/DD/YYYY HH:mm:ss')).toMatch(/not a date/);
    expect(iso('1/1/2026 13:00:00 PM')).toMatch(/not a date/);
    expect(iso('')).toMatch(/empty/);
  });
});

describe('futures point values', () => {
  test.each([
    ['MNQM6', 'MNQ', '2'],
    ['MNQU6', 'MNQ', '2'],
    ['MNQ MAR25', 'MNQ', '2'],
    ['NQ MAR25', 'NQ', '20'],
    ['ESZ2025', 'ES', '50'],
    ['/MESM6', 'MES', '5'],
    ['MYMH26', 'MYM', '0.5'],
    ['CLF6', 'CL', '1000'],
    ['6EM6', '6E', '125000'],
  ])('%s has root %s and point value %s', (symbol, root, value) => {
    expect(futuresRoot(symbol) ?? symbol).toBe(root);
    expect(pointValueOf(symbol)).toEqual({ ok: true, root, value });
  });
  test('an unknown root is an error naming the symbol; the trader’s table comes first', () => {
    expect(pointValueOf('XYZH6')).toEqual({ ok: false, reason: expect.stringContaining('XYZH6') });
    expect(pointValueOf('XYZH6', { XYZ: '7.5' })).toEqual({ ok: true, root: 'XYZ', value: '7.5' });
    expect(pointValueOf('MNQM6', { MNQ: '2.5' })).toMatchObject({ value: '2.5' });
  });
});

describe('sides and what they do', () => {
  test.each([
    ['Buy', 'buy', null],
    ['SLD', 'sell', null],
    ['BUY_TO_OPEN', 'buy', 'open'],
    ['SELL_TO_CLOSE', 'sell', 'close'],
    ['BTO', 'buy', 'open'],
    ['STC', 'sell', 'close'],
    ['STO', 'sell', 'open'],
    ['BTC', 'buy', 'close'],
    ['Sell to Open', 'sell', 'open'],
    ['Buy to Cover', 'buy', 'close'],
    ['Sell Short', 'sell', 'open'],
    ['Short', 'sell', 'open'],
    ['YOU BOUGHT', 'buy', null],
    ['YOU SOLD OPENING TRANSACTION', 'sell', 'open'],
    ['YOU BOUGHT CLOSING TRANSACTION', 'buy', 'close'],
    ['Bought To Open', 'buy', 'open'],
    // TopstepX / ProjectX orders: the side of the book the order took.
    ['Bid', 'buy', null],
    ['Ask', 'sell', null],
  ])('%s is a %s that does %s', (text, side, effect) => {
    expect(readSide(text)).toEqual({ side, effect });
  });
  test.each(['Dividend', 'Journal', '', 'Expired'])('%j names no side', (text) => expect(readSide(text)).toBeNull());
});

describe('zones and patterns written in the text', () => {
  const iso = (text: string, format = 'auto', zone = 'America/New_York') => {
    const r = parseBrokerDate(text, format, zone);
    return r.ok ? new Date(r.value).toISOString() : r.reason;
  };
  test.each([
    ['06/06/2024 13:04:23 EDT', '2024-06-06T17:04:23.000Z'],
    ['12/06/2024 13:04:23 EST', '2024-12-06T18:04:23.000Z'],
    ['05/08/2025 11:22:07 -04:00', '2025-05-08T15:22:07.000Z'],
    ['05/29/2026 09:40:00 -0500', '2026-05-29T14:40:00.000Z'],
    ['2026-02-11 06:34:46.772Z', '2026-02-11T06:34:46.772Z'],
    ['2026-07-30T14:31:00+00:00', '2026-07-30T14:31:00.000Z'],
    ['14.03.2026 09:30:00 CET', '2026-03-14T08:30:00.000Z'],
    ['1/2/2026 4:09', '2026-01-02T09:09:00.000Z'],
    ['2024.05.03 14:02:11', '2024-05-03T18:02:11.000Z'],
    ['20240503;140211', '2024-05-03T18:02:11.000Z'],
  ])('%s is %s', (text, expected) => expect(iso(text)).toBe(expected));

  test('a typed pattern without seconds, and an unknown abbreviation is not a zone', () => {
    expect(iso('3/9/2026 9:05', 'M/D/YYYY H:mm')).toBe('2026-03-09T13:05:00.000Z');
    expect(iso('3/9/2026 9:05 XYZ')).toMatch(/not a date/);
  });
});

describe('CSV rows read as a stream', () => {
  const text = 'a,"b, with comma","c ""quoted"""\r\n1,"two\r\nlines",3\r\n\r\nlast, row ,x\rold mac,line,end\n"open';
  const expected = [
    { line: 1, cells: ['a', 'b, with comma', 'c "quoted"'] },
    { line: 2, cells: ['1', 'two\r\nlines', '3'] },
    { line: 4, cells: [''] },
    { line: 5, cells: ['last', 'row', 'x'] },
    { line: 6, cells: ['old mac', 'line', 'end'] },
    { line: 7, cells: ['open'] },
  ];
  test('quotes, doubled quotes, newlines inside a cell, CRLF, CR and LF line ends, each row with its line', () => {
    const problems: Array<{ line: number; message: string }> = [];
    expect([...csvRows([text], ',', problems)]).toEqual(expected);
    expect(problems).toEqual([{ line: 7, message: expect.stringMatching(/never closed/) }]);
  });
  test('the same rows whatever the chunk boundaries (a quote, a CRLF or a cell split across chunks)', () => {
    for (let size = 1; size <= 7; size += 1) {
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      expect([...csvRows(chunks, ',', [])], `chunks of ${size}`).toEqual(expected);
    }
  });
  test('the delimiter is guessed from the first lines', () => {
    expect(guessDelimiter('Date;Symbol;Price\n1.2.2026;ES;5000,25\n')).toBe(';');
    expect(guessDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(guessDelimiter('Trades,Header,"x, y"\nTrades,Data,1\n')).toBe(',');
  });
});
