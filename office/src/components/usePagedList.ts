import { useCallback, useEffect, useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { api, rowsOf, totalOf, type Query } from '../api/client';
import { t } from '../i18n';

/** Where a list's load error goes instead of `error`: a search form's field errors (`useFormErrors`). */
interface ErrorTarget {
  clear: () => void;
  show: (err: unknown) => void;
}

/**
 * One page of `path` at a time, searched with `filters`: a new search starts again at page 1.
 * `pagination` goes straight to the Table; `load` reloads the page shown (after a change). Rows need an `id`.
 */
export function usePagedList<Row, F extends Query = Query>(path: string, opts: {
  pageSize: number;
  toRow?: (raw: any) => Row;
  initial?: F;
  errors?: ErrorTarget;
}) {
  const { pageSize, toRow, errors } = opts;
  const [filters, setFilters] = useState<F>(opts.initial ?? ({} as F));
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ rows: Row[]; total: number; response: unknown }>({ rows: [], total: 0, response: undefined });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setLoading(true);
    errors?.clear();
    try {
      const res = await api.get(path, { ...filters, page, pageSize });
      const rows = toRow ? rowsOf<any>(res).map(toRow) : rowsOf<Row>(res);
      setData({ rows, total: totalOf(res, rows.length), response: res });
      setError(null);
    } catch (err) {
      setError(err);
      errors?.show(err);
    } finally {
      setLoading(false);
    }
  }, [path, filters, page]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { void load(); }, [load]);

  const search = useCallback((next: F) => {
    setPage(1);
    setFilters(next);
  }, []);

  const pagination: TablePaginationConfig = {
    current: page, pageSize, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('table.total', { n }),
  };
  /** Spread into the Table: `<Table {...list.table} columns={…} />`. */
  const table = { rowKey: 'id', loading, dataSource: data.rows, pagination };
  /** `response`: the whole last answer, for what a list carries besides its rows (counts per state). */
  return { rows: data.rows, response: data.response, loading, error, setError, load, filters, search, pagination, table };
}
