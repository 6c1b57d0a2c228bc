import { useEffect, useState } from 'react';
import { Alert, Card, Col, Descriptions, Row, Table } from 'antd';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { useSession } from '../session/SessionContext';
import { t, type MessageKey } from '../i18n';
import type { SessionGrant } from '../session/types';
import { StatusTag } from '../components/StatusTag';

interface CalendarStatus {
  today: string;
  knownYears: number[];
  currentYearKnown: boolean;
  nextYearKnown: boolean;
  warnNextYear: boolean;
}

/** Home: who am I, what may I do and where, and what needs an administrator's attention. */
export default function Dashboard() {
  const { session } = useSession();
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  useEffect(() => {
    api.get<CalendarStatus>('/api/calendar/status').then(setStatus, () => setStatus(null));
  }, []);
  if (!session) return null;
  const a = session.account;
  return (
    <Page title={t('menu.dashboard')}>
      {status && status.warnNextYear && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('dashboard.nextYearMissing', { year: Number(status.today.slice(0, 4)) + 1 })} />
      )}
      {status && !status.currentYearKnown && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('dashboard.currentYearMissing', { year: status.today.slice(0, 4) })} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.me')}</h2>}>
            <Descriptions column={1} size="small" items={[
              { key: 'name', label: t('field.displayName'), children: a.displayName },
              { key: 'username', label: t('field.username'), children: a.username },
              { key: 'org', label: t('field.org'), children: a.orgName ?? '—' },
              { key: 'totp', label: t('dashboard.totp'), children: a.totpEnrolled ? t('dashboard.totpOn') : t('dashboard.totpOff') },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.roles')}</h2>}>
            <Table<SessionGrant>
              size="small"
              pagination={false}
              rowKey={(g) => `${g.roleCode}/${g.orgId}`}
              dataSource={session.grants}
              locale={{ emptyText: t('dashboard.noRoles') }}
              columns={[
                { title: t('field.role'), dataIndex: 'roleName', render: (v: string, g) => <>{v} {g.adminKind && <StatusTag color="red">{t(`adminKind.${g.adminKind}` as MessageKey)}</StatusTag>}</> },
                { title: t('dashboard.scope'), dataIndex: 'orgName', render: (v: string) => t('dashboard.scopeOf', { org: v }) },
              ]}
            />
          </Card>
        </Col>
        {status && (
          <Col xs={24}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.calendar')}</h2>}>
              {t('calendar.knownYears')}：{status.knownYears.length ? status.knownYears.map((y) => <StatusTag key={y}>{y}</StatusTag>) : '—'}
            </Card>
          </Col>
        )}
      </Row>
    </Page>
  );
}
