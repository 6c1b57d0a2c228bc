import type { Kernel } from '../../kernel/kernel.js';
import type { DemoContext } from '../../kernel/module.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { makeIdNumber } from '../../kernel/identifiers/id-number.js';
import { makeCreditCode } from '../../kernel/identifiers/credit-code.js';
import { agentRepository } from './agent.repository.js';

/** The sample city's public accounts: one citizen, one enterprise that names the citizen as its agent. */
export const DEMO_CITIZEN = { name: '张明', idNumber: makeIdNumber('990102', '1985-03-12', '123'), phone: '13900000001', email: 'zhangming@example.cn' };
export const DEMO_ENTERPRISE = { name: '示例市云帆科技有限公司', creditCode: makeCreditCode('91990102MA01YF000'), phone: '13900000002', username: 'yunfan' };

export async function seedIdentityDemo(kernel: Kernel, demo: DemoContext): Promise<void> {
  const { db, cipher, passwords } = kernel;
  demo.accounts.push({ username: DEMO_CITIZEN.phone, role: '公众（自然人）citizen, portal', note: `${DEMO_CITIZEN.name}；也可用身份证号 ${DEMO_CITIZEN.idNumber} 登录 / or sign in with the ID number` });
  demo.accounts.push({ username: DEMO_ENTERPRISE.username, role: '法人 enterprise, portal', note: `${DEMO_ENTERPRISE.name}；也可用统一社会信用代码 ${DEMO_ENTERPRISE.creditCode} 登录 / or the credit code` });
  const haveCitizen = await accountRepository.byUsername(db, DEMO_CITIZEN.phone);
  const haveEnterprise = await accountRepository.byCreditCode(db, DEMO_ENTERPRISE.creditCode);
  if (haveCitizen && haveEnterprise) return;
  // One argon2 hash for both accounts: hashing is deliberately slow.
  const hash = await passwords.hash(demo.password);
  await db.tx(async (tx) => {
    const citizen = haveCitizen ?? await accountRepository.insert(tx, {
      kind: 'citizen', username: DEMO_CITIZEN.phone, displayName: DEMO_CITIZEN.name, passwordHash: hash,
      phoneEnc: cipher.encrypt(DEMO_CITIZEN.phone), phoneHash: cipher.lookupHash(DEMO_CITIZEN.phone), email: DEMO_CITIZEN.email,
      idNumberEnc: cipher.encrypt(DEMO_CITIZEN.idNumber), idNumberHash: cipher.lookupHash(DEMO_CITIZEN.idNumber),
      realNameVerified: true, profile: { address: '示例市中心区人民路 1 号', realNameMethod: 'demo' },
    });
    if (haveEnterprise) return;
    const enterprise = await accountRepository.insert(tx, {
      kind: 'enterprise', username: DEMO_ENTERPRISE.username, displayName: DEMO_ENTERPRISE.name, passwordHash: hash,
      creditCode: DEMO_ENTERPRISE.creditCode, phoneEnc: cipher.encrypt(DEMO_ENTERPRISE.phone), phoneHash: cipher.lookupHash(DEMO_ENTERPRISE.phone),
      profile: { legalRepresentative: '王云帆', contactName: DEMO_CITIZEN.name },
    });
    await agentRepository.insert(tx, {
      enterpriseId: enterprise.id, name: DEMO_CITIZEN.name, idNumberEnc: cipher.encrypt(DEMO_CITIZEN.idNumber), idNumberHash: cipher.lookupHash(DEMO_CITIZEN.idNumber),
      phoneEnc: cipher.encrypt(DEMO_CITIZEN.phone), phoneHash: cipher.lookupHash(DEMO_CITIZEN.phone), scopeNote: '办理工商、税务相关事项',
      citizenId: citizen.id, createdBy: enterprise.id,
    });
  });
}
