import { anyone, definePolicies, permitted, permittedAtRoot, signedIn } from '../../kernel/auth/policy.js';

/**
 * Every directory operation and who may call it. Reads are open to staff because several permissions
 * (business readers, the system and the security administrator) grant a view of the directory; the
 * services then limit every read to the caller's organisation scope.
 */
export const directoryPolicies = definePolicies('directory', {
  listRegions: anyone(),
  readRegion: anyone(),
  // Regions and role definitions are platform-wide: only administrators granted at a tree root change them.
  createRegion: permittedAtRoot('directory.region.manage'),
  updateRegion: permittedAtRoot('directory.region.manage'),
  orgTree: signedIn(['staff']),
  listOrgs: signedIn(['staff']),
  readOrg: signedIn(['staff']),
  createOrg: permitted('directory.org.manage'),
  updateOrg: permitted('directory.org.manage'),
  listStaff: signedIn(['staff']),
  readStaff: signedIn(['staff']),
  createStaff: permitted('directory.staff.manage'),
  updateStaff: permitted('directory.staff.manage'),
  listRoles: signedIn(['staff']),
  listPermissions: signedIn(['staff']),
  createRole: permittedAtRoot('security.role.manage'),
  updateRole: permittedAtRoot('security.role.manage'),
  deleteRole: permittedAtRoot('security.role.manage'),
  listGrants: permitted('security.grant.manage'),
  createGrant: permitted('security.grant.manage'),
  deleteGrant: permitted('security.grant.manage'),
  importOrgs: permitted('directory.org.manage'),
  importStaff: permitted('directory.staff.manage'),
  importTemplate: signedIn(['staff']),
});
