export type Stage = 'full' | 'mfa' | 'enrol';

export interface SessionGrant {
  roleCode: string;
  roleName: string;
  adminKind: 'system' | 'security' | 'audit' | null;
  orgId: string;
  orgName: string;
  atRoot: boolean;
}

export interface SessionAccount {
  id: string;
  kind: 'staff' | 'citizen' | 'enterprise';
  username: string;
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  totpEnrolled: boolean;
}

/** `GET /api/auth/session`. */
export interface SessionInfo {
  stage: Stage;
  account: SessionAccount;
  permissions: string[];
  /** Permissions held at a root of the organisation tree: platform-wide operations need these. */
  permissionsAtRoot: string[];
  grants: SessionGrant[];
}
