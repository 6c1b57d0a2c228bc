import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Flex, Tabs } from 'antd';
import { api } from '../../api/client';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { t } from '../../i18n';
import type { CalendarStatus } from './types';
import { YearView } from './YearView';
import { YearEditor, type EditorSeed } from './YearEditor';
import { DeadlineCalculator } from './DeadlineCalculator';
import { StatusTag } from '../../components/StatusTag';

/** The working-day calendar: which years are known, each year's schedule, its editor, and the deadline calculator. */
export default function Calendar() {
  const { can } = useSession();
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState('year');
  const [seed, setSeed] = useState<EditorSeed | null>(null);
  const [viewKey, setViewKey] = useState(0);
  const mayManage = can([P.calendarManage], true);

  const loadStatus = useCallback(() => api.get<CalendarStatus>('/api/calendar/status').then(setStatus, setError), []);
  useEffect(() => { void loadStatus(); }, [loadStatus]);
  const thisYear = status ? Number(status.today.slice(0, 4)) : new Date().getFullYear();

  const items = [
    { key: 'year', label: t('calendar.yearTab'), children: <YearView key={viewKey} initialYear={thisYear} onEdit={mayManage ? (year, region, days) => { setSeed({ year, region, days }); setTab('edit'); } : undefined} /> },
    ...(mayManage ? [{ key: 'edit', label: t('calendar.editTab'), children: <YearEditor seed={seed ?? { year: thisYear + 1, region: '', days: [] }} onSaved={() => { void loadStatus(); setViewKey((k) => k + 1); }} /> }] : []),
    { key: 'deadline', label: t('calendar.deadlineTab'), children: <DeadlineCalculator /> },
  ];

  return (
    <Page title={t('menu.calendar')}>
      <ErrorAlert error={error} />
      {status && (
        <Card style={{ marginBottom: 16 }}>
          {status.warnNextYear && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('dashboard.nextYearMissing', { year: thisYear + 1 })} />}
          <Descriptions column={1} size="small" items={[
            { key: 'today', label: t('calendar.today'), children: status.today },
            { key: 'known', label: t('calendar.knownYears'), children: status.knownYears.length ? <Flex wrap gap={4}>{status.knownYears.map((y) => <StatusTag key={y}>{y}</StatusTag>)}</Flex> : '—' },
            { key: 'regional', label: t('calendar.regional'), children: status.regional.length ? <Flex wrap gap={4}>{status.regional.map((r) => <StatusTag key={`${r.year}/${r.region_code}`}>{r.year} · {r.region_code}</StatusTag>)}</Flex> : '—' },
          ]} />
        </Card>
      )}
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={items} />
      </Card>
    </Page>
  );
}
