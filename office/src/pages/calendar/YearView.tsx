import { useCallback, useEffect, useState } from 'react';
import { Button, Form, Input, InputNumber, Table } from 'antd';
import { api } from '../../api/client';
import { useFormErrors } from '../../components/useFormErrors';
import { locale, t } from '../../i18n';
import type { CalendarDay } from './types';
import { StatusTag } from '../../components/StatusTag';

/** One year's holidays and make-up working days, nationally or for one region. */
export function YearView({ initialYear, onEdit }: { initialYear: number; onEdit?: (year: number, region: string, days: CalendarDay[]) => void }) {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['year', 'region']);
  const [query, setQuery] = useState({ year: initialYear, region: '' });
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    errors.clear();
    try {
      const res = await api.get<{ days: CalendarDay[] }>(`/api/calendar/years/${query.year}`, { region: query.region || undefined });
      setDays(res.days);
    } catch (err) {
      setDays([]);
      errors.show(err);
    } finally {
      setLoading(false);
    }
  }, [query]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { void load(); }, [load]);

  return (
    <>
      {errors.alert}
      <Form form={form} layout="inline" initialValues={query} style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => setQuery({ year: v.year, region: v.region?.trim() ?? '' })}>
        <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1990} max={2100} />
        </Form.Item>
        <Form.Item name="region" label={t('calendar.region')}>
          <Input allowClear placeholder={t('calendar.regionNational')} maxLength={12} />
        </Form.Item>
        <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        {onEdit && <Button style={{ marginInlineStart: 8 }} onClick={() => onEdit(query.year, query.region, days)}>{t('calendar.editThis')}</Button>}
      </Form>
      <Table<CalendarDay>
        rowKey="day"
        size="small"
        loading={loading}
        dataSource={days}
        pagination={false}
        locale={{ emptyText: t('calendar.noDays') }}
        columns={[
          { title: t('calendar.day'), dataIndex: 'day', width: 140 },
          { title: t('calendar.weekday'), dataIndex: 'day', key: 'weekday', width: 100, render: (v: string) => new Date(`${v}T00:00:00`).toLocaleDateString(locale, { weekday: 'short' }) },
          { title: t('calendar.kind'), dataIndex: 'kind', width: 120, render: (v: string) => (v === 'rest' ? <StatusTag color="red">{t('calendar.rest')}</StatusTag> : <StatusTag color="blue">{t('calendar.work')}</StatusTag>) },
          { title: t('calendar.name'), dataIndex: 'name' },
        ]}
      />
    </>
  );
}
