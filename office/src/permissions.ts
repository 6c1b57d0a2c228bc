/**
 * The permission codes the office app shows pages for, as declared by the platform (directory module
 * `directory.permissions.ts`, kernel calendar/audit/notify/jobs). The server checks them again on every
 * call; the menu only hides what the user could not use.
 */
export const P = {
  regionManage: 'directory.region.manage',
  orgRead: 'directory.org.read',
  orgManage: 'directory.org.manage',
  staffRead: 'directory.staff.read',
  staffManage: 'directory.staff.manage',
  roleManage: 'security.role.manage',
  grantManage: 'security.grant.manage',
  accountRead: 'security.account.read',
  accountUnlock: 'security.account.unlock',
  accountReset: 'security.account.reset',
  auditRead: 'audit.read',
  outboxRead: 'notify.outbox.read',
  outboxManage: 'notify.outbox.manage',
  announce: 'notify.announce',
  calendarManage: 'calendar.manage',
  jobsManage: 'jobs.manage',
  synonymManage: 'search.synonym.manage',
} as const;

/** Who sees the organisation tree and staff (the directory's ORG_VIEW / STAFF_VIEW). */
export const ORG_VIEW = [P.orgRead, P.orgManage, P.staffRead, P.staffManage, P.grantManage];
export const STAFF_VIEW = [P.staffRead, P.staffManage, P.grantManage];
