/** Demo accounts: the three administrators and one account per business role, placed to show scopes. */
export interface SampleStaff {
  username: string;
  displayName: string;
  /** Org code of the account's own organisation. */
  orgCode: string;
  position: string;
  phone: string;
  role: string;
  /** Org code of the grant's scope root. */
  scopeCode: string;
  label: string;
  note: string;
}

export const SAMPLE_STAFF: SampleStaff[] = [
  { username: 'admin', displayName: '王建国', orgCode: '9901-SJB-04', position: '系统管理员', phone: '13909900001', role: 'systemAdmin', scopeCode: '9901-GOV',
    label: '系统管理员 system administrator', note: '全市目录、人员、节假日 / whole city: directory, staff, calendar' },
  { username: 'security', displayName: '李安', orgCode: '9901-SJB-04', position: '安全管理员', phone: '13909900002', role: 'securityAdmin', scopeCode: '9901-GOV',
    label: '安全管理员 security administrator', note: '角色与授权、账号解锁 / roles, grants, unlocking' },
  { username: 'auditor', displayName: '赵审', orgCode: '9901-SJB-04', position: '审计管理员', phone: '13909900003', role: 'auditAdmin', scopeCode: '9901-GOV',
    label: '审计管理员 audit administrator', note: '只读审计日志 / reads the audit log only' },
  { username: 'clerk.spj', displayName: '陈晓窗', orgCode: '9901-SPJ-ZX-W02', position: '窗口受理员', phone: '13909900011', role: 'windowClerk', scopeCode: '9901-SPJ',
    label: '窗口人员 window clerk', note: '市政务服务中心企业开办窗口 / city service centre' },
  { username: 'clerk.scj', displayName: '周敏', orgCode: '9901-SCJ-02', position: '窗口受理员', phone: '13909900012', role: 'windowClerk', scopeCode: '9901-SCJ',
    label: '窗口人员 window clerk', note: '市市场监管局 / city market regulation bureau' },
  { username: 'handler.scj', displayName: '吴承办', orgCode: '9901-SCJ-02', position: '科员', phone: '13909900013', role: 'caseHandler', scopeCode: '9901-SCJ',
    label: '承办人 case handler', note: '市市场监管局登记注册科 / city market regulation bureau' },
  { username: 'leader.scj', displayName: '郑局长', orgCode: '9901-SCJ', position: '局长', phone: '13909900014', role: 'leader', scopeCode: '9901-SCJ',
    label: '领导 leader', note: '市市场监管局 / city market regulation bureau' },
  { username: 'supervisor', displayName: '孙监察', orgCode: '9901-JW-02', position: '监察员', phone: '13909900015', role: 'supervisor', scopeCode: '9901-GOV',
    label: '监察员 supervisor', note: '市纪委监委，监察全市 / watches every department' },
  { username: 'handler.qs.scj', displayName: '钱青山', orgCode: '990121-SCJ-02', position: '科员', phone: '13909900021', role: 'caseHandler', scopeCode: '990121-SCJ',
    label: '承办人 case handler', note: '青山县市场监管局，只见本县 / county scope only' },
  { username: 'admin.qs', displayName: '冯县管', orgCode: '990121-ZFB', position: '县系统管理员', phone: '13909900022', role: 'systemAdmin', scopeCode: '990121-GOV',
    label: '系统管理员 system administrator', note: '青山县范围 / Qingshan county only' },
];
