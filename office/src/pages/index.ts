import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n';
import { ORG_VIEW, P, STAFF_VIEW } from '../permissions';
import { matchRoute } from '../router';

export interface PageDef {
  path: string;
  title: MessageKey;
  /** Menu group, or none for pages reached from another page. */
  group?: 'home' | 'directory' | 'security' | 'supervise' | 'platform';
  /** The menu item to highlight for pages outside the menu. */
  menuPath?: string;
  /** Any one of these lets the user open the page; none: everyone signed in. */
  permissions?: string[];
  /** The permissions count only when granted at a root of the tree (platform-wide pages). */
  atRoot?: boolean;
  component: LazyExoticComponent<ComponentType<any>>;
}

// One chunk per page: the first screen loads only what it shows.
export const pages: PageDef[] = [
  { path: '/', title: 'menu.dashboard', group: 'home', component: lazy(() => import('./Dashboard')) },
  { path: '/messages', title: 'menu.inbox', group: 'home', component: lazy(() => import('./notify/Inbox')) },
  { path: '/directory/regions', title: 'menu.regions', group: 'directory', permissions: [...ORG_VIEW, P.regionManage], component: lazy(() => import('./directory/Regions')) },
  { path: '/directory/orgs', title: 'menu.orgs', group: 'directory', permissions: ORG_VIEW, component: lazy(() => import('./directory/Orgs')) },
  { path: '/directory/staff', title: 'menu.staff', group: 'directory', permissions: STAFF_VIEW, component: lazy(() => import('./directory/Staff')) },
  { path: '/directory/staff/:id', title: 'menu.staffDetail', menuPath: '/directory/staff', permissions: STAFF_VIEW, component: lazy(() => import('./directory/StaffDetail')) },
  { path: '/directory/import', title: 'menu.import', group: 'directory', permissions: [P.orgManage, P.staffManage], component: lazy(() => import('./directory/Import')) },
  { path: '/security/roles', title: 'menu.roles', group: 'security', permissions: [P.roleManage, P.grantManage], component: lazy(() => import('./security/Roles')) },
  { path: '/security/grants', title: 'menu.grants', group: 'security', permissions: [P.grantManage], component: lazy(() => import('./security/Grants')) },
  { path: '/security/accounts', title: 'menu.accounts', group: 'security', permissions: [P.accountRead, P.accountUnlock], component: lazy(() => import('./security/Accounts')) },
  { path: '/audit', title: 'menu.audit', group: 'supervise', permissions: [P.auditRead], atRoot: true, component: lazy(() => import('./Audit')) },
  { path: '/outbox', title: 'menu.outbox', group: 'platform', permissions: [P.outboxRead], atRoot: true, component: lazy(() => import('./Outbox')) },
  { path: '/notify/announce', title: 'menu.announce', group: 'platform', permissions: [P.announce], component: lazy(() => import('./notify/Announce')) },
  { path: '/jobs', title: 'menu.jobs', group: 'platform', permissions: [P.jobsManage], atRoot: true, component: lazy(() => import('./Jobs')) },
  { path: '/search/synonyms', title: 'menu.searchSynonyms', group: 'platform', permissions: [P.synonymManage], atRoot: true, component: lazy(() => import('./SearchSynonyms')) },
  { path: '/files/:id', title: 'menu.file', component: lazy(() => import('./FileView')) },
  { path: '/calendar', title: 'menu.calendar', group: 'platform', component: lazy(() => import('./calendar/Calendar')) },
];

export function findPage(path: string): PageDef | undefined {
  return pages.find((p) => matchRoute(p.path, path) !== null);
}
