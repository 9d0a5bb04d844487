/**
 * The dates of a Flex Query as the query's settings write them: the date as `yyyyMMdd`,
 * `yyyy-MM-dd`, `MM/dd/yyyy`, `MM/dd/yy`, `dd/MM/yyyy`, `dd/MM/yy` or `dd-MMM-yy`, then `;`, `,`,
 * a space or nothing, then the time as `HHmmss` or `HH:mm:ss`, with the zone after it when the
 * query asks for one (`31/10/2025;14:07:12 EDT`). Each is rewritten as `YYYY-MM-DD HH:mm:ss`
 * (its zone kept) for the date reader, the order of a slashed date being the whole file's.
 */
const DATE_TIME = /^\s*(\d{8}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}-[A-Za-z]{3}-\d{2,4})(?:[;,]?\s*(\d{2}):?(\d{2}):?(\d{2})?(.*))?$/;
const SLASHED = /^\s*(\d{1,2})\/(\d{1,2})\//;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Whether the file's slashed dates are day first: one of them (a statement's fromDate, a trade's) has a first part past 12. */
export function flexDayFirst(texts: Iterable<string>): boolean {
  for (const text of texts) {
    const match = SLASHED.exec(text);
    if (match && Number(match[1]) > 12) return true;
  }
  return false;
}

/** A Flex date or date-time as `YYYY-MM-DD[ HH:mm:ss[ zone]]`, or the text as it is when it is none of the Flex forms (its row's problem then says so). */
export function flexDateTime(raw: string, dayFirst: boolean): { text: string; dateOnly: boolean } {
  const match = DATE_TIME.exec(raw);
  const date = match ? isoDate(match[1]!, dayFirst) : null;
  if (!match || date === null) return { text: raw, dateOnly: false };
  if (match[2] === undefined) return { text: date, dateOnly: true };
  return { text: `${date} ${match[2]}:${match[3]}:${match[4] ?? '00'}${match[5] ?? ''}`, dateOnly: false };
}

function isoDate(text: string, dayFirst: boolean): string | null {
  const pad = (n: string) => n.padStart(2, '0');
  const year = (y: string) => (y.length === 2 ? `20${y}` : y);
  if (/^\d{8}$/.test(text)) return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return `${iso[1]}-${pad(iso[2]!)}-${pad(iso[3]!)}`;
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (slashed) {
    const [day, month] = dayFirst ? [slashed[1]!, slashed[2]!] : [slashed[2]!, slashed[1]!];
    return `${year(slashed[3]!)}-${pad(month)}-${pad(day)}`;
  }
  const named = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(text);
  const month = named ? MONTHS.indexOf(named[2]!.toLowerCase()) : -1;
  return named && month >= 0 ? `${year(named[3]!)}-${pad(String(month + 1))}-${pad(named[1]!)}` : null;
}
