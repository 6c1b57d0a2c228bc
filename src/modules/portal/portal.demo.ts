import type { Kernel } from '../../kernel/kernel.js';
import { DEPARTMENT_SOURCE } from './department-search.js';

const TITLE = '关于示例市一体化政务服务平台正式启用的通知';
const BODY = '示例市一体化政务服务平台已正式启用。市民和企业可在门户网站查询办事指南、在线申请、查看办理进度和消息；' +
  '各部门工作人员请登录协同办公平台处理待办事项。使用中如有问题，请拨打 12345 政务服务便民热线。';

/**
 * The sample city's departments in the search index, and its first notice: every demo account finds one message in its inbox (portal 我的消息, office 我的消息),
 * sent through the real path (a bulk request expanded by the job queue for the staff). Runs once.
 */
export async function seedPortalDemo(kernel: Kernel): Promise<void> {
  // The directory was empty when the portal started: make the sample city's departments searchable now.
  await kernel.search.reindex({ source: DEPARTMENT_SOURCE });
  const sent = await kernel.db.query(`SELECT 1 FROM notify_requests WHERE event = 'notify.announcement' LIMIT 1`);
  if (sent.length) return;
  const roots = await kernel.db.query<{ id: string }>('SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY sort, name');
  const publicAccounts = await kernel.db.query<{ id: string }>(`SELECT id FROM accounts WHERE kind <> 'staff' ORDER BY created_at`);
  await kernel.db.tx(async (tx) => {
    for (const root of roots) await kernel.notify.tell(tx, { event: 'notify.announcement', to: { orgId: root.id }, params: { title: TITLE, body: BODY } });
    if (publicAccounts.length) {
      await kernel.notify.tell(tx, { event: 'notify.announcement', to: { accountIds: publicAccounts.map((a) => a.id) }, params: { title: TITLE, body: BODY }, link: '/' });
    }
  });
}
