import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useFormErrors } from '../../components/useFormErrors';
import { t } from '../../i18n';

interface DeadlineResult {
  from: string;
  days: number;
  unit: 'working' | 'calendar';
  deadline: string;
  provisional: boolean;
  unknownYears: number[];
}

/** The statutory deadline calculator (法定期限计算), counted as RULES.md says. */
export function DeadlineCalculator() {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['from', 'days', 'unit', 'region']);
  const [result, setResult] = useState<DeadlineResult | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { from: dayjs.Dayjs; days: number; unit: 'working' | 'calendar'; region?: string }) => {
    setBusy(true);
    errors.clear();
    setResult(null);
    try {
      setResult(await api.get<DeadlineResult>('/api/calendar/deadline', { from: v.from.format('YYYY-MM-DD'), days: v.days, unit: v.unit, region: v.region?.trim() || undefined }));
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ from: dayjs(), days: 20, unit: 'working' }}>
        <Space wrap align="start">
          <Form.Item name="from" label={t('deadline.from')} extra={t('deadline.fromHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="days" label={t('deadline.days')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={0} max={3650} />
          </Form.Item>
          <Form.Item name="unit" label={t('deadline.unit')}>
            <Radio.Group options={[{ value: 'working', label: t('deadline.working') }, { value: 'calendar', label: t('deadline.calendar') }]} />
          </Form.Item>
          <Form.Item name="region" label={t('calendar.region')} rules={[{ pattern: /^(\d{6}|\d{9}|\d{12})?$/, message: t('validation.regionCode') }]}>
            <Input placeholder={t('calendar.regionNational')} maxLength={12} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy}>{t('deadline.compute')}</Button>
      </Form>
      {result && (
        <Alert
          role="status"
          style={{ marginTop: 16 }}
          showIcon
          type={result.provisional ? 'warning' : 'success'}
          title={<span data-testid="deadline-result">{t('deadline.result', { deadline: result.deadline })}</span>}
          description={result.provisional ? t('deadline.provisional', { years: result.unknownYears.join('、') }) : undefined}
        />
      )}
    </>
  );
}
