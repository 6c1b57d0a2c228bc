import { useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { StatusTag } from '../components/StatusTag';
import { FormDrawer } from '../components/FormDrawer';
import { useFormErrors } from '../components/useFormErrors';
import { usePagedList } from '../components/usePagedList';
import { useSubmitForm } from '../components/useSubmitForm';
import { locale, t } from '../i18n';

interface SynonymRow {
  id: string;
  term: string;
  synonyms: string[];
  version: number;
  updatedAt: string;
}

type Filters = { q?: string };
const PAGE_SIZE = 50;
/** Commas (either width), 顿号, semicolons and spaces all separate synonyms. */
const split = (text: string) => text.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean);

/** Adds a word with its synonyms, or changes one (`row`). */
function SynonymForm({ open, row, onClose, onSaved }: { open: boolean; row: SynonymRow | null; onClose: () => void; onSaved: () => void }) {
  const { form, errors, busy, submit } = useSubmitForm<{ term: string; synonyms: string }>(['term', 'synonyms'], async (v) => {
    const body = { term: v.term.trim(), synonyms: split(v.synonyms ?? '') };
    if (row) await api.put(`/api/search/synonyms/${row.id}`, { ...body, version: row.version });
    else await api.post('/api/search/synonyms', body);
    onSaved();
  });
  return (
    <FormDrawer open={open} title={row ? t('synonyms.editTitle', { term: row.term }) : t('synonyms.create')} form={form} busy={busy} alert={errors.alert} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={row ? { term: row.term, synonyms: row.synonyms.join('，') } : {}}>
        <Form.Item name="term" label={t('synonyms.term')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="synonyms" label={t('synonyms.synonyms')} extra={t('synonyms.synonymsHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={3} maxLength={400} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** Synonyms that widen portal and API searches (社保 → 社会保障); platform-wide, for a whole-tree system administrator. */
export default function SearchSynonyms() {
  const { message } = App.useApp();
  const [filters] = Form.useForm<Filters>();
  const errors = useFormErrors(filters, ['q']);
  const list = usePagedList<SynonymRow, Filters>('/api/search/synonyms', { pageSize: PAGE_SIZE, errors });
  const [editing, setEditing] = useState<{ row: SynonymRow | null } | null>(null);

  const remove = async (row: SynonymRow) => {
    try {
      await api.delete(`/api/search/synonyms/${row.id}`);
      void message.success(t('synonyms.removed'));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
    await list.load();
  };

  return (
    <Page title={t('menu.searchSynonyms')} extra={<Button type="primary" onClick={() => setEditing({ row: null })}>{t('synonyms.create')}</Button>}>
      <Card>
        <Typography.Paragraph type="secondary">{t('synonyms.help')}</Typography.Paragraph>
        {errors.alert}
        <Form form={filters} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => list.search({ q: v.q?.trim() || undefined })}>
          <Form.Item name="q" label={t('synonyms.keyword')}><Input allowClear maxLength={30} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        </Form>
        <Table<SynonymRow>
          {...list.table}
          size="small"
          columns={[
            { title: t('synonyms.term'), dataIndex: 'term', width: 180, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('synonyms.synonyms'), dataIndex: 'synonyms', render: (v: string[]) => v.map((s) => <StatusTag key={s} style={{ marginBottom: 4 }}>{s}</StatusTag>) },
            { title: t('synonyms.updatedAt'), dataIndex: 'updatedAt', width: 180, render: (v: string) => new Date(v).toLocaleString(locale) },
            {
              title: t('table.actions'), key: 'actions', width: 150,
              render: (_: unknown, r) => (
                <Space size="small">
                  <Button size="small" onClick={() => setEditing({ row: r })} aria-label={`${t('action.edit')} ${r.term}`}>{t('action.edit')}</Button>
                  <Popconfirm title={t('synonyms.removeConfirm', { term: r.term })} okText={t('action.remove')} cancelText={t('action.cancel')} onConfirm={() => remove(r)}>
                    <Button size="small" danger aria-label={`${t('action.remove')} ${r.term}`}>{t('action.remove')}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <SynonymForm
        open={editing !== null}
        row={editing?.row ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); void message.success(t('synonyms.saved')); void list.load(); }}
      />
    </Page>
  );
}
