import { count } from '../format/money.ts';

interface Props {
  page: number;
  total: number;
  pageSize: number;
  /** What is counted, in the singular ("trade", "session"). */
  noun: string;
  onPage(page: number): void;
}

/** Previous and next over a list read a page at a time, with where the trader is in it. */
export function Pager({ page, total, pageSize, noun, onPage }: Props) {
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page} of {pages} · {count(total, noun)}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
