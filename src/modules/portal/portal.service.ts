import type { Kernel } from '../../kernel/kernel.js';
import type { DeadlineResult } from '../../kernel/calendar/deadline.js';
import { portalRepository, type PublicOrgRow } from './portal.repository.js';
import { buildOrgTree, type OrgNode } from './org-tree.js';
import { readDeadlineForm, type DeadlineForm } from './deadline-form.js';

export type CalendarStatus = Awaited<ReturnType<Kernel['calendar']['status']>>;

export interface CalendarPageData {
  form: DeadlineForm;
  result: DeadlineResult | null;
  status: CalendarStatus;
}

/** What the public pages show: published organisational facts and the deadline calculator. */
export class PortalService {
  constructor(private readonly kernel: Kernel) {}

  // Published organisational facts change a few times a year: a few seconds in memory spares the database.
  cityDepartments(): Promise<PublicOrgRow[]> {
    return this.kernel.publicCache.get('portal:cityDepartments', () => portalRepository.cityDepartments(this.kernel.db));
  }

  async orgTree(): Promise<OrgNode[]> {
    return this.kernel.publicCache.get('portal:orgTree', async () => buildOrgTree(await portalRepository.publicOrgs(this.kernel.db)));
  }

  async calendar(rawQuery: Record<string, unknown>): Promise<CalendarPageData> {
    const form = readDeadlineForm(rawQuery);
    const result = form.state === 'valid' ? await this.kernel.calendar.deadline(form.query.from, form.query.days, form.query.unit) : null;
    return { form, result, status: await this.kernel.calendar.status() };
  }
}
