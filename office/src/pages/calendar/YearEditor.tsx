import { useEffect } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useSubmitForm } from '../../components/useSubmitForm';
import { t } from '../../i18n';
import type { CalendarDay } from './types';

export interface EditorSeed {
  year: number;
  region: string;
  days: CalendarDay[];
}

const FIELDS = ['year', 'region', 'note', 'days'];

interface YearValues {
  year: number;
  region?: string;
  note?: string;
  days?: { day: dayjs.Dayjs; kind: 'rest' | 'work'; name: string }[];
}

/** Enter (replace) a year's schedule, national or for one region, one row per holiday or make-up working day. */
export function YearEditor({ seed, onSaved }: { seed: EditorSeed; onSaved: () => void }) {
  const { message } = App.useApp();
  const { form, errors, busy, submit } = useSubmitForm<YearValues>(FIELDS, async (v) => {
    await api.put(`/api/calendar/years/${v.year}`, {
      region: v.region?.trim() ?? '',
      note: v.note?.trim() ?? '',
      days: (v.days ?? []).map((d) => ({ day: d.day.format('YYYY-MM-DD'), kind: d.kind, name: d.name.trim() })),
    });
    void message.success(t('calendar.saved', { year: v.year }));
    onSaved();
  });
  useEffect(() => {
    form.setFieldsValue({ year: seed.year, region: seed.region, note: '', days: seed.days.map((d) => ({ ...d, day: dayjs(d.day) })) });
  }, [seed, form]);

  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Typography.Paragraph type="secondary">{t('calendar.editorHelp')}</Typography.Paragraph>
      {errors.alert}
      <Space wrap align="start">
        <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1990} max={2100} />
        </Form.Item>
        <Form.Item name="region" label={t('calendar.region')} rules={[{ pattern: /^(\d{6}|\d{9}|\d{12})?$/, message: t('validation.regionCode') }]}>
          <Input placeholder={t('calendar.regionNational')} maxLength={12} />
        </Form.Item>
        <Form.Item name="note" label={t('calendar.note')}>
          <Input style={{ width: 360 }} maxLength={500} placeholder={t('calendar.notePlaceholder')} />
        </Form.Item>
      </Space>
      <Form.List name="days">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'day']} label={t('calendar.day')} rules={[{ required: true, message: t('validation.required') }]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name={[f.name, 'kind']} label={t('calendar.kind')} rules={[{ required: true, message: t('validation.required') }]}>
                  <Select style={{ width: 150 }} options={[{ value: 'rest', label: t('calendar.rest') }, { value: 'work', label: t('calendar.work') }]} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                  <Input maxLength={50} placeholder={t('calendar.namePlaceholder')} />
                </Form.Item>
                <Button danger style={{ marginTop: 30 }} onClick={() => remove(f.name)}>{t('action.remove')}</Button>
              </Space>
            ))}
            <Space>
              <Button onClick={() => add({ kind: 'rest', name: '' })}>{t('calendar.addRow')}</Button>
              <Button type="primary" htmlType="submit" loading={busy}>{t('calendar.saveYear')}</Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
